"""docs/PERMISSIONS.md is the rule: every URL the project serves has a row there, and every
cell holds when the URL is requested by that visitor, role or API key scope.

One test per column walks every row (GET for pages, an empty POST for actions, the route's
methods for the API), each request rolled back, and lists every mismatch at once."""

import pytest
from django.urls import reverse

from accreditation.keys.models import ApiScope
from logistics.delegations.models import DelegationMember
from tests.security.matrix import HOME, OWN, read_matrix, routes
from tests.security.walk import check_column, client_for, send
from tests.security.world import ROLES, SCOPES, world_for_a_module

pytestmark = pytest.mark.django_db

COLUMNS = ["anonymous", *map(str, ROLES), *map(str, SCOPES)]
HOME_PAGES = {"gate": "accreditation:scanner", "vetting": "accreditation:vetting_queue"}


@pytest.fixture(scope="module")
def matrix():
    return read_matrix()


@pytest.fixture(scope="module")
def project_routes():
    return routes()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module, inside a transaction rolled back at its end; each test runs
    in a savepoint within it, and each request of the walk in another."""
    with world_for_a_module(django_db_blocker, tmp_path_factory) as world:
        yield world


def _where(row):
    return f"{row.name}{f' ({row.variant})' if row.variant else ''} {row.method}"


def test_every_url_has_a_row(matrix, project_routes):
    """A new view without a rule fails here, named."""
    named = {(name, method) for name, _variant, method in matrix}
    missing = []
    for route in project_routes:
        if route.methods:
            missing += [f"{route.name} {method}" for method in route.methods
                        if (route.name, method) not in named]
        elif not any(name == route.name for name, _method in named):
            missing.append(route.name)
    assert missing == [], ("URLs without a row in docs/PERMISSIONS.md (add one per URL name, "
                           "and per method for an API route):\n  " + "\n  ".join(missing))


def test_every_row_is_a_url(matrix, project_routes):
    """A row for a URL that is gone (renamed, removed) is stale."""
    served = {(route.name, method) for route in project_routes
              for method in (route.methods or ("GET", "POST"))}
    stale = sorted({_where(row) for row in matrix.values()
                    if (row.name, row.method) not in served})
    assert stale == [], "Rows for URLs the project does not serve:\n  " + "\n  ".join(stale)


def test_pages_are_tried_as_the_matrix_says(matrix):
    """A page is tried with GET and an action with POST; the API rows have every column."""
    problems = []
    for row in matrix.values():
        columns = set(row.cells)
        api = row.name.startswith("api:")
        expected = set(COLUMNS) if api else set(COLUMNS[:len(ROLES) + 1])
        if columns != expected:
            problems.append(f"{_where(row)} (line {row.line}): columns {sorted(columns)}")
        if not api and row.method not in ("GET", "POST"):
            problems.append(f"{_where(row)} (line {row.line}): pages are GET or POST")
        if HOME in row.cells.values() and row.name != "logistics:dashboard":
            problems.append(f"{_where(row)}: only the dashboard sends people home")
    assert problems == []


@pytest.mark.parametrize("column", COLUMNS)
def test_matrix_holds(world, matrix, project_routes, column):
    params = {route.name: route.params for route in project_routes}
    rows = [row for row in matrix.values() if column in row.cells]
    home = reverse(HOME_PAGES[column]) if column in HOME_PAGES else None
    problems = check_column(world, rows, params, column, home=home)
    assert problems == [], (f"As {column}, {len(problems)} answers differ from "
                            "docs/PERMISSIONS.md:\n  " + "\n  ".join(problems))


def test_own_cells_are_tried_on_someone_elses_too(matrix):
    """`own` means: allowed on the caller's own (task, webhook, secret link), refused or not
    found on another's; the walk knows another's for each such row."""
    from tests.security.world import OTHER_KWARGS

    rows = {row.name for row in matrix.values() if OWN in row.cells.values()}
    assert rows - set(OTHER_KWARGS) == set()


# A delegation's focal point holds a secret link; with it, nothing of another delegation.

def test_a_registration_link_reaches_only_its_own_delegation(world):
    o = world.objects
    mine, theirs = o["delegation"], o["other_delegation"]
    client = client_for(world, "anonymous")
    token = o["invitation"].token
    page = client.get(reverse("register", args=[token])).content.decode()
    assert (mine.name in page, o["member"].family_name in page) == (True, True)
    assert (theirs.name in page, o["other_member"].family_name in page) == (False, False)

    # Another delegation's member slipped into our form, renamed, then deleted: neither
    # touches it, and the answer never shows it (the row counts as a new member of ours).
    form = {"d-name": mine.name, "privacy_consent": "on",
            "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "1",
            "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "1000",
            "m-0-id": str(o["other_member"].pk), "m-0-family_name": "Hijacked"}
    for data in (form, {**form, "m-0-DELETE": "on"}):
        response = client.post(reverse("register", args=[token]), data, follow=True)
        assert o["other_member"].family_name not in response.content.decode()
        assert DelegationMember.objects.get(pk=o["other_member"].pk).family_name == "Schmidt"
    added = DelegationMember.objects.filter(family_name="Hijacked")
    assert set(added.values_list("delegation", flat=True)) <= {mine.pk}


def test_a_registration_link_opens_no_staff_page_and_no_api(world):
    o = world.objects
    token = o["invitation"].token
    client = client_for(world, "anonymous")
    client.get(reverse("register", args=[token]))  # the link leaves no session behind
    theirs = o["other_delegation"]
    staff_pages = [reverse("logistics:delegation_detail", args=[theirs.pk]),
                   reverse("logistics:upload", args=["photo", o["member"].pk]),
                   reverse("logistics:delegation_list")]
    assert {url: client.get(url).status_code for url in staff_pages} == {
        url: 302 for url in staff_pages}
    api = [f"/api/v1/delegations/{theirs.pk}/", f"/api/v1/members/{o['other_member'].pk}/",
           "/api/v1/delegations/"]
    bearer = client_for(world, "anonymous")
    bearer.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    assert {url: bearer.get(url).status_code for url in api} == {url: 401 for url in api}
    # Nor does its calendar feed's token open another delegation's feed.
    feed = client.get(reverse("delegation_ical", args=["x" + token])).status_code
    assert feed == 404


def test_a_registration_link_for_bilaterals_shows_only_its_own_requests(world):
    o = world.objects
    client = client_for(world, "anonymous")
    mine = client.get(reverse("register_bilaterals", args=[o["invitation"].token]))
    theirs = client.get(reverse("register_bilaterals", args=[o["other_invitation"].token]))
    assert (mine.status_code, theirs.status_code) == (200, 200)
    assert o["delegation"].name in mine.content.decode()
    assert o["other_delegation"].name in theirs.content.decode()
    # B's own page names A only as the counterpart of A's request, never A's members.
    assert o["member"].family_name not in theirs.content.decode()


def test_every_scope_is_a_column():
    assert set(map(str, SCOPES)) == set(ApiScope.values)


def test_an_empty_post_is_rolled_back(world):
    """The walk's POSTs change nothing that a later row would see."""
    o = world.objects
    client = client_for(world, "protocol")
    from tests.security.matrix import Row

    row = Row("logistics:delegation_invitation_revoke", "", "POST", {}, 0)
    send(client, world, row, reverse(row.name, args=[o["delegation"].pk]))
    assert client.get(reverse("register", args=[o["invitation"].token])).status_code == 200
