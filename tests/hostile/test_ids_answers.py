"""An id from outside is never a 500: every URL with an id in its path, and every list's id
filters (and the ids its view reads by hand), requested at the boundaries of an id as a role
that may see them (the permission matrix's world and columns)."""

import inspect
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import django_filters
import pytest
from django.db import transaction
from django.urls import reverse

from tests.hostile.ids_walk import BOUNDARIES, CHECKED_FILTERS, ID_NAME, raised, url_patterns
from tests.security.matrix import ALLOWED, OWN, read_matrix, routes
from tests.security.walk import client_for, send, url_of, walking
from tests.security.world import ROLES, SCOPES, kwargs, world_for_a_module

COLUMNS = ["anonymous", *map(str, ROLES), *map(str, SCOPES)]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_a_module(django_db_blocker, tmp_path_factory) as world:
        yield world


@pytest.fixture(scope="module")
def allowed_rows():
    """(row, a column that may see it) for each row of docs/PERMISSIONS.md a role or a key
    may use; and each route's parameters by name."""
    params = {route.name: route for route in routes()}
    found = []
    for row in read_matrix().values():
        column = next((c for c in COLUMNS if row.cells.get(c) in (ALLOWED, OWN)), None)
        if column is not None and row.name in params:
            found.append((row, column, params[row.name]))
    return found


SENTINEL = 987654321987


def _with_ids_at(world, row, route, column, value):
    """The row's URL with each id parameter in turn at `value`: [(parameter, url)]."""
    valid = kwargs(world, row.name, route.params, column)
    if row.variant and "kind" in valid:
        valid["kind"] = row.variant
    name = row.name.removeprefix("api:")
    urls = []
    for param in sorted(route.params):
        if not ID_NAME.match(param):
            continue
        url = reverse(name, kwargs={**valid, param: SENTINEL})
        urls.append((param, url.replace(str(SENTINEL), str(value), 1)))
    return urls


@pytest.mark.django_db
def test_every_id_in_a_path_at_the_boundaries_is_not_found(world, allowed_rows):
    problems, tried = [], 0
    with walking():
        for row, column, route in allowed_rows:
            client = client_for(world, column)
            for value in BOUNDARIES:
                for param, url in _with_ids_at(world, row, route, column, value):
                    tried += 1
                    response = send(client, world, row, url)
                    if response.status_code != 404:
                        problems.append(f"{row.method} {url} ({param}) as {column}: "
                                        f"{response.status_code}{raised(response)}")
    assert tried > 200  # every page and API route with an id in its path
    assert problems == [], "\n  ".join(problems)


class _GetForms(HTMLParser):
    """The names a page's GET forms send that hold ids: selects of numeric options, and
    hidden inputs with a numeric value."""

    def __init__(self):
        super().__init__()
        self.names, self._form, self._select, self._numeric = set(), False, None, True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = (attrs.get("method") or "get").lower() == "get"
        elif self._form and tag == "select" and attrs.get("name"):
            self._select, self._numeric = attrs["name"], False
        elif self._select and tag == "option" and (attrs.get("value") or "").isdigit():
            self._numeric = True
        elif self._form and tag == "input" and attrs.get("type") == "hidden" and (
                attrs.get("value") or "").isdigit():
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if self._numeric:
                self.names.add(self._select)
            self._select = None
        elif tag == "form":
            self._form = False


HAND_READ = re.compile(r"""request\.(?:GET|query_params)(?:\.get\(|\[)\s*["'](\w+)["']""")


def _query_names(client, url, route):
    """The query parameters of a list that may hold ids: its filter set's id filters (API),
    the id fields of its GET forms (pages), and what its view's module reads by hand."""
    callback = route.pattern.callback if route.pattern else None  # None: an admin page
    view = getattr(callback, "cls", None) or (callback and inspect.unwrap(callback))
    names = set(HAND_READ.findall(inspect.getsource(inspect.getmodule(view)))) if view else set()
    filterset = getattr(view, "filterset_class", None)
    if filterset is not None:
        names |= {name for name, flt in filterset.base_filters.items()
                  if isinstance(flt, (*CHECKED_FILTERS, django_filters.NumberFilter,
                                      django_filters.ModelChoiceFilter))}
    elif not getattr(callback, "cls", None):
        page = client.get(url)
        if page.status_code == 200 and "html" in page.get("Content-Type", ""):
            parser = _GetForms()
            parser.feed(page.content.decode())
            names |= parser.names
    return sorted(names - {"page", "history_page", "cursor"})


@pytest.mark.django_db
def test_every_id_filter_at_the_boundaries_answers_without_an_error(world, allowed_rows):
    """Each list page and API list, with each of its id filters (and the ids it reads by
    hand) at each boundary: the list, a form error or 400, never a 500."""
    problems, tried = [], 0
    with walking():
        for row, column, route in allowed_rows:
            if row.method != "GET":
                continue
            client = client_for(world, column)
            base = url_of(world, row, route.params, column)
            for name in _query_names(client, base, route):
                for value in BOUNDARIES:
                    url = f"{base}?{urlencode({name: value})}"
                    tried += 1
                    response = send(client, world, row, url)
                    if response.status_code >= 500:
                        problems.append(f"GET {url} as {column}: "
                                        f"{response.status_code}{raised(response)}")
    assert tried > 300  # the lists' filters
    assert problems == [], "\n  ".join(problems)


@pytest.mark.django_db
def test_a_registration_with_member_ids_at_the_boundaries_changes_nothing(world):
    """The delegation's form names its members by id (a formset): an id outside the range is
    a new member of its own delegation, never another's row, never a 500."""
    o = world.objects
    client = client_for(world, "anonymous")
    url = reverse("register", args=[o["invitation"].token])
    for value in BOUNDARIES:
        form = {"d-name": o["delegation"].name, "privacy_consent": "on",
                "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "1",
                "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "1000", "m-0-id": str(value),
                "m-0-family_name": "Boundary"}
        with transaction.atomic():
            response = client.post(url, form)
            transaction.set_rollback(True)
        assert response.status_code in (200, 302, 400), (value, response.status_code)


@pytest.mark.django_db
def test_the_format_suffix_copies_of_the_api_routes_find_no_such_id(world):
    """DRF serves each route of the plan's router again with a suffix (`.json`): there too
    an id that is not there is not found (its actions once failed on the `format` argument
    the suffix gives them: a 500)."""
    client, problems, tried = client_for(world, "secretariat"), [], 0
    for text, entry in url_patterns():
        if "drf_format_suffix" not in text or "<id:" not in text:
            continue
        view = entry.callback
        for method in [m for m in getattr(view, "actions", {})
                       if m != "head" and m in view.cls.http_method_names]:
            url = "/" + re.sub(r"<id:\w+>", str(2**63 - 1), text)
            url = re.sub(r"<drf_format_suffix\w*:\w+>", ".json", url)
            tried += 1
            with transaction.atomic():
                response = client.generic(method.upper(), url, "{}",
                                          content_type="application/json")
                transaction.set_rollback(True)
            if response.status_code != 404:
                problems.append(f"{method.upper()} {url}: {response.status_code}"
                                f"{raised(response)}")
    assert tried > 20
    assert problems == [], "\n  ".join(problems)
