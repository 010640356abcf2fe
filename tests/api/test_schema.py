import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from logistics.core.enums import Role
from tests.factories.plan import UserFactory, user_with_role

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
    from accreditation.keys.services import api_key_create

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


# What a generated client needs of the schema (tests/api/test_generated_client.py runs one).

MULTIPART = "multipart/form-data"


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "put", "post", "patch", "delete"):
                yield f"{method.upper()} {path}", operation


def _takes_a_file(schema, body):
    ref = body["content"][MULTIPART]["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][ref]["properties"]
    return any(field.get("format") == "binary" for field in properties.values())


def test_every_request_body_is_json_only_unless_it_carries_a_file(reader):
    """A body declared as JSON, form and multipart at once makes a generator write a client
    that sends JSON bodies as multipart; the API parses JSON alone, and multipart only where
    a file comes (an application's photo and documents)."""
    schema = reader.get("/api/schema/?format=json").json()
    wrong, multipart = [], []
    for name, operation in _operations(schema):
        body = operation.get("requestBody")
        if body is None:
            continue
        types = set(body["content"])
        if types == {MULTIPART} and _takes_a_file(schema, body):
            multipart.append(name)
        elif types != {"application/json"}:
            wrong.append(f"{name}: {sorted(types)}")
    assert wrong == []
    assert multipart == ["POST /api/v1/applications/{reference}/files/"]


def test_the_api_refuses_a_form_body_where_it_takes_json(write_key, event):
    client = Client()
    response = client.post("/api/v1/committees/", {"event": event.pk, "name": "Logistics"},
                           HTTP_AUTHORIZATION=f"Bearer {write_key}")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_no_component_has_a_field_named_after_itself(reader):
    """A generated model builds its instance in a variable named after the model (`error =
    cls(...)`): a field of that name is shadowed, and the client fails to type-check."""
    schema = reader.get("/api/schema/?format=json").json()
    clashes = [name for name, component in schema["components"]["schemas"].items()
               if _snake(name) in component.get("properties", {})]
    assert clashes == []


def test_every_error_answer_names_its_schema(reader):
    """An error answer without a schema leaves a generated client without a model for it."""
    schema = reader.get("/api/schema/?format=json").json()
    bare = [f"{name} {status}" for name, operation in _operations(schema)
            for status, response in operation["responses"].items()
            if status >= "400" and "application/json" not in response.get("content", {})]
    assert bare == []


def _inline_enums(node, where):
    if isinstance(node, dict):
        if "enum" in node:
            yield where
        for key, value in node.items():
            yield from _inline_enums(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _inline_enums(value, f"{where}[{index}]")


def test_every_choice_in_a_component_is_a_named_enum(reader):
    """An enum written inline (a blank choice beside a named enum, say) becomes a class of
    its own per field and per model in a generated client
    (ApplicationItemRequestMediaRoleType1...): every one is a component, BlankEnum the
    blank."""
    schema = reader.get("/api/schema/?format=json").json()
    inline = [where for name, component in schema["components"]["schemas"].items()
              for where in _inline_enums(component.get("properties", {}), name)]
    assert inline == []
