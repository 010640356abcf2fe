import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from logistics.enums import Role
from tests.factories import UserFactory, user_with_role

ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"')


@pytest.fixture
def reader(db):
    client = Client()
    client.force_login(user_with_role(Role.OBSERVER))
    return client


def test_schema_and_docs_are_for_staff_and_keys_only(db):
    assert Client().get("/api/schema/").status_code == 401
    no_role = Client()
    no_role.force_login(UserFactory())
    assert no_role.get("/api/schema/").status_code == 403
    assert no_role.get("/api/docs/").status_code == 403


def test_a_scan_key_and_a_gate_operator_read_the_schema(db):
    from accreditation.services import api_key_create

    _key, raw = api_key_create(name="Gate scanners", scopes=["scan"])
    response = Client().get("/api/schema/?format=json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert "/api/v1/scans/" in response.json()["paths"]
    gate = Client()
    gate.force_login(user_with_role(Role.GATE))
    assert gate.get("/api/docs/").status_code == 200


def test_schema_is_openapi_3(reader):
    response = reader.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3")
    assert {"/api/v1/tasks/", "/api/v1/tasks/{id}/progress/", "/api/v1/events/",
            "/api/v1/agencies/", "/api/v1/committees/",
            "/api/v1/task-updates/"} <= set(schema["paths"])


def test_schema_documents_bearer_keys(reader):
    schema = reader.get("/api/schema/?format=json").json()
    assert schema["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"


def test_schema_documents_task_filters(reader):
    schema = reader.get("/api/schema/?format=json").json()
    names = {p["name"] for p in schema["paths"]["/api/v1/tasks/"]["get"]["parameters"]}
    assert {"event", "committee", "lead_agency", "coordinating_agency", "status", "overdue",
            "due_after", "due_before", "search", "ordering", "page", "page_size"} <= names


def test_docs_page_loads_its_assets_locally(reader):
    response = reader.get("/api/docs/")
    assert response.status_code == 200
    assets = ASSET.findall(response.content.decode())
    assert len(assets) >= 3
    assert [url for url in assets if re.match(r"(https?:)?//", url)] == []
    missing = [url for url in assets if url.startswith("/static/")
               and not finders.find(url.removeprefix("/static/"))]
    assert missing == []
