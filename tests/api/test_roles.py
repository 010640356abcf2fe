"""Who may call what: every endpoint and method, role by role and key by key."""

from datetime import timedelta

import pytest

from logistics.plan.services.master_plan import task_update_progress

READERS = ["secretariat", "steering", "observer", "focal_point"]


@pytest.fixture
def reads(event, agency, committee, task, secretariat):
    task_update_progress(task=task, by=secretariat, status="in_progress", progress=10)
    update = task.updates.get()
    return [
        "/api/v1/events/", f"/api/v1/events/{event.pk}/",
        "/api/v1/agencies/", f"/api/v1/agencies/{agency.pk}/",
        "/api/v1/committees/", f"/api/v1/committees/{committee.pk}/",
        "/api/v1/tasks/", f"/api/v1/tasks/{task.pk}/",
        "/api/v1/task-updates/", f"/api/v1/task-updates/{update.pk}/",
    ]


@pytest.fixture
def writes(event, agency, other_agency, committee, task):
    """Every write, with the status the secretariat gets for it."""
    due = (event.today() + timedelta(days=20)).isoformat()
    return {
        "event_create": ("post", "/api/v1/events/", {
            "name": "Closing ceremony", "slug": "closing", "start_date": "2031-05-01",
            "end_date": "2031-05-02"}, 201),
        "event_update": ("patch", f"/api/v1/events/{event.pk}/", {"city": "Hà Nội"}, 200),
        "agency_create": ("post", "/api/v1/agencies/", {
            "event": event.pk, "code": "VNA", "name": "Vietnam Airlines", "kind": "company"},
            201),
        "agency_update": ("patch", f"/api/v1/agencies/{agency.pk}/", {"name": "Bộ Công an"},
                          200),
        "committee_create": ("post", "/api/v1/committees/", {
            "event": event.pk, "code": "PRO", "name": "Protocol and Reception",
            "chair_agency": other_agency.pk, "member_agencies": [agency.pk]}, 201),
        "committee_update": ("patch", f"/api/v1/committees/{committee.pk}/", {"order": 3},
                             200),
        "task_create": ("post", "/api/v1/tasks/", {
            "event": event.pk, "code": "SEC-02", "title": "Traffic plan",
            "committee": committee.pk, "lead_agency": agency.pk, "due_date": due}, 201),
        "task_update": ("patch", f"/api/v1/tasks/{task.pk}/", {"title": "Revised plan"}, 200),
        "task_progress": ("post", f"/api/v1/tasks/{task.pk}/progress/", {
            "status": "in_progress", "progress": 30, "note": "Walk-through done"}, 200),
    }


def _call(client, method, url, payload=None):
    return getattr(client, method)(url, payload, format="json")


@pytest.mark.parametrize("role", READERS)
def test_plan_roles_can_read_every_endpoint(request, login, reads, role):
    client = login(request.getfixturevalue(role))
    assert {url: client.get(url).status_code for url in reads} == {url: 200 for url in reads}


def test_read_key_can_read_every_endpoint(bearer, read_key, reads):
    client = bearer(read_key)
    assert {url: client.get(url).status_code for url in reads} == {url: 200 for url in reads}


def test_user_without_role_cannot_read_anything(login, no_role, reads):
    client = login(no_role)
    assert {url: client.get(url).status_code for url in reads} == {url: 403 for url in reads}


def test_anonymous_cannot_read_anything(anonymous, reads):
    assert ({url: anonymous.get(url).status_code for url in reads}
            == {url: 401 for url in reads})


@pytest.mark.parametrize("name", ["event_create", "event_update", "agency_create",
                                  "agency_update", "committee_create", "committee_update",
                                  "task_create", "task_update", "task_progress"])
def test_secretariat_can_make_every_write(login, secretariat, writes, name):
    method, url, payload, expected = writes[name]
    assert _call(login(secretariat), method, url, payload).status_code == expected


@pytest.mark.parametrize("name", ["event_create", "event_update", "agency_create",
                                  "agency_update", "committee_create", "committee_update",
                                  "task_create", "task_update", "task_progress"])
def test_write_key_can_make_every_write(bearer, write_key, writes, name):
    method, url, payload, expected = writes[name]
    assert _call(bearer(write_key), method, url, payload).status_code == expected


@pytest.mark.parametrize("role", ["steering", "observer", "no_role"])
def test_readers_cannot_write_anything(request, login, writes, role):
    client = login(request.getfixturevalue(role))
    statuses = {name: _call(client, method, url, payload).status_code
                for name, (method, url, payload, _) in writes.items()}
    assert statuses == {name: 403 for name in writes}


def test_read_key_cannot_write_anything(bearer, read_key, writes):
    client = bearer(read_key)
    statuses = {name: _call(client, method, url, payload).status_code
                for name, (method, url, payload, _) in writes.items()}
    assert statuses == {name: 403 for name in writes}


def test_anonymous_cannot_write_anything(anonymous, writes):
    statuses = {name: _call(anonymous, method, url, payload).status_code
                for name, (method, url, payload, _) in writes.items()}
    assert statuses == {name: 401 for name in writes}


def test_focal_point_can_only_report_progress_on_own_task(login, focal_point, writes):
    client = login(focal_point)
    statuses = {name: _call(client, method, url, payload).status_code
                for name, (method, url, payload, _) in writes.items()}
    assert statuses == {name: 200 if name == "task_progress" else 403 for name in writes}


@pytest.mark.parametrize("url", ["/api/v1/events/{event}/", "/api/v1/agencies/{agency}/",
                                 "/api/v1/committees/{committee}/", "/api/v1/tasks/{task}/"])
def test_no_one_can_delete_over_the_api(login, secretariat, event, agency, committee, task,
                                        url):
    url = url.format(event=event.pk, agency=agency.pk, committee=committee.pk, task=task.pk)
    assert login(secretariat).delete(url).status_code == 405


def test_task_updates_are_read_only(login, secretariat, task):
    response = login(secretariat).post("/api/v1/task-updates/", {"task": task.pk,
                                                                 "note": "x"})
    assert response.status_code == 405
