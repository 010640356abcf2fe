import re

from django.contrib.staticfiles import finders
from django.test import Client

ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"')


def test_schema_is_openapi_3(db):
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3")
    assert {"/api/v1/tasks/", "/api/v1/tasks/{id}/progress/", "/api/v1/events/",
            "/api/v1/agencies/", "/api/v1/committees/",
            "/api/v1/task-updates/"} <= set(schema["paths"])


def test_schema_documents_bearer_keys(db):
    schema = Client().get("/api/schema/?format=json").json()
    assert schema["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"


def test_schema_documents_task_filters(db):
    schema = Client().get("/api/schema/?format=json").json()
    names = {p["name"] for p in schema["paths"]["/api/v1/tasks/"]["get"]["parameters"]}
    assert {"event", "committee", "lead_agency", "coordinating_agency", "status", "overdue",
            "due_after", "due_before", "search", "ordering", "page", "page_size"} <= names


def test_docs_page_loads_its_assets_locally(db):
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    assets = ASSET.findall(response.content.decode())
    assert len(assets) >= 3
    assert [url for url in assets if re.match(r"(https?:)?//", url)] == []
    missing = [url for url in assets
               if not finders.find(url.removeprefix("/static/"))]
    assert missing == []
