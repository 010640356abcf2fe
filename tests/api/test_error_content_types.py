"""An error's Content-Type says how to read its body, on every route that renders something
other than JSON when it succeeds (the schema as YAML or vnd.oai.openapi, the docs page and
its script, a badge's PDF): the error is JSON, labelled application/json."""

import json

import pytest
from rest_framework.test import APIClient

from tests.factories.plan import UserFactory

# (path, Accept header, query string): what a client asks of each route.
ROUTES = [
    ("/api/schema/", "", ""),
    ("/api/schema/", "", "format=json"),
    ("/api/schema/", "", "format=yaml"),
    ("/api/schema/", "application/vnd.oai.openapi", ""),
    ("/api/schema/", "application/vnd.oai.openapi+json", ""),
    ("/api/schema/", "application/yaml", ""),
    ("/api/docs/", "text/html", ""),
    ("/api/docs/", "", "script"),
    ("/api/v1/badges/1/pdf/", "application/pdf", ""),
    ("/api/v1/badges/1/pdf/", "", "format=pdf"),
    ("/api/v1/tasks/", "", ""),
]


def read_body(response):
    """The body, read as its Content-Type says; the error shape is what it must hold."""
    media_type = response["Content-Type"].split(";")[0].strip()
    assert media_type == "application/json", (media_type, response.content[:80])
    return json.loads(response.content)


@pytest.fixture
def callers(db, key_client):
    """Who asks: nobody, a key that does not exist, a staff account without a role, a key
    without the scopes of the route."""
    no_role = APIClient()
    no_role.force_login(UserFactory(username="norole"))
    wrong_key = APIClient()
    wrong_key.credentials(HTTP_AUTHORIZATION="Bearer acc_not-a-key")
    return {"anonymous": (APIClient(), {401, 403}), "wrong key": (wrong_key, {401}),
            "no role": (no_role, {403}),
            "badge PDF without personal_data": (key_client("accreditation:read"), {403}),
            "missing badge": (key_client("accreditation:read", "personal_data"), {404})}


@pytest.mark.parametrize(("path", "accept", "query"), ROUTES,
                         ids=[f"{path}?{query}|{accept}" for path, accept, query in ROUTES])
def test_an_error_is_json_labelled_as_json(callers, path, accept, query):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    failed = set()
    for who, (client, statuses) in callers.items():
        response = client.get(f"{path}?{query}" if query else path, **headers)
        if response.status_code < 400:
            continue  # this caller may read this route (a staff route, a key's scope)
        failed.add(who)
        assert response.status_code in statuses | {401, 403, 404}, (who, response.status_code)
        body = read_body(response)
        assert isinstance(body["error"]["code"], str), (who, body)
        assert body["error"]["message"], (who, body)
    # Every route refuses at least nobody and a key that does not exist.
    assert {"anonymous", "wrong key"} <= failed


@pytest.mark.parametrize("path", ["/api/schema/", "/api/v1/badges/1/pdf/"])
def test_an_accept_the_route_cannot_give_is_answered_in_json(callers, path):
    client, _statuses = callers["missing badge"]
    response = client.get(path, HTTP_ACCEPT="text/csv")
    assert response.status_code == 406
    assert read_body(response)["error"]["code"] == "not_acceptable"
