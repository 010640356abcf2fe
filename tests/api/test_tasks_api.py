from datetime import timedelta

import pytest

from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services.master_plan import task_update, task_update_progress
from tests.factories.plan import AgencyFactory, CommitteeFactory, EventFactory, TaskFactory
from tests.queries import same_queries


def _codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_task_retrieve_shows_agencies_by_id_and_code(login, observer, task, agency,
                                                     other_agency, committee):
    body = login(observer).get(f"/api/v1/tasks/{task.pk}/").json()
    assert {name: body[name] for name in [
        "code", "committee", "committee_code", "lead_agency", "lead_agency_code",
        "coordinating_agencies", "coordinating_agency_codes", "status", "progress",
        "is_overdue", "depends_on", "parent", "staff_url"]} == {
        "code": "SEC-01", "committee": committee.pk, "committee_code": "SEC",
        "lead_agency": agency.pk, "lead_agency_code": "MPS",
        "coordinating_agencies": [other_agency.pk], "coordinating_agency_codes": ["MOFA"],
        "status": "planned", "progress": 0, "is_overdue": False, "depends_on": [],
        "parent": None, "staff_url": f"http://testserver/tasks/{task.pk}/"}
    assert "note" not in body


def test_task_create_by_secretariat_goes_through_the_service(login, secretariat, event,
                                                             committee, agency, other_agency,
                                                             task):
    response = login(secretariat).post("/api/v1/tasks/", {
        "event": event.pk, "code": "SEC-02", "title": "Kiểm tra an ninh khu vực hội nghị",
        "committee": committee.pk, "lead_agency": agency.pk,
        "coordinating_agencies": [other_agency.pk], "depends_on": [task.pk],
        "due_date": (event.today() + timedelta(days=20)).isoformat(),
        "note": "Agreed at the working group"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    created = Task.objects.get(pk=body["id"])
    assert (body["code"], body["title"], body["depends_on"], body["is_overdue"]) == (
        "SEC-02", "Kiểm tra an ninh khu vực hội nghị", [task.pk], False)
    update = created.updates.get()
    assert (update.author, update.note, update.changes) == (
        secretariat, "Agreed at the working group", {"created": [None, "SEC-02"]})


def test_task_update_by_secretariat_records_changes(login, secretariat, task, event):
    new_due = task.due_date + timedelta(days=3)
    response = login(secretariat).patch(f"/api/v1/tasks/{task.pk}/", {
        "due_date": new_due.isoformat(), "title": task.title, "note": "Venue late"},
        format="json")
    assert response.status_code == 200, response.content
    assert response.json()["due_date"] == new_due.isoformat()
    update = TaskUpdate.objects.get(task=task)
    assert (update.changes, update.note) == (
        {"due_date": [task.due_date.isoformat(), new_due.isoformat()]}, "Venue late")


def test_task_put_with_unchanged_identity_is_accepted(login, secretariat, task, committee,
                                                      agency, other_agency):
    client = login(secretariat)
    body = client.get(f"/api/v1/tasks/{task.pk}/").json()
    body["title"] = "Security plan, second version"
    response = client.put(f"/api/v1/tasks/{task.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    assert TaskUpdate.objects.get(task=task).changes == {
        "title": ["Security plan for the convention centre", "Security plan, second version"]}


def test_task_code_and_event_cannot_change(login, secretariat, task):
    response = login(secretariat).patch(f"/api/v1/tasks/{task.pk}/",
                                        {"code": "NEW-01", "event": EventFactory().pk},
                                        format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["code", "event"]


def test_focal_point_reports_progress_on_task_its_agency_leads(login, focal_point, task):
    response = login(focal_point).post(f"/api/v1/tasks/{task.pk}/progress/", {
        "status": "in_progress", "progress": 60, "note": "Đã khảo sát hiện trường"},
        format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["progress"]) == ("in_progress", 60)
    update = TaskUpdate.objects.get(task=task)
    assert (update.author, update.note) == (focal_point, "Đã khảo sát hiện trường")


def test_focal_point_reports_progress_on_task_its_agency_coordinates(login, event, committee,
                                                                     agency, other_agency,
                                                                     focal_point):
    coordinated = TaskFactory(event=event, committee=committee, lead_agency=other_agency,
                              coordinating_agencies=[agency])
    response = login(focal_point).post(f"/api/v1/tasks/{coordinated.pk}/progress/",
                                       {"status": "blocked", "progress": 10}, format="json")
    assert response.status_code == 200


def test_focal_point_can_patch_status_and_progress_of_own_task(login, focal_point, task):
    response = login(focal_point).patch(f"/api/v1/tasks/{task.pk}/",
                                        {"status": "done", "note": "Signed off"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["progress"]) == ("done", 100)


def test_focal_point_cannot_report_on_another_agencys_task(login, focal_point, others_task):
    response = login(focal_point).post(f"/api/v1/tasks/{others_task.pk}/progress/",
                                       {"status": "in_progress", "progress": 5}, format="json")
    assert response.status_code == 403
    assert TaskUpdate.objects.filter(task=others_task).count() == 0


def test_focal_point_cannot_change_due_date_of_own_task(login, focal_point, task):
    response = login(focal_point).patch(f"/api/v1/tasks/{task.pk}/", {
        "due_date": (task.due_date + timedelta(days=30)).isoformat()}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_allowed"
    task.refresh_from_db()
    assert TaskUpdate.objects.filter(task=task).count() == 0


def test_focal_point_of_parent_agency_does_not_answer_for_its_units(login, event, committee,
                                                                    agency, focal_point):
    unit = AgencyFactory(event=event, code="MPS-K02", parent=agency)
    unit_task = TaskFactory(event=event, committee=committee, lead_agency=unit)
    response = login(focal_point).post(f"/api/v1/tasks/{unit_task.pk}/progress/",
                                       {"status": "in_progress", "progress": 20}, format="json")
    assert response.status_code == 403


def test_progress_by_api_key_names_the_key_in_the_log(bearer, write_key, task):
    response = bearer(write_key).post(f"/api/v1/tasks/{task.pk}/progress/",
                                      {"status": "in_progress", "progress": 35,
                                       "note": "From the gates' system"}, format="json")
    assert response.status_code == 200
    update = TaskUpdate.objects.get(task=task)
    assert (update.author, update.via, update.note) == (None, "API key plan sync",
                                                        "From the gates' system")


def test_task_progress_rejects_out_of_range_and_unknown_status(login, secretariat, task):
    response = login(secretariat).post(f"/api/v1/tasks/{task.pk}/progress/",
                                       {"status": "finished", "progress": 101}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["progress", "status"]


def test_task_progress_done_below_100_is_refused(login, secretariat, task):
    response = login(secretariat).post(f"/api/v1/tasks/{task.pk}/progress/",
                                       {"status": "done", "progress": 80}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_task"


def test_task_create_rejects_bad_date(login, secretariat, event, committee, agency):
    response = login(secretariat).post("/api/v1/tasks/", {
        "event": event.pk, "code": "X-1", "title": "x", "committee": committee.pk,
        "lead_agency": agency.pk, "due_date": "31/12/2030"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["due_date"]
    assert Task.objects.count() == 0


def test_task_create_rejects_unknown_agency(login, secretariat, event, committee, agency):
    response = login(secretariat).post("/api/v1/tasks/", {
        "event": event.pk, "code": "X-1", "title": "x", "committee": committee.pk,
        "lead_agency": 999999, "coordinating_agencies": [agency.pk, 999998],
        "due_date": "2030-12-31"}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["coordinating_agencies",
                                                          "lead_agency"]


def test_task_create_rejects_agency_of_another_event(login, secretariat, event, committee):
    foreign = AgencyFactory(event=EventFactory())
    response = login(secretariat).post("/api/v1/tasks/", {
        "event": event.pk, "code": "X-1", "title": "x", "committee": committee.pk,
        "lead_agency": foreign.pk, "due_date": "2030-12-31"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_task", "message": "The task is not valid.",
        "fields": {"lead_agency": ["Belongs to another event."]}}


def test_task_create_rejects_duplicate_code(login, secretariat, event, committee, agency,
                                            task):
    response = login(secretariat).post("/api/v1/tasks/", {
        "event": event.pk, "code": "SEC-01", "title": "x", "committee": committee.pk,
        "lead_agency": agency.pk, "due_date": "2030-12-31"}, format="json")
    assert response.status_code == 400
    assert Task.objects.count() == 1


def test_task_update_rejects_dependency_cycle(login, secretariat, event, committee, agency,
                                              task):
    second = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-02")
    third = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-03")
    task_update(task=second, by=secretariat, depends_on=[task])
    task_update(task=third, by=secretariat, depends_on=[second])
    response = login(secretariat).patch(f"/api/v1/tasks/{task.pk}/",
                                        {"depends_on": [third.pk]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "dependency_cycle"
    assert list(task.depends_on.all()) == []


@pytest.fixture
def plan(event, committee, agency, other_agency):
    """Five tasks: one late, one done and late, one blocked, two ahead."""
    today = event.today()
    second = CommitteeFactory(event=event, code="PRO")
    return {
        "late": TaskFactory(event=event, committee=committee, lead_agency=agency,
                            code="A-LATE", title="Perimeter fence",
                            due_date=today - timedelta(days=2), progress=30),
        "done": TaskFactory(event=event, committee=committee, lead_agency=agency,
                            code="B-DONE", title="Accreditation centre",
                            due_date=today - timedelta(days=5),
                            status=TaskStatus.DONE, progress=100),
        "blocked": TaskFactory(event=event, committee=second, lead_agency=other_agency,
                               code="C-BLOCK", title="Motorcade routes",
                               due_date=today + timedelta(days=3),
                               status=TaskStatus.BLOCKED, progress=10,
                               coordinating_agencies=[agency]),
        "soon": TaskFactory(event=event, committee=second, lead_agency=other_agency,
                            code="D-SOON", title="Airport welcome",
                            due_date=today + timedelta(days=7),
                            status=TaskStatus.IN_PROGRESS, progress=50),
        "later": TaskFactory(event=event, committee=committee, lead_agency=agency,
                             code="E-LATER", title="Closing press conference",
                             due_date=today + timedelta(days=40)),
    }


def test_task_filter_overdue(login, observer, plan):
    client = login(observer)
    assert _codes(client.get("/api/v1/tasks/?overdue=true")) == ["A-LATE"]
    assert _codes(client.get("/api/v1/tasks/?overdue=false")) == [
        "B-DONE", "C-BLOCK", "D-SOON", "E-LATER"]


def test_task_filter_overdue_uses_each_events_calendar(login, observer, plan, committee):
    # Kiribati is already tomorrow when Honolulu is still today: one date, two verdicts.
    ahead = EventFactory(time_zone="Pacific/Kiritimati")
    behind = EventFactory(time_zone="Pacific/Honolulu")
    for event, code in [(ahead, "KI"), (behind, "HN")]:
        TaskFactory(event=event, code=code, due_date=behind.today())
    overdue = _codes(login(observer).get("/api/v1/tasks/?overdue=true"))
    assert ("KI" in overdue, "HN" in overdue) == (True, False)


def test_task_filter_status_several(login, observer, plan):
    response = login(observer).get("/api/v1/tasks/?status=blocked&status=done")
    assert _codes(response) == ["B-DONE", "C-BLOCK"]


def test_task_filter_coordinating_agency_by_id_or_code(login, observer, plan, agency):
    client = login(observer)
    assert _codes(client.get(f"/api/v1/tasks/?coordinating_agency={agency.pk}")) == [
        "C-BLOCK"]
    assert _codes(client.get("/api/v1/tasks/?coordinating_agency=MPS")) == ["C-BLOCK"]


def test_task_filter_lead_agency_and_committee(login, observer, plan, other_agency):
    client = login(observer)
    assert _codes(client.get(f"/api/v1/tasks/?lead_agency={other_agency.pk}")) == [
        "C-BLOCK", "D-SOON"]
    assert _codes(client.get("/api/v1/tasks/?committee=SEC&lead_agency=MPS")) == [
        "B-DONE", "A-LATE", "E-LATER"]


def test_task_filter_due_range(login, observer, plan, event):
    today = event.today()
    response = login(observer).get(
        f"/api/v1/tasks/?due_after={today.isoformat()}"
        f"&due_before={(today + timedelta(days=7)).isoformat()}")
    assert _codes(response) == ["C-BLOCK", "D-SOON"]


def test_task_filter_event(login, observer, plan, event):
    TaskFactory(code="ELSEWHERE")
    client = login(observer)
    assert len(_codes(client.get("/api/v1/tasks/"))) == 6
    assert "ELSEWHERE" not in _codes(client.get(f"/api/v1/tasks/?event={event.pk}"))


def test_task_search_code_and_title(login, observer, plan):
    client = login(observer)
    assert _codes(client.get("/api/v1/tasks/?search=airport")) == ["D-SOON"]
    assert _codes(client.get("/api/v1/tasks/?search=c-block")) == ["C-BLOCK"]


def test_task_ordering(login, observer, plan):
    client = login(observer)
    assert _codes(client.get("/api/v1/tasks/?ordering=-progress")) == [
        "B-DONE", "D-SOON", "A-LATE", "C-BLOCK", "E-LATER"]
    assert _codes(client.get("/api/v1/tasks/?ordering=code")) == [
        "A-LATE", "B-DONE", "C-BLOCK", "D-SOON", "E-LATER"]


def test_task_list_default_order_is_due_date(login, observer, plan):
    assert _codes(login(observer).get("/api/v1/tasks/")) == [
        "B-DONE", "A-LATE", "C-BLOCK", "D-SOON", "E-LATER"]


def test_task_list_pagination(login, observer, plan):
    client = login(observer)
    first = client.get("/api/v1/tasks/?page_size=2").json()
    assert (first["count"], len(first["results"]), first["previous"]) == (5, 2, None)
    assert first["next"] == "http://testserver/api/v1/tasks/?page=2&page_size=2"
    last = client.get("/api/v1/tasks/?page=3&page_size=2").json()
    assert ([row["code"] for row in last["results"]], last["next"]) == (["E-LATER"], None)


def test_task_list_page_size_is_capped(login, observer, plan):
    body = login(observer).get("/api/v1/tasks/?page_size=100000").json()
    assert len(body["results"]) == 5


def _several_tasks(event, committee, agency, other_agency, count):
    for _ in range(count):
        task = TaskFactory(event=event, committee=committee, lead_agency=agency,
                           coordinating_agencies=[other_agency])
        task.depends_on.set(Task.objects.exclude(pk=task.pk)[:1])


def test_task_list_query_count_does_not_grow(login, observer, event, committee, agency,
                                             other_agency, same_query_count):
    client = login(observer)
    same_query_count(lambda: client.get("/api/v1/tasks/?overdue=false"),
                     lambda n: _several_tasks(event, committee, agency, other_agency, n))


def test_task_update_list_newest_first_and_filtered_by_task(login, observer, secretariat,
                                                            task, others_task):
    task_update_progress(task=task, by=secretariat, status="in_progress", progress=10,
                         note="first")
    task_update_progress(task=others_task, by=secretariat, status="in_progress",
                         progress=10, note="elsewhere")
    task_update_progress(task=task, by=secretariat, status="in_progress", progress=20,
                         note="second")
    response = login(observer).get(f"/api/v1/task-updates/?task={task.pk}")
    rows = response.json()["results"]
    assert [(row["note"], row["task_code"], row["author"]) for row in rows] == [
        ("second", "SEC-01", "secretariat"), ("first", "SEC-01", "secretariat")]
    assert rows[0]["changes"] == {"progress": [10, 20]}


def test_task_update_list_query_count_does_not_grow(login, observer, secretariat, task):
    client = login(observer)
    task_update_progress(task=task, by=secretariat, status="in_progress", progress=10)

    def add():
        task_update_progress(task=task, by=secretariat, status="in_progress", progress=20)
        task_update_progress(task=task, by=None, status="in_progress", progress=30)

    response = same_queries(lambda: client.get("/api/v1/task-updates/"), add)
    assert response.json()["count"] == 3
