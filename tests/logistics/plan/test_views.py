from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from logistics.core.enums import ReminderKind, Role
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Reminder, Task, TaskUpdate
from logistics.reminders import mail as notifications
from tests.audit.conftest import trail_text
from tests.factories.plan import (
    AgencyFactory,
    EventFactory,
    TaskFactory,
    UserFactory,
    user_with_role,
)

READ_PAGES = ["logistics:dashboard", "logistics:task_list", "logistics:timeline",
              "logistics:agency_list"]


@pytest.fixture
def task(event, committee, agency, other_agency):
    return TaskFactory(event=event, code="PR-01", title="Plan to welcome delegations",
                       committee=committee, lead_agency=agency,
                       coordinating_agencies=[other_agency])


def test_pages_send_anonymous_users_to_login(client, task):
    for name in READ_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    assert client.get(task.get_absolute_url()).status_code == 302


def test_pages_refuse_users_without_a_role(client, task):
    client.force_login(UserFactory())
    for name in READ_PAGES:
        assert client.get(reverse(name)).status_code == 403
    assert client.get(task.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.STEERING, Role.OBSERVER,
                                  Role.FOCAL_POINT])
def test_every_role_reads_every_plan_page(client, task, agency, role):
    client.force_login(user_with_role(role, agencies=[agency]))
    for name in READ_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(task.get_absolute_url()).status_code == 200
    assert client.get(reverse("logistics:agency_detail", args=[agency.pk])).status_code == 200


def test_pages_show_an_empty_state_without_an_event(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("logistics:dashboard"))
    assert "There is no event to plan" in response.content.decode()


def test_task_list_empty_plan_says_so(client, event, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("logistics:task_list"))
    assert "The plan has no tasks yet" in response.content.decode()


def _post_progress(client, task, **data):
    return client.post(reverse("logistics:task_progress", args=[task.pk]),
                       {"status": "in_progress", "progress": 50, "note": "", **data})


def test_focal_point_updates_own_agencys_task(client, task, focal_point):
    client.force_login(focal_point)
    response = _post_progress(client, task, progress=60, note="Airport welcome rehearsed")
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 60)
    assert TaskUpdate.objects.get(task=task).note == "Airport welcome rehearsed"


def test_focal_point_of_a_coordinating_agency_may_update(client, task, other_agency):
    client.force_login(user_with_role(Role.FOCAL_POINT, agencies=[other_agency]))
    assert _post_progress(client, task).status_code == 302


def test_focal_point_of_a_unit_under_the_lead_agency_may_not(client, task, agency):
    unit = AgencyFactory(event=task.event, parent=agency)
    client.force_login(user_with_role(Role.FOCAL_POINT, agencies=[unit]))
    assert _post_progress(client, task).status_code == 403


def test_focal_point_of_the_parent_ministry_may_not_update_its_units_task(client, event,
                                                                          agency, committee):
    unit = AgencyFactory(event=event, parent=agency)
    task = TaskFactory(event=event, committee=committee, lead_agency=unit)
    client.force_login(user_with_role(Role.FOCAL_POINT, agencies=[agency]))
    assert _post_progress(client, task).status_code == 403


@pytest.mark.parametrize("role", [Role.STEERING, Role.OBSERVER])
def test_readers_cannot_update_a_task(client, task, role):
    client.force_login(user_with_role(role))
    assert _post_progress(client, task).status_code == 403
    task.refresh_from_db()
    assert task.progress == 0


def test_unrelated_focal_point_cannot_update(client, task, event):
    stranger = AgencyFactory(event=event)
    client.force_login(user_with_role(Role.FOCAL_POINT, agencies=[stranger]))
    assert _post_progress(client, task).status_code == 403
    assert not TaskUpdate.objects.filter(task=task).exists()


def test_progress_update_rejects_bad_input_and_changes_nothing(client, task, focal_point):
    client.force_login(focal_point)
    response = _post_progress(client, task, progress=150)
    assert response.status_code == 400
    assert "less than or equal to 100" in response.content.decode()
    response = _post_progress(client, task, status="done", progress=40)
    assert response.status_code == 400
    assert "A task marked done must be at 100%." in response.content.decode()
    response = _post_progress(client, task, status="finished")
    assert response.status_code == 400
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.PLANNED, 0)


def test_progress_update_is_post_only(client, task, focal_point):
    client.force_login(focal_point)
    assert client.get(reverse("logistics:task_progress", args=[task.pk])).status_code == 405


def _codes(response):
    return [t.code for t in response.context["page"]]


def test_task_list_filters(client, event, committee, agency, other_agency, secretariat):
    today = event.today()
    late = TaskFactory(event=event, code="A-LATE", committee=committee, lead_agency=agency,
                       due_date=today - timedelta(days=2), status=TaskStatus.IN_PROGRESS)
    done = TaskFactory(event=event, code="B-DONE", committee=committee, lead_agency=agency,
                       due_date=today - timedelta(days=2), status=TaskStatus.DONE, progress=100)
    soon = TaskFactory(event=event, code="C-SOON", committee=committee, lead_agency=other_agency,
                       coordinating_agencies=[agency], due_date=today + timedelta(days=3),
                       title="Press centre")
    client.force_login(secretariat)
    url = reverse("logistics:task_list")
    assert _codes(client.get(url, {"overdue": "true"})) == [late.code]
    assert _codes(client.get(url, {"status": ["done", "in_progress"]})) == [late.code, done.code]
    assert _codes(client.get(url, {"lead_agency": other_agency.pk})) == [soon.code]
    assert _codes(client.get(url, {"coordinating_agency": agency.pk})) == [soon.code]
    assert _codes(client.get(url, {"due_after": today.isoformat()})) == [soon.code]
    assert _codes(client.get(url, {"q": "press"})) == [soon.code]
    assert _codes(client.get(url, {"sort": "-code"})) == [soon.code, done.code, late.code]
    assert _codes(client.get(url, {"committee": committee.pk, "sort": "code"})) == [
        late.code, done.code, soon.code]


def test_task_list_ignores_a_bad_filter_value_with_a_message(client, task, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("logistics:task_list"), {"due_after": "31/02/2026"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_task_list_paginates_and_keeps_filters(client, event, committee, agency, secretariat):
    for n in range(55):
        TaskFactory(event=event, code=f"T{n:02d}", committee=committee, lead_agency=agency)
    client.force_login(secretariat)
    response = client.get(reverse("logistics:task_list"), {"lead_agency": agency.pk})
    assert len(response.context["page"]) == 50
    assert f"lead_agency={agency.pk}&amp;page=2" in response.content.decode()
    second = client.get(reverse("logistics:task_list"), {"lead_agency": agency.pk, "page": 2})
    assert len(second.context["page"]) == 5


def test_task_detail_shows_log_dependencies_children_and_reminders(client, task, secretariat):
    child = TaskFactory(event=task.event, code="SP-001", committee=task.committee,
                        lead_agency=task.lead_agency, parent=task)
    before = TaskFactory(event=task.event, code="PR-00", committee=task.committee,
                         lead_agency=task.lead_agency)
    task.depends_on.add(before)
    TaskUpdate.objects.create(task=task, author=secretariat, note="Venue confirmed")
    client.force_login(secretariat)
    page = client.get(task.get_absolute_url()).content.decode()
    for text in ("Venue confirmed", "SP-001", "PR-00", "No reminders yet."):
        assert text in page
    assert child.get_absolute_url() in page


def test_agency_page_lists_what_it_leads_coordinates_and_is_late(client, event, committee,
                                                                 agency, other_agency, observer):
    today = event.today()
    TaskFactory(event=event, code="LEAD-LATE", committee=committee, lead_agency=agency,
                due_date=today - timedelta(days=1))
    TaskFactory(event=event, code="COORD", committee=committee, lead_agency=other_agency,
                coordinating_agencies=[agency])
    client.force_login(observer)
    response = client.get(reverse("logistics:agency_detail", args=[agency.pk]))
    assert [t.code for t in response.context["leads"]] == ["LEAD-LATE"]
    assert [t.code for t in response.context["coordinates"]] == ["COORD"]
    assert [t.code for t in response.context["late"]] == ["LEAD-LATE"]


def test_agency_of_another_event_is_not_found(client, task, observer):
    stranger = AgencyFactory()
    client.force_login(observer)
    response = client.get(reverse("logistics:agency_detail", args=[stranger.pk]))
    assert response.status_code == 404


def _make_tasks(event, committee, agencies, count):
    today = event.today()
    for n in range(count):
        TaskFactory(event=event, committee=committee, lead_agency=agencies[n % 2],
                    coordinating_agencies=agencies, due_date=today - timedelta(days=n - 1),
                    status=TaskStatus.IN_PROGRESS)


@pytest.mark.parametrize("name", READ_PAGES)
def test_page_query_count_does_not_grow_with_tasks(client, django_assert_max_num_queries, event,
                                                   committee, agency, other_agency, secretariat,
                                                   name):
    client.force_login(secretariat)
    _make_tasks(event, committee, [agency, other_agency], 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse(name)).status_code == 200
    _make_tasks(event, committee, [agency, other_agency], 3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse(name)).status_code == 200
    assert Task.objects.count() == 4


def test_task_detail_query_count_does_not_grow(client, django_assert_max_num_queries, task,
                                               secretariat):
    client.force_login(secretariat)
    with CaptureQueriesContext(connection) as one:
        client.get(task.get_absolute_url())
    for n in range(3):
        child = TaskFactory(event=task.event, committee=task.committee,
                            lead_agency=task.lead_agency, parent=task)
        task.depends_on.add(child)
        TaskUpdate.objects.create(task=task, author=secretariat, note=str(n))
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(task.get_absolute_url())


def test_staff_switch_between_events(client, event, observer):
    other = EventFactory(name="Review conference")
    TaskFactory(event=other, code="RC-01")
    client.force_login(observer)
    assert "Review conference" in client.get(reverse("logistics:dashboard")).content.decode()
    response = client.post(reverse("logistics:choose_event"), {"event": other.pk})
    assert response.status_code == 302
    page = client.get(reverse("logistics:task_list"))
    assert _codes(page) == ["RC-01"]


def test_switching_to_an_unknown_event_is_404(client, event, observer):
    client.force_login(observer)
    assert client.post(reverse("logistics:choose_event"), {"event": 999999}).status_code == 404
    assert client.post(reverse("logistics:choose_event"), {"event": "x"}).status_code == 404


def test_update_log_names_fields_and_statuses_in_the_readers_words(client, task, focal_point):
    client.force_login(focal_point)
    _post_progress(client, task, progress=30)
    text = trail_text(client.get(task.get_absolute_url()))
    assert "Status Planned → In progress" in text
    assert "Progress (%) 0 → 30" in text


@pytest.mark.parametrize("value", ["abc", "1.5", "²", "١٢", "99999999999999999999999"])
def test_odd_ids_in_query_strings_are_ignored_not_500(client, task, secretariat, value):
    client.force_login(secretariat)
    assert client.get(reverse("logistics:timeline"), {"committee": value}).status_code == 200
    assert client.get("/api/v1/tasks/", {"committee": value}).status_code == 200
    assert client.post(reverse("logistics:choose_event"), {"event": value}).status_code == 404


def test_late_for_an_agency_is_counted_alike_everywhere_and_says_lead_or_coordinate(
        client, event, committee, agency, other_agency, secretariat):
    """One definition of late (queries.overdue_q): open and past its due date at the venue.
    The dashboard's row for an agency and the agency's own page count the same tasks, those
    it leads and those it coordinates, and say how many of each; the task list's "only late
    tasks" finds the same ones. Done, cancelled and due-today tasks are not late."""
    today = event.today()
    yesterday = today - timedelta(days=1)
    for code, lead, coordinating, due, status in [
            ("LED-LATE", agency, [], yesterday, TaskStatus.IN_PROGRESS),
            ("CO-LATE-1", other_agency, [agency], yesterday, TaskStatus.PLANNED),
            ("CO-LATE-2", other_agency, [agency], today - timedelta(days=9),
             TaskStatus.BLOCKED),
            ("LED-DUE-TODAY", agency, [], today, TaskStatus.PLANNED),
            ("LED-DONE", agency, [], yesterday, TaskStatus.DONE),
            ("CO-CANCELLED", other_agency, [agency], yesterday, TaskStatus.CANCELLED)]:
        TaskFactory(event=event, code=code, committee=committee, lead_agency=lead,
                    coordinating_agencies=coordinating, due_date=due, status=status,
                    progress=100 if status == TaskStatus.DONE else 0)
    late = {"LED-LATE", "CO-LATE-1", "CO-LATE-2"}
    client.force_login(secretariat)

    dashboard = client.get(reverse("logistics:dashboard")).context
    row = next(row for row in dashboard["by_agency"] if row.pk == agency.pk)
    assert (row.late, row.late_led, row.late_coordinated) == (3, 1, 2)

    page = client.get(reverse("logistics:agency_detail", args=[agency.pk]))
    assert {task.code for task in page.context["late"]} == late
    assert "Late (3)" in page.content.decode()
    assert "1 it leads, 2 it coordinates" in page.content.decode()

    listed = client.get(reverse("logistics:task_list"), {"overdue": "true"}).context
    assert {task.code for task in listed["page"]} == late
    assert dashboard["summary"]["overdue"] == len(late)

    # The agency's weekly note and the steering committee's digest say the same.
    weekly = notifications.reminder_message(Reminder(
        event=event, kind=ReminderKind.WEEKLY, agency=agency, for_date=today)).text
    late_part, due_part = weekly.split("Due in the next 7 days")
    assert "Late (3)" in late_part and all(code in late_part for code in late)
    assert "LED-DUE-TODAY" in due_part
    digest = notifications.reminder_message(Reminder(
        event=event, kind=ReminderKind.DIGEST, for_date=today)).text
    assert all(code in digest for code in late)
    assert "LED-DONE" not in digest and "CO-CANCELLED" not in digest
