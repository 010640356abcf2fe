"""`Authorization: Bearer <key>`: scoped, revocable keys stored as a hash."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accreditation.keys.models import ApiKey
from accreditation.keys.services import api_key_create, api_key_revoke
from logistics.plan.models import TaskUpdate


def test_api_key_read_scope_can_list_tasks(bearer, read_key, task):
    response = bearer(read_key).get("/api/v1/tasks/")
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == ["SEC-01"]


def test_api_key_read_scope_cannot_report_progress(bearer, read_key, task):
    response = bearer(read_key).post(f"/api/v1/tasks/{task.pk}/progress/",
                                     {"status": "in_progress", "progress": 10}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    task.refresh_from_db()
    assert task.progress == 0


def test_api_key_write_scope_alone_cannot_read(bearer, task):
    raw = api_key_create(name="writer only", scopes=["write"])[1]
    assert bearer(raw).get("/api/v1/tasks/").status_code == 403


def test_api_key_write_scope_updates_task_without_an_author(bearer, write_key, task):
    response = bearer(write_key).post(f"/api/v1/tasks/{task.pk}/progress/",
                                      {"status": "in_progress", "progress": 40,
                                       "note": "From the agency's tracker"}, format="json")
    assert response.status_code == 200
    assert response.json()["progress"] == 40
    update = TaskUpdate.objects.get(task=task)
    assert (update.author, update.note) == (None, "From the agency's tracker")
    assert update.changes == {"status": ["planned", "in_progress"], "progress": [0, 40]}


def test_api_key_revoked_gets_401(bearer, revoked_key, task):
    response = bearer(revoked_key).get("/api/v1/tasks/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_api_key_revoked_after_use_stops_working(bearer, task):
    key, raw = api_key_create(name="sync", scopes=["read"])
    client = bearer(raw)
    assert client.get("/api/v1/tasks/").status_code == 200
    api_key_revoke(key=key)
    assert client.get("/api/v1/tasks/").status_code == 401


def test_api_key_wrong_key_gets_401(bearer, read_key, task):
    response = bearer(read_key + "x").get("/api/v1/tasks/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Bearer two words"])
def test_api_key_missing_or_malformed_bearer_value_gets_401(anonymous, task, header):
    anonymous.credentials(HTTP_AUTHORIZATION=header)
    response = anonymous.get("/api/v1/tasks/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_api_key_scheme_is_case_insensitive(anonymous, read_key, task):
    anonymous.credentials(HTTP_AUTHORIZATION=f"bearer {read_key}")
    assert anonymous.get("/api/v1/tasks/").status_code == 200


def test_api_key_non_ascii_value_gets_401(anonymous, task):
    anonymous.credentials(HTTP_AUTHORIZATION="Bearer khóa".encode().decode("latin-1"))
    assert anonymous.get("/api/v1/tasks/").status_code == 401


def test_anonymous_gets_401_with_www_authenticate(anonymous, task):
    response = anonymous.get("/api/v1/tasks/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["error"]["code"] == "not_authenticated"


def test_api_key_use_is_recorded_at_most_once_a_minute(bearer, task):
    key, raw = api_key_create(name="scanner", scopes=["read"])
    bearer(raw).get("/api/v1/tasks/")
    key.refresh_from_db()
    first_use = key.last_used_at
    assert first_use is not None
    bearer(raw).get("/api/v1/tasks/")
    key.refresh_from_db()
    assert key.last_used_at == first_use
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=first_use - timedelta(minutes=2))
    bearer(raw).get("/api/v1/tasks/")
    key.refresh_from_db()
    assert key.last_used_at >= first_use


def test_api_key_stored_as_sha256_only(db):
    key, raw = api_key_create(name="printer", scopes=["read"])
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert stored["digest"] == ApiKey.hash(raw)
    assert [name for name, value in stored.items() if raw in str(value)] == []


def test_api_key_revoke_keeps_first_revocation_time(db):
    key, _ = api_key_create(name="printer", scopes=["read"])
    first = api_key_revoke(key=key).revoked_at
    assert api_key_revoke(key=key).revoked_at == first
    assert first <= timezone.now()


def test_api_key_header_takes_precedence_over_session(login, secretariat, read_key, task):
    client = login(secretariat)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {read_key}")
    response = client.patch(f"/api/v1/tasks/{task.pk}/", {"title": "x"}, format="json")
    assert response.status_code == 403
