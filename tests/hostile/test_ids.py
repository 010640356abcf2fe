"""An id from outside is 1 to 2**63 − 1 (logistics/ids.py): outside that, "not found" or a
validation error, never a 500 (SQLite cannot hold 2**63: OverflowError).

Two kinds of test. The walks over the code: every URL pattern, filter set, form (and admin)
and serializer takes its ids through the range check, so that a new one cannot escape.
The walks over the answers: every URL with an id in its path, and every list's id filters
(and ids read by hand), requested at the boundaries as a role that may see them."""

import importlib
import inspect
import pkgutil
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import django_filters
import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern, RoutePattern
from rest_framework import serializers

from logistics import ids
from logistics.api.filters import IdOrCodeFilter
from tests.security.matrix import ALLOWED, OWN, read_matrix, routes
from tests.security.walk import client_for, send, url_of, walking
from tests.security.world import ROLES, SCOPES, build_world, kwargs

BOUNDARIES = [0, -1, 2**31, 2**63 - 1, 2**63, 10**30]
COLUMNS = ["anonymous", *map(str, ROLES), *map(str, SCOPES)]
ID_NAME = re.compile(r"^(pk|id|\w+_pk|\w+_id)$")
PACKAGES = ("config", "logistics", "accreditation", "privacy")


def _project_modules():
    for package in PACKAGES:
        module = importlib.import_module(package)
        yield module
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if ".migrations" not in info.name:
                yield importlib.import_module(info.name)


def _project_subclasses(base):
    """Every subclass of `base` defined in the project's modules (all imported first)."""
    list(_project_modules())
    found, stack = [], [base]
    while stack:
        for cls in stack.pop().__subclasses__():
            stack.append(cls)
            if cls.__module__.split(".")[0] in PACKAGES:
                found.append(cls)
    return found


# The code


def _url_patterns(resolver=None, prefix=""):
    """(route text, entry) of every URL pattern and include, the admin's own left out."""
    for entry in (resolver or get_resolver()).url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield text, entry
            yield from _url_patterns(entry, text)
        elif isinstance(entry, URLPattern):
            yield text, entry


def test_every_id_in_a_url_path_goes_through_the_id_converter():
    unchecked = []
    for text, entry in _url_patterns():
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            for name, converter in pattern.converters.items():
                if isinstance(converter, IntConverter) or (
                        ID_NAME.match(name) and not isinstance(converter, ids.IdConverter)):
                    unchecked.append(f"{text}: <{name}> by {type(converter).__name__}")
        elif isinstance(pattern, RegexPattern):
            unchecked += [f"{text}: (?P<{name}>) by a regular expression"
                          for name in pattern.regex.groupindex if ID_NAME.match(name)]
    assert unchecked == [], "Ids in URL paths without <id:...>:\n  " + "\n  ".join(unchecked)


def _target(model, field_name):
    """The model field a filter's `field_name` ends on, or None (a method's own name)."""
    field = None
    for part in field_name.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:  # noqa: BLE001  (not a field: "q", a method filter)
            return None
        model = field.related_model or model
    return field


CHECKED_FILTERS = (ids.IdFilter, ids.ModelChoiceFilter, ids.ModelMultipleChoiceFilter,
                   IdOrCodeFilter)


def test_every_id_filter_checks_its_range():
    unchecked = []
    for filterset in _project_subclasses(django_filters.FilterSet):
        model = filterset._meta.model
        for name, flt in filterset.base_filters.items():
            if isinstance(flt, CHECKED_FILTERS):
                continue
            field = _target(model, flt.field_name) if model and not flt.method else None
            names_a_row = field is not None and (field.is_relation or field.primary_key)
            if isinstance(flt, (django_filters.ModelChoiceFilter,
                                django_filters.ModelMultipleChoiceFilter)) or (
                    names_a_row and flt.lookup_expr != "isnull"):
                unchecked.append(f"{filterset.__module__}.{filterset.__name__}.{name}: "
                                 f"{type(flt).__name__}")
    assert unchecked == [], ("Filters on ids outside logistics/ids.py (IdFilter, "
                             "ModelChoiceFilter...):\n  " + "\n  ".join(unchecked))


def _unchecked_choice(field):
    if isinstance(field, forms.ModelMultipleChoiceField):
        return not isinstance(field, ids.RangeCheckedChoices)
    return isinstance(field, forms.ModelChoiceField) and not isinstance(field,
                                                                         ids.RangeCheckedChoice)


def test_every_choice_of_a_row_in_a_form_checks_its_range():
    unchecked = [f"{form.__module__}.{form.__name__}.{name}: {type(field).__name__}"
                 for form in _project_subclasses(forms.BaseForm)
                 for name, field in getattr(form, "base_fields", {}).items()
                 if _unchecked_choice(field)]
    assert unchecked == [], ("Model choice fields outside logistics/ids.py:\n  "
                             + "\n  ".join(unchecked))


def test_every_admin_form_checks_its_ids():
    unchecked = [f"{model._meta.label}: {type(model_admin).__name__}"
                 for model, model_admin in admin.site._registry.items()
                 if not isinstance(model_admin, ids.IdFormFields)]
    assert unchecked == []


def _fields(serializer, prefix=""):
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.BaseSerializer):
            yield from _fields(field, f"{prefix}{name}.")
            continue
        if isinstance(field, serializers.ManyRelatedField):
            field = field.child_relation
        if isinstance(field, serializers.ListField):
            field = field.child
        yield f"{prefix}{name}", field


def test_every_relation_in_an_api_body_checks_its_range():
    unchecked, unreadable = [], []
    for serializer_class in _project_subclasses(serializers.BaseSerializer):
        if issubclass(serializer_class, serializers.ListSerializer) or (
                issubclass(serializer_class, serializers.ModelSerializer)
                and not hasattr(serializer_class, "Meta")):
            continue  # a list of another serializer, or a base: walked as those
        where = f"{serializer_class.__module__}.{serializer_class.__name__}"
        try:
            fields = list(_fields(serializer_class()))
        except Exception as error:  # noqa: BLE001
            unreadable.append(f"{where}: {type(error).__name__}: {error}")
            continue
        unchecked += [f"{where}.{name}: {type(field).__name__}" for name, field in fields
                      if isinstance(field, serializers.PrimaryKeyRelatedField)
                      and not isinstance(field, ids.PrimaryKeyRelatedField)]
    assert unreadable == [], "\n  ".join(unreadable)
    assert unchecked == [], ("Relations the API takes outside ids.PrimaryKeyRelatedField:\n  "
                             + "\n  ".join(unchecked))


def _schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _integers(schema, node, where, seen):
    """(where, schema) of every integer a request body may hold."""
    if "$ref" in node:
        if node["$ref"] in seen:
            return
        seen = seen | {node["$ref"]}
        node = schema["components"]["schemas"][node["$ref"].split("/")[-1]]
    if node.get("readOnly"):
        return
    if node.get("type") == "integer":
        yield where, node
    for key in ("allOf", "oneOf", "anyOf"):
        for inner in node.get(key, []):
            yield from _integers(schema, inner, where, seen)
    for name, inner in node.get("properties", {}).items():
        yield from _integers(schema, inner, f"{where}.{name}", seen)
    if "items" in node:
        yield from _integers(schema, node["items"], f"{where}[]", seen)


def test_every_integer_the_api_takes_in_a_path_or_a_body_is_bounded():
    """The schema the integrations read: an id from 1 to 2**63 - 1 (ids.IdField, the
    relations, `<id:pk>`), a count or an order up to what its column holds. Unbounded, 10**30
    would reach the database."""
    schema, unbounded = _schema(), []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                node = parameter.get("schema", {})
                if parameter["in"] == "path" and node.get("type") == "integer" and (
                        "maximum" not in node or "minimum" not in node):
                    unbounded.append(f"{where} {parameter['name']}")
            body = operation.get("requestBody", {}).get("content", {})
            for content in body.values():
                unbounded += [f"{where} body{name}"
                              for name, node in _integers(schema, content["schema"], "", set())
                              if "maximum" not in node or "minimum" not in node]
    assert unbounded == [], "Integers without a range:\n  " + "\n  ".join(sorted(set(unbounded)))


@pytest.mark.django_db
def test_every_choice_field_refuses_the_boundaries_without_an_error():
    """Each model choice field of each form, asked to clean the boundary ids: "not a valid
    choice", never an exception from the database."""
    failures = []
    for form in _project_subclasses(forms.BaseForm):
        for name, field in getattr(form, "base_fields", {}).items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            field = field.__deepcopy__({})
            if field.queryset is None:  # only the form's __init__ knows its rows
                continue
            # Every row of the model, not the form's few (often none before __init__): the
            # query must be asked for the database to fail on it.
            field.queryset = field.queryset.model._default_manager.all()
            multiple = isinstance(field, forms.ModelMultipleChoiceField)
            for value in BOUNDARIES:
                try:
                    field.clean([str(value)] if multiple else str(value))
                except ValidationError:
                    continue
                except Exception as error:  # noqa: BLE001
                    failures.append(f"{form.__name__}.{name}={value}: {type(error).__name__}")
                else:
                    failures.append(f"{form.__name__}.{name}={value}: accepted")
    assert failures == []


# The answers


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = str(tmp_path_factory.mktemp("media"))
    with (django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media),
          transaction.atomic()):
        yield build_world()
        transaction.set_rollback(True)


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
                                        f"{response.status_code}{_raised(response)}")
    assert tried > 200  # every page and API route with an id in its path
    assert problems == [], "\n  ".join(problems)


def _raised(response):
    exc = getattr(response, "exc_info", None)
    return f" {exc[0].__name__}: {exc[1]}" if exc else ""


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
                                        f"{response.status_code}{_raised(response)}")
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
        form = {"d-name": o["delegation"].name, "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "1",
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
    for text, entry in _url_patterns():
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
                                f"{_raised(response)}")
    assert tried > 20
    assert problems == [], "\n  ".join(problems)
