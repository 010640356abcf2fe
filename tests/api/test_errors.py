"""One error shape everywhere: {"error": {"code", "message", "fields"?}}."""

from datetime import timedelta

import pytest

from logistics.plan.services.master_plan import task_update
from tests.factories.plan import TaskFactory


def _error(response):
    body = response.json()
    assert list(body) == ["error"]
    assert set(body["error"]) - {"fields"} == {"code", "message"}
    assert isinstance(body["error"]["message"], str)
    return body["error"]


def test_error_401_anonymous(anonymous, task):
    response = anonymous.get(f"/api/v1/tasks/{task.pk}/")
    assert (response.status_code, _error(response)["code"]) == (401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_error_401_unknown_key(bearer, task):
    response = bearer("acc_not-a-key").get(f"/api/v1/tasks/{task.pk}/")
    assert (response.status_code, _error(response)["code"]) == (401, "authentication_failed")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_error_403_no_role(login, no_role, task):
    response = login(no_role).get(f"/api/v1/tasks/{task.pk}/")
    assert (response.status_code, _error(response)["code"]) == (403, "permission_denied")


def test_error_403_domain_not_allowed(login, focal_point, task):
    response = login(focal_point).patch(f"/api/v1/tasks/{task.pk}/",
                                        {"due_date": "2031-01-01"}, format="json")
    assert (response.status_code, _error(response)["code"]) == (403, "not_allowed")


def test_error_404_unknown_task(login, secretariat, task):
    response = login(secretariat).get("/api/v1/tasks/999999/")
    assert (response.status_code, _error(response)["code"]) == (404, "not_found")


def test_error_404_page_out_of_range(login, secretariat, task):
    response = login(secretariat).get("/api/v1/tasks/?page=9")
    assert (response.status_code, _error(response)["code"]) == (404, "not_found")


def test_error_405_delete(login, secretariat, task):
    response = login(secretariat).delete(f"/api/v1/tasks/{task.pk}/")
    assert (response.status_code, _error(response)["code"]) == (405, "method_not_allowed")
    assert "DELETE" not in response["Allow"]


def test_error_400_fields(login, secretariat, task):
    response = login(secretariat).patch(f"/api/v1/tasks/{task.pk}/",
                                        {"due_date": "next week", "progress": 150},
                                        format="json")
    error = _error(response)
    assert (response.status_code, error["code"]) == (400, "invalid")
    assert sorted(error["fields"]) == ["due_date", "progress"]


def test_error_400_malformed_json(login, secretariat, task):
    response = login(secretariat).generic("PATCH", f"/api/v1/tasks/{task.pk}/", "{not json",
                                          content_type="application/json")
    assert (response.status_code, _error(response)["code"]) == (400, "parse_error")


def test_error_400_unknown_filter_value(login, secretariat, task):
    response = login(secretariat).get("/api/v1/tasks/?due_after=someday&status=late")
    error = _error(response)
    assert (response.status_code, error["code"]) == (400, "invalid")
    assert sorted(error["fields"]) == ["due_after", "status"]


def test_error_400_dependency_cycle(login, secretariat, event, committee, agency, task):
    later = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-02",
                        due_date=task.due_date + timedelta(days=5))
    task_update(task=later, by=secretariat, depends_on=[task])
    response = login(secretariat).patch(f"/api/v1/tasks/{task.pk}/",
                                        {"depends_on": [later.pk]}, format="json")
    error = _error(response)
    assert (response.status_code, error["code"]) == (400, "dependency_cycle")
    assert error["fields"] == {"depends_on": ["SEC-01 → SEC-02 → SEC-01"]}


@pytest.mark.parametrize("method", ["get", "post"])
def test_error_shape_for_unsupported_media_type_or_accept(login, secretariat, task, method):
    client = login(secretariat)
    if method == "get":
        response = client.get("/api/v1/tasks/", HTTP_ACCEPT="application/xml")
        expected = (406, "not_acceptable")
    else:
        response = client.post(f"/api/v1/tasks/{task.pk}/progress/", "x",
                               content_type="application/xml")
        expected = (415, "unsupported_media_type")
    assert (response.status_code, _error(response)["code"]) == expected


def test_unknown_api_url_answers_json_404(client, db):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Not found."}}


def test_unknown_staff_url_answers_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
