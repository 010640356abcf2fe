"""The secretariat edits the plan in the staff UI (issue 12, item 5): tasks, agencies and
committees created and edited, tasks cancelled, through the services the admin and the API
use; other roles refused; bad input shown on its field; the task page's one history."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from logistics.core.enums import Role
from logistics.core.models.event import Agency, Committee
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services.master_plan import task_update
from tests.audit.conftest import trail_text
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)
from tests.queries import same_queries


@pytest.fixture
def task(event, committee, agency, other_agency):
    return TaskFactory(event=event, code="SEC-01", title="Security plan", committee=committee,
                       lead_agency=agency, coordinating_agencies=[other_agency],
                       start_date=event.today(), due_date=event.today() + timedelta(days=10))


def _task_data(task, **changes):
    data = {
        "title": task.title, "description": task.description,
        "committee": task.committee_id, "lead_agency": task.lead_agency_id,
        "coordinating_agencies": [a.pk for a in task.coordinating_agencies.all()],
        "start_date": task.start_date.isoformat() if task.start_date else "",
        "due_date": task.due_date.isoformat(), "parent": task.parent_id or "",
        "depends_on": [t.pk for t in task.depends_on.all()], "note": "",
    }
    data.update(changes)
    return data


def _field_errors(response, field):
    """The errors shown under `field`: those between its input and the next field's label."""
    html = response.content.decode()
    start = html.index(f'id="id_{field}"')
    end = html.find('<label class="form-label', start)
    block = html[start:end if end != -1 else len(html)]
    return re.findall(r'data-testid="field-error">([^<]*)<', block)


# Creating, editing and cancelling, as the secretariat

def test_secretariat_creates_a_task_from_the_ui(client, secretariat, event, committee, agency,
                                                other_agency, task):
    client.force_login(secretariat)
    assert client.get(reverse("logistics:task_new")).status_code == 200
    due = event.today() + timedelta(days=20)
    response = client.post(reverse("logistics:task_new"), {
        "code": " SEC-02 ", "title": "Fences  around the venue", "committee": committee.pk,
        "lead_agency": agency.pk, "coordinating_agencies": [other_agency.pk],
        "start_date": "", "due_date": due.isoformat(), "parent": task.pk,
        "depends_on": [task.pk], "description": "", "note": "Agreed at the working group"})
    new = Task.objects.get(event=event, code="SEC-02")
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert (new.title, new.due_date, new.parent, new.lead_agency) == (
        "Fences around the venue", due, task, agency)
    assert list(new.coordinating_agencies.all()) == [other_agency]
    assert list(new.depends_on.all()) == [task]
    update = new.updates.get()
    assert (update.author, update.note) == (secretariat, "Agreed at the working group")


def test_secretariat_edits_dates_agencies_dependencies_and_parent(client, secretariat, event,
                                                                  committee, agency,
                                                                  other_agency, task):
    third = AgencyFactory(event=event, code="MOH", name="Ministry of Health")
    main = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-00")
    before = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-A")
    client.force_login(secretariat)
    page = client.get(reverse("logistics:task_edit", args=[task.pk]))
    assert page.status_code == 200
    assert 'name="code"' not in page.content.decode()  # a new code makes a new task
    new_start, new_due = task.start_date + timedelta(days=2), task.due_date + timedelta(days=5)
    response = client.post(reverse("logistics:task_edit", args=[task.pk]), _task_data(
        task, start_date=new_start.isoformat(), due_date=new_due.isoformat(),
        coordinating_agencies=[other_agency.pk, third.pk], depends_on=[before.pk],
        parent=main.pk, note="Moved after the venue visit"))
    assert response.status_code == 302, response.context["form"].errors
    task.refresh_from_db()
    assert (task.start_date, task.due_date, task.parent) == (new_start, new_due, main)
    assert set(task.coordinating_agencies.all()) == {other_agency, third}
    assert list(task.depends_on.all()) == [before]
    update = task.updates.get()
    assert (update.author, update.note) == (secretariat, "Moved after the venue visit")
    assert set(update.changes) == {"start_date", "due_date", "coordinating_agencies",
                                   "depends_on", "parent"}


def test_saving_an_unchanged_task_logs_nothing(client, secretariat, task):
    client.force_login(secretariat)
    response = client.post(reverse("logistics:task_edit", args=[task.pk]), _task_data(task))
    assert response.status_code == 302
    assert not task.updates.exists()


def test_secretariat_cancels_a_task_with_a_reason(client, secretariat, task):
    client.force_login(secretariat)
    url = reverse("logistics:task_cancel", args=[task.pk])
    response = client.post(url, {"note": ""})
    assert response.status_code == 400
    assert _field_errors(response, "cancel_note") == ["This field is required."]
    task.refresh_from_db()
    assert task.status == TaskStatus.PLANNED
    response = client.post(url, {"note": "The ministry took it over"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED
    assert Task.objects.filter(pk=task.pk).exists()  # cancelled, not deleted
    update = task.updates.get()
    assert (update.note, update.changes) == ("The ministry took it over",
                                             {"status": ["planned", "cancelled"]})
    again = client.post(url, {"note": "Twice"}, follow=True)
    assert "SEC-01 is already cancelled." in again.content.decode()
    assert task.updates.count() == 1


def test_secretariat_creates_and_edits_an_agency(client, secretariat, event, agency):
    focal = user_with_role(Role.FOCAL_POINT, username="focal.moh", first_name="Lan")
    client.force_login(secretariat)
    assert client.get(reverse("logistics:agency_new")).status_code == 200
    response = client.post(reverse("logistics:agency_new"), {
        "code": "MOH", "name": "Ministry of Health", "kind": "ministry", "parent": "",
        "emails": "moh@example.org\nhealth@example.org, moh@example.org",
        "focal_points": [focal.pk]})
    moh = Agency.objects.get(event=event, code="MOH")
    assert response["Location"] == reverse("logistics:agency_detail", args=[moh.pk])
    assert moh.emails == ["moh@example.org", "health@example.org"]
    assert list(moh.focal_points.all()) == [focal]
    response = client.post(reverse("logistics:agency_edit", args=[moh.pk]), {
        "code": "MOH", "name": "Ministry of Health (Viet Nam)", "kind": "ministry",
        "parent": agency.pk, "emails": "moh@example.org", "focal_points": []})
    assert response.status_code == 302
    moh.refresh_from_db()
    assert (moh.name, moh.parent, moh.emails) == ("Ministry of Health (Viet Nam)", agency,
                                                  ["moh@example.org"])
    assert not moh.focal_points.exists()


def test_secretariat_creates_and_edits_a_committee(client, secretariat, event, agency,
                                                   other_agency):
    client.force_login(secretariat)
    assert client.get(reverse("logistics:committee_new")).status_code == 200
    response = client.post(reverse("logistics:committee_new"), {
        "code": "PRS", "name": "Communications and Press Subcommittee",
        "kind": "subcommittee", "chair_agency": agency.pk,
        "member_agencies": [agency.pk, other_agency.pk], "order": 3})
    assert response["Location"] == reverse("logistics:committee_list")
    committee = Committee.objects.get(event=event, code="PRS")
    assert set(committee.member_agencies.all()) == {agency, other_agency}
    response = client.post(reverse("logistics:committee_edit", args=[committee.pk]), {
        "code": "PRS", "name": "Press Subcommittee", "kind": "subcommittee",
        "chair_agency": other_agency.pk, "member_agencies": [other_agency.pk], "order": 3})
    assert response.status_code == 302
    committee.refresh_from_db()
    assert (committee.name, committee.chair_agency) == ("Press Subcommittee", other_agency)
    assert list(committee.member_agencies.all()) == [other_agency]


# Every other role is refused, and changes nothing

WRITES = [
    ("logistics:task_new", False), ("logistics:task_edit", "task"),
    ("logistics:task_cancel", "task"), ("logistics:agency_new", False),
    ("logistics:agency_edit", "agency"), ("logistics:committee_new", False),
    ("logistics:committee_edit", "committee"),
]


@pytest.mark.parametrize("role", [Role.STEERING, Role.OBSERVER, Role.FOCAL_POINT,
                                  Role.PROTOCOL, Role.PROGRAMME, Role.ACCREDITATION,
                                  Role.VETTING, Role.GATE])
def test_other_roles_may_not_create_edit_or_cancel(client, role, task, agency, committee):
    # A focal point of the task's own lead agency too: it updates progress, nothing more.
    client.force_login(user_with_role(role, agencies=[agency]))
    objects = {"task": task, "agency": agency, "committee": committee}
    data = {"code": "X-1", "name": "Hijacked", "title": "Hijacked", "note": "Hijacked",
            "kind": "ministry", "committee": committee.pk, "lead_agency": agency.pk,
            "due_date": task.due_date.isoformat(), "order": 0}
    for name, target in WRITES:
        url = reverse(name, args=[objects[target].pk] if target else [])
        if name != "logistics:task_cancel":
            assert client.get(url).status_code == 403, name
        assert client.post(url, data).status_code == 403, name
    task.refresh_from_db()
    assert (task.title, task.status) == ("Security plan", TaskStatus.PLANNED)
    assert not TaskUpdate.objects.exists()
    assert not Agency.objects.filter(name="Hijacked").exists()
    assert not Committee.objects.filter(name="Hijacked").exists()
    # What they may do today is still there: the focal point's progress form.
    if role == Role.FOCAL_POINT:
        response = client.post(reverse("logistics:task_progress", args=[task.pk]),
                               {"status": "in_progress", "progress": 20, "note": ""})
        assert response.status_code == 302


def test_readers_see_no_edit_links(client, task, agency):
    client.force_login(user_with_role(Role.STEERING))
    for url in (task.get_absolute_url(), reverse("logistics:task_list"),
                reverse("logistics:agency_detail", args=[agency.pk]),
                reverse("logistics:committee_list")):
        html = client.get(url).content.decode()
        for name in ("task_new", "agency_new", "committee_new"):
            assert reverse(f"logistics:{name}") not in html, (url, name)
        assert "/edit/" not in html and "/cancel/" not in html, url


def test_the_menu_leads_the_secretariat_to_every_new_page(client, secretariat, event):
    client.force_login(secretariat)
    html = client.get(reverse("logistics:dashboard")).content.decode()
    for name in ("task_new", "agency_new", "committee_new", "committee_list"):
        assert f'href="{reverse(f"logistics:{name}")}"' in html, name


# Bad input: shown on its field, nothing saved

def _other_event_task():
    other = EventFactory()
    return TaskFactory(event=other, code="ELSEWHERE")


INVALID_TASK_EDITS = [
    # (case, changes to the form, the field that says so, its message)
    ("end before start", lambda t, o: {"start_date": (t.due_date + timedelta(days=1))
                                       .isoformat()},
     "start_date", "The start date must not be after the due date."),
    ("no due date", lambda t, o: {"due_date": ""}, "due_date", "This field is required."),
    ("dependency cycle", lambda t, o: {"depends_on": [o["after"].pk]},
     "depends_on", "SEC-01 → SEC-02 → SEC-01"),
    ("parent loop", lambda t, o: {"parent": o["child"].pk}, "parent",
     "This parent makes a loop."),
    ("parent in another event", lambda t, o: {"parent": o["elsewhere"].pk}, "parent",
     "Select a valid choice. That choice is not one of the available choices."),
    ("dependency in another event", lambda t, o: {"depends_on": [o["elsewhere"].pk]},
     "depends_on", None),
    ("lead agency also coordinating", lambda t, o: {"coordinating_agencies": [
        t.lead_agency_id]}, "coordinating_agencies",
     "The lead agency cannot also be a coordinating agency."),
    ("agency of another event", lambda t, o: {"lead_agency": o["foreign_agency"].pk},
     "lead_agency", "Select a valid choice. That choice is not one of the available choices."),
]


@pytest.mark.parametrize("case,changes,field,message", INVALID_TASK_EDITS,
                         ids=[case[0] for case in INVALID_TASK_EDITS])
def test_invalid_task_edits_are_shown_by_the_field(client, secretariat, event, committee,
                                                   agency, task, case, changes, field,
                                                   message):
    after = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-02")
    task_update(task=after, by=None, depends_on=[task])
    child = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-03",
                        parent=task)
    elsewhere = _other_event_task()
    others = {"after": after, "child": child, "elsewhere": elsewhere,
              "foreign_agency": elsewhere.lead_agency}
    client.force_login(secretariat)
    before = TaskUpdate.objects.count()
    response = client.post(reverse("logistics:task_edit", args=[task.pk]),
                           _task_data(task, **changes(task, others)))
    assert response.status_code == 400
    errors = _field_errors(response, field)
    assert errors, f"{case}: no error under {field}"
    if message:
        assert any(message in error for error in errors), (case, errors)
    assert TaskUpdate.objects.count() == before
    fresh = Task.objects.get(pk=task.pk)
    assert (fresh.start_date, fresh.due_date, fresh.parent_id) == (
        task.start_date, task.due_date, None)


def test_a_task_code_used_twice_is_shown_by_the_code(client, secretariat, event, committee,
                                                     agency, task):
    client.force_login(secretariat)
    response = client.post(reverse("logistics:task_new"), {
        "code": "SEC-01", "title": "Again", "committee": committee.pk,
        "lead_agency": agency.pk, "due_date": task.due_date.isoformat()})
    assert response.status_code == 400
    assert _field_errors(response, "code") == ["This code is already used."]
    assert Task.objects.filter(event=event, code="SEC-01").count() == 1


@pytest.mark.parametrize("url_name,data,field,message", [
    ("logistics:agency_new", {"code": "MPS", "name": "Again", "kind": "ministry"}, "code",
     "This code is already used."),
    ("logistics:agency_new", {"code": "MOH", "name": "Health", "kind": "ministry",
                              "emails": "moh@example.org, not-an-address"}, "emails",
     "Not an e-mail address: not-an-address"),
    ("logistics:committee_new", {"code": "SEC", "name": "Again", "kind": "subcommittee",
                                 "order": 0}, "code", "This code is already used."),
    ("logistics:committee_new", {"code": "NEW", "name": "New", "kind": "subcommittee",
                                 "order": -1}, "order",
     "Ensure this value is greater than or equal to 0."),
])
def test_invalid_agencies_and_committees_are_shown_by_the_field(client, secretariat, agency,
                                                                committee, url_name, data,
                                                                field, message):
    client.force_login(secretariat)
    counts = Agency.objects.count(), Committee.objects.count()
    response = client.post(reverse(url_name), data)
    assert response.status_code == 400
    assert _field_errors(response, field) == [message]
    assert (Agency.objects.count(), Committee.objects.count()) == counts


def test_an_agency_cannot_become_a_unit_of_its_own_unit(client, secretariat, event, agency):
    unit = AgencyFactory(event=event, code="PC01", parent=agency)
    client.force_login(secretariat)
    response = client.post(reverse("logistics:agency_edit", args=[agency.pk]), {
        "code": agency.code, "name": agency.name, "kind": agency.kind, "parent": unit.pk,
        "emails": ""})
    assert response.status_code == 400
    assert _field_errors(response, "parent") == ["An agency cannot be a unit of itself."]
    agency.refresh_from_db()
    assert agency.parent is None


# The task page's one history

def test_the_task_page_shows_one_history(client, secretariat, task):
    client.force_login(secretariat)
    html = client.get(task.get_absolute_url()).content.decode()
    assert html.count('data-testid="audit-trail"') == 1
    assert "Update log" not in html


def _history(client, task):
    """The task's history as the page shows it, without the times."""
    text = trail_text(client.get(task.get_absolute_url()))
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "", text).replace(task.code, "X")


def test_one_history_shows_ui_api_and_admin_edits_alike(secretariat, event, committee, agency,
                                                        other_agency):
    """The same change, made through the staff UI, the API and the admin, reads the same."""
    secretariat.is_staff = True
    secretariat.first_name, secretariat.last_name = "Lan", "Phạm"
    secretariat.save()
    third = AgencyFactory(event=event, code="MOH", name="Ministry of Health")
    tasks = [TaskFactory(event=event, code=f"SEC-{n}", title="Security plan",
                         committee=committee, lead_agency=agency,
                         coordinating_agencies=[other_agency],
                         due_date=event.today() + timedelta(days=10)) for n in (1, 2, 3)]
    new_due = (event.today() + timedelta(days=12)).isoformat()
    client = Client()
    client.force_login(secretariat)
    ui, api, admin = tasks
    assert client.post(reverse("logistics:task_edit", args=[ui.pk]), _task_data(
        ui, due_date=new_due, coordinating_agencies=[third.pk],
        note="After the venue visit")).status_code == 302
    assert client.patch(f"/api/v1/tasks/{api.pk}/", {
        "due_date": new_due, "coordinating_agencies": [third.pk],
        "note": "After the venue visit"}, content_type="application/json").status_code == 200
    response = client.post(f"/admin/logistics/task/{admin.pk}/change/", {
        **_task_data(admin, due_date=new_due, coordinating_agencies=[third.pk],
                     note="After the venue visit"),
        "status": admin.status, "progress": admin.progress, "_save": "Save",
        "updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0", "updates-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 302
    histories = [_history(client, task) for task in tasks]
    assert histories[0] == histories[1] == histories[2]
    assert "Lan Phạm changed" in histories[0]
    assert f"Due {tasks[0].due_date.isoformat()} → {new_due}" in histories[0]
    assert "Coordinating agencies added: MOH · Ministry of Health" in histories[0]
    assert "Coordinating agencies removed: MOFA · Ministry of Foreign Affairs" in histories[0]
    assert "After the venue visit" in histories[0]


def test_history_is_in_order_newest_first_with_notes(client, secretariat, focal_point, task):
    task_update(task=task, by=secretariat, title="Security plan v2", note="First")
    task_update(task=task, by=focal_point, status="in_progress", progress=30, note="Second")
    client.force_login(secretariat)
    text = trail_text(client.get(task.get_absolute_url()))
    assert text.index("Second") < text.index("First")
    assert "Title Security plan → Security plan v2" in text
    assert "Status Planned → In progress" in text


def test_a_created_task_reads_as_created_with_its_code(client, secretariat, event, committee,
                                                       agency):
    client.force_login(secretariat)
    client.post(reverse("logistics:task_new"), {
        "code": "SEC-07", "title": "Fences", "committee": committee.pk,
        "lead_agency": agency.pk, "due_date": (event.today() + timedelta(days=3)).isoformat(),
        "note": "New"})
    task = Task.objects.get(code="SEC-07")
    text = trail_text(client.get(task.get_absolute_url()))
    assert "secretariat created" in text and "Code SEC-07" in text and "New" in text


# Query counts of the new list page, and of the task page with its history

def _more_committees(event, agency, n):
    for _ in range(n):
        committee = CommitteeFactory(event=event, chair_agency=agency)
        committee.member_agencies.set([agency, AgencyFactory(event=event)])
        TaskFactory(event=event, committee=committee, lead_agency=agency)


def test_committee_list_query_count_does_not_grow(client, secretariat, event, agency):
    client.force_login(secretariat)
    url = reverse("logistics:committee_list")
    _more_committees(event, agency, 1)
    response = same_queries(lambda: client.get(url), lambda: _more_committees(event, agency, 2))
    assert response.content.decode().count('data-testid="committee-row"') == 3


def test_task_page_query_count_does_not_grow_with_its_history(client, secretariat, event,
                                                              task, other_agency,
                                                              django_assert_num_queries):
    third = AgencyFactory(event=event, code="MOH")
    other = TaskFactory(event=event, code="SEC-09")
    client.force_login(secretariat)
    url = task.get_absolute_url()
    task_update(task=task, by=secretariat, lead_agency=third, note="one")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    task_update(task=task, by=secretariat, coordinating_agencies=[], depends_on=[other])
    task_update(task=task, by=secretariat, parent=other, committee=other.committee)
    task_update(task=task, by=None, via="API key sync", progress=40)
    with django_assert_num_queries(len(one.captured_queries) + 2):  # committees and tasks
        client.get(url)
