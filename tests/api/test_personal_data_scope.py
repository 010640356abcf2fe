"""Personal data over the API needs its own scope. A key's `read` or `accreditation:read`
lists the people (names, functions, delegations, statuses) but not what identifies or
locates them beyond that: dates of birth, e-mail addresses, phones, flights, hotels, needs,
ID document data, the badge PDF with its photo. `personal_data` adds them. The staff
session API keeps showing each role what docs/PERMISSIONS.md says it sees.

Every GET route of the API is walked (the URL patterns, as the permission matrix does), on
one world where recognisable values are planted in every personal field a serializer has:
a key with every scope but personal_data finds none of them anywhere; with personal_data
too, every one appears, the same in a list as in its detail."""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.integrations.services.webhooks import webhook_register
from accreditation.keys.models import ApiScope
from accreditation.keys.services import api_key_create
from logistics.core.enums import Role
from logistics.delegations.enums import DelegationLevel
from logistics.delegations.models import Delegation, DelegationMember
from logistics.programme.models import Session
from logistics.side_events.models import SideEventProposal
from tests.security.matrix import routes
from tests.security.world import kwargs, world_for_a_module

pytestmark = pytest.mark.django_db

# What is planted, by the field it is planted in: found as it is in a JSON body.
MEMBER = {"date_of_birth": "1961-07-19", "email": "planted.member@example.org",
          "arrival_flight": "VN 9871", "departure_flight": "VN 9872",
          "hotel": "Hotel Planted Lotus", "dietary_needs": "planted halal",
          "accessibility_needs": "planted wheelchair"}
DELEGATION = {"focal_point_name": "Planted Focal Person",
              "focal_point_email": "planted.focal@example.org",
              "hotel": "Hotel Planted Residence"}
APPLICANT = {"date_of_birth": "1977-03-08", "email": "planted.applicant@example.org",
             "phone": "+84 912 777 001", "id_document_expiry": "2033-09-17"}
SESSION = {"organiser_email": "planted.organiser@example.org"}
PROPOSAL = {"organiser_name": "Planted Contact Person",
            "organiser_email": "planted.proposer@example.org"}
BADGE_PDF = "/pdf/"  # the badge's PDF link: the printed badge shows the photo

MARKERS = {*MEMBER.values(), *DELEGATION.values(), *APPLICANT.values(), *SESSION.values(),
           *PROPOSAL.values(), BADGE_PDF}
ALL_SCOPES = list(ApiScope.values)
WITHOUT = [scope for scope in ALL_SCOPES if scope != ApiScope.PERSONAL_DATA]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_a_module(django_db_blocker, tmp_path_factory) as world:
        o = world.objects
        # A head of state's own data among them.
        Delegation.objects.filter(pk=o["delegation"].pk).update(
            head_level=DelegationLevel.HEAD_OF_STATE, **DELEGATION)
        DelegationMember.objects.filter(pk=o["member"].pk).update(
            is_head=True, **{**MEMBER, "date_of_birth": date.fromisoformat(
                MEMBER["date_of_birth"])})
        Application.objects.filter(pk=o["application"].pk).update(**{
            **APPLICANT, "date_of_birth": date.fromisoformat(APPLICANT["date_of_birth"]),
            "id_document_expiry": date.fromisoformat(APPLICANT["id_document_expiry"])})
        Session.objects.filter(pk=o["session"].pk).update(**SESSION)
        SideEventProposal.objects.filter(pk=o["proposal"].pk).update(**PROPOSAL)
        for which, scopes in (("without", WITHOUT), ("with", ALL_SCOPES)):
            world.keys[which] = api_key_create(name=f"{which} personal data", scopes=scopes)
            o["webhooks"][which] = webhook_register(
                api_key=world.keys[which][0], url="https://hooks.example.org/accord",
                events=["badge.issued"])
        yield world


def _get_routes():
    return [route for route in routes()
            if route.name.startswith("api:") and "GET" in route.methods
            and route.name not in ("api:api-schema", "api:api-docs")]


def _client(world, which):
    return Client(HTTP_AUTHORIZATION=f"Bearer {world.keys[which][1]}")


def _walk(world, which):
    """{route name: (status, markers found in the body)} for every GET route, as the key
    `which` (its own webhook for the webhook routes; the world's event where one is asked)."""
    client = _client(world, which)
    seen = {}
    for route in _get_routes():
        args = kwargs(world, route.name, route.params, which)
        response = client.get(reverse(route.name.removeprefix("api:"), kwargs=args),
                              {"event": world.objects["event"].pk})
        body = response.content.decode(errors="replace")
        seen[route.name] = (response.status_code, {m for m in MARKERS if m in body})
    return seen


def test_a_key_without_the_scope_gets_no_personal_field_anywhere(world):
    seen = _walk(world, "without")
    assert {name: found for name, (_status, found) in seen.items() if found} == {}
    # It still reads the people: every route answers (the badge PDF excepted).
    refused = sorted(name for name, (status, _found) in seen.items() if status != 200)
    assert refused == ["api:badge-pdf"]


def test_a_key_with_the_scope_gets_every_personal_field(world):
    seen = _walk(world, "with")
    found = set().union(*(markers for _status, markers in seen.values()))
    assert MARKERS - found == set()
    assert seen["api:badge-pdf"][0] == 200
    # A list shows the person as its detail does.
    for name, (status, markers) in seen.items():
        if name.endswith("-detail") and status == 200:
            listed = seen[name.removesuffix("-detail") + "-list"][1]
            assert markers <= listed, name
    # The head of state's own data among them.
    members = seen["api:member-detail"][1]
    assert set(MEMBER.values()) <= members


def test_a_search_never_matches_on_what_the_key_is_not_shown(world):
    """?search= on an e-mail would tell a key without the scope whose address it is."""
    search = {"search": APPLICANT["email"]}
    without = _client(world, "without").get("/api/v1/applications/", search)
    within = _client(world, "with").get("/api/v1/applications/", search)
    assert (without.json()["count"], within.json()["count"]) == (0, 1)


def test_the_schema_says_which_fields_need_the_scope(world):
    schema = json.loads(_client(world, "without").get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)
    components = schema["components"]["schemas"]
    needs = {name: sorted(field for field, spec in component.get("properties", {}).items()
                          if "personal_data scope" in spec.get("description", ""))
             for name, component in components.items()}
    assert set(MEMBER) <= set(needs["Member"])
    assert set(needs["Delegation"]) == set(DELEGATION)
    assert set(APPLICANT) <= set(needs["Application"])
    assert set(needs["Session"]) == set(SESSION)
    assert set(needs["Proposal"]) == set(PROPOSAL)
    assert needs["Badge"] == ["pdf"]
    security = schema["components"]["securitySchemes"]["apiKey"]["description"]
    assert "`personal_data`" in security


# The staff session API (the pages' own JavaScript) keeps docs/PERMISSIONS.md's rule.

LISTS = ["/api/v1/members/", "/api/v1/delegations/", "/api/v1/sessions/",
         "/api/v1/side-event-proposals/", "/api/v1/applications/", "/api/v1/badges/"]
SEES = {
    Role.SECRETARIAT: MARKERS,
    Role.PROTOCOL: {*MEMBER.values(), *DELEGATION.values()},
    Role.PROGRAMME: {*SESSION.values(), *PROPOSAL.values()},
    Role.ACCREDITATION: {*APPLICANT.values(), BADGE_PDF},
    Role.VETTING: set(APPLICANT.values()),
    Role.STEERING: set(),
    Role.OBSERVER: set(),
    Role.FOCAL_POINT: set(),
    Role.GATE: set(),
}


@pytest.mark.parametrize("role", list(SEES), ids=str)
def test_the_staff_session_api_shows_each_role_what_it_sees(world, role):
    client = Client()
    client.force_login(world.users[str(role)])
    found = set()
    for url in LISTS:
        body = client.get(url, {"page_size": 500}).content.decode()
        found |= {marker for marker in MARKERS if marker in body}
    assert found == SEES[role]
