"""The delegations, signing and programme endpoints in the OpenAPI schema."""

import json

import pytest
from django.core.management import call_command

from logistics.core.enums import Role
from tests.factories.plan import user_with_role

PATHS = {
    "/api/v1/delegations/", "/api/v1/delegations/{id}/", "/api/v1/delegations/{id}/status/",
    "/api/v1/members/", "/api/v1/members/{id}/", "/api/v1/signings/",
    "/api/v1/signings/{id}/", "/api/v1/signings/{id}/schedule/",
    "/api/v1/signings/{id}/verify-full-powers/", "/api/v1/signings/{id}/sign/",
    "/api/v1/signings/order/", "/api/v1/rooms/", "/api/v1/sessions/",
    "/api/v1/sessions/{id}/cancel/", "/api/v1/speakers/", "/api/v1/side-event-proposals/",
}


_generated = {}


@pytest.fixture
def schema(login, db):
    """Generated once for the module: it depends on the code, not on the data."""
    if "schema" not in _generated:
        response = login(user_with_role(Role.OBSERVER)).get("/api/schema/?format=json")
        assert response.status_code == 200
        _generated["schema"] = response.json()
    return _generated["schema"]


def _parameters(schema, path):
    return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}


def test_schema_has_every_endpoint(schema):
    assert set(schema["paths"]) >= PATHS


def test_schema_documents_the_filters(schema):
    assert {"kind", "regional_group", "status", "head_level", "intends_to_sign", "search",
            "page", "page_size"} <= _parameters(schema, "/api/v1/delegations/")
    assert {"delegation"} <= _parameters(schema, "/api/v1/members/")
    assert {"day", "room", "kind", "status"} <= _parameters(schema, "/api/v1/sessions/")
    assert {"session"} <= _parameters(schema, "/api/v1/speakers/")
    assert {"status", "format"} <= _parameters(schema, "/api/v1/side-event-proposals/")


def test_schema_documents_clashes_and_full_powers(schema):
    create = schema["paths"]["/api/v1/sessions/"]["post"]["responses"]
    assert "room_clash" in create["409"]["description"]
    sign = schema["paths"]["/api/v1/signings/{id}/sign/"]["post"]["responses"]
    assert "full_powers_missing" in sign["409"]["description"]


def test_schema_never_names_id_documents_reviews_or_tokens(schema):
    # Integrations may send an applicant's ID number (write-only, for one person, one
    # accreditation): the application schemas are checked in test_applications_api.py.
    paths = {p: v for p, v in schema["paths"].items() if "/applications/" not in p}
    components = {n: c for n, c in schema["components"]["schemas"].items()
                  if "Application" not in n}
    text = json.dumps({"paths": paths, "components": components})
    assert "id_document" not in text
    assert "confirm_token" not in text
    proposal = schema["components"]["schemas"]["Proposal"]["properties"]
    assert {name for name in proposal if "review" in name or "score" in name} == set()


def test_schema_says_photos_are_not_served(schema):
    description = schema["paths"]["/api/v1/members/"]["get"]["description"]
    assert "photos are not served" in description


def test_schema_generates_without_warnings(tmp_path, db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file",
                 str(tmp_path / "schema.yml"))
