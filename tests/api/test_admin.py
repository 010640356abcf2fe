"""The admin follows the plan's roles, and saves through the services."""

from datetime import timedelta

import pytest
from django.test import Client

from accreditation.keys.models import ApiKey
from accreditation.keys.services import api_key_create
from logistics.core.enums import Role
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Reminder, Task, TaskUpdate
from logistics.plan.services.master_plan import task_update
from tests.factories.plan import AgencyFactory, EventFactory, TaskFactory, UserFactory

PLAN_MODELS = ["event", "agency", "committee", "task"]
NO_INLINE_FORMS = {"updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0",
                   "updates-MIN_NUM_FORMS": "0", "updates-MAX_NUM_FORMS": "1000"}


@pytest.fixture
def admin_client():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def objects(event, agency, committee, task):
    return {"event": event, "agency": agency, "committee": committee, "task": task}


def _statuses(client, objects, page):
    urls = {model: (f"/admin/logistics/{model}/" if page == "list" else
                    f"/admin/logistics/{model}/add/" if page == "add" else
                    f"/admin/logistics/{model}/{objects[model].pk}/{page}/")
            for model in PLAN_MODELS}
    return {model: client.get(url).status_code for model, url in urls.items()}


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.STEERING, Role.OBSERVER,
                                  Role.FOCAL_POINT])
def test_admin_plan_roles_may_view(admin_client, staff, objects, role):
    client = admin_client(staff(role))
    assert _statuses(client, objects, "list") == {model: 200 for model in PLAN_MODELS}
    assert _statuses(client, objects, "change") == {model: 200 for model in PLAN_MODELS}


def test_admin_secretariat_may_add_but_nobody_deletes_the_plan(admin_client, staff, objects):
    client = admin_client(staff(Role.SECRETARIAT))
    assert _statuses(client, objects, "add") == {model: 200 for model in PLAN_MODELS}
    # Tasks are cancelled, not deleted: their history stays.
    assert _statuses(client, objects, "delete") == {model: 403 for model in PLAN_MODELS}


@pytest.mark.parametrize("role", [Role.STEERING, Role.OBSERVER, Role.FOCAL_POINT])
def test_admin_other_roles_may_not_add_or_delete(admin_client, staff, objects, role):
    client = admin_client(staff(role))
    assert _statuses(client, objects, "add") == {model: 403 for model in PLAN_MODELS}
    assert _statuses(client, objects, "delete") == {model: 403 for model in PLAN_MODELS}


@pytest.mark.parametrize("role", [Role.STEERING, Role.OBSERVER])
def test_admin_readers_see_task_read_only_and_cannot_post(admin_client, staff, task, role):
    client = admin_client(staff(role))
    page = client.get(f"/admin/logistics/task/{task.pk}/change/").content.decode()
    assert ('name="_save"' in page, 'name="title"' in page) == (False, False)
    response = client.post(f"/admin/logistics/task/{task.pk}/change/",
                           {"title": "Hijacked", **NO_INLINE_FORMS})
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.title == "Security plan for the convention centre"


def test_admin_user_without_role_gets_403(admin_client, staff, objects):
    client = admin_client(staff())
    assert _statuses(client, objects, "list") == {model: 403 for model in PLAN_MODELS}
    assert "/admin/logistics/" not in client.get("/admin/").content.decode()


def test_admin_is_closed_to_non_staff_secretariat(admin_client, secretariat, task):
    response = admin_client(secretariat).get("/admin/logistics/task/")
    assert (response.status_code, response["Location"].startswith("/admin/login/")) == (
        302, True)


def _task_form(task, **changes):
    data = {
        "title": task.title, "description": task.description,
        "committee": task.committee_id, "lead_agency": task.lead_agency_id,
        "coordinating_agencies": [a.pk for a in task.coordinating_agencies.all()],
        "start_date": "", "due_date": task.due_date.isoformat(), "status": task.status,
        "progress": task.progress, "parent": "",
        "depends_on": [t.pk for t in task.depends_on.all()], "note": "", "_save": "Save",
        **NO_INLINE_FORMS,
    }
    data.update(changes)
    return data


def test_admin_task_change_records_a_task_update(admin_client, staff, task):
    user = staff(Role.SECRETARIAT)
    new_due = task.due_date + timedelta(days=7)
    response = admin_client(user).post(
        f"/admin/logistics/task/{task.pk}/change/",
        _task_form(task, due_date=new_due.isoformat(), status=TaskStatus.IN_PROGRESS,
                   progress=25, note="Moved after the venue visit"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    update = TaskUpdate.objects.get(task=task)
    assert (update.author, update.note, update.changes) == (
        user, "Moved after the venue visit", {
            "due_date": [task.due_date.isoformat(), new_due.isoformat()],
            "status": ["planned", "in_progress"], "progress": [0, 25]})


def test_admin_task_add_goes_through_the_service(admin_client, staff, event, committee,
                                                 agency, other_agency):
    user = staff(Role.SECRETARIAT)
    response = admin_client(user).post("/admin/logistics/task/add/", {
        "event": event.pk, "code": "SEC-09", "title": "Bảo vệ đoàn đại biểu",
        "committee": committee.pk, "lead_agency": agency.pk,
        "coordinating_agencies": [other_agency.pk], "due_date": "2031-01-15",
        "status": "planned", "progress": 0, "note": "Added from the admin",
        **NO_INLINE_FORMS})
    task = Task.objects.get(code="SEC-09")
    assert response["Location"] == "/admin/logistics/task/"
    assert list(task.coordinating_agencies.all()) == [other_agency]
    update = task.updates.get()
    assert (update.author, update.note, update.changes) == (
        user, "Added from the admin", {"created": [None, "SEC-09"]})


def test_admin_task_dependency_cycle_is_a_form_error(admin_client, staff, event, committee,
                                                     agency, task):
    user = staff(Role.SECRETARIAT)
    later = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-02")
    task_update(task=later, by=user, depends_on=[task])
    response = admin_client(user).post(f"/admin/logistics/task/{task.pk}/change/",
                                       _task_form(task, depends_on=[later.pk]))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["depends_on"] == ["SEC-01 → SEC-02 → SEC-01"]
    assert list(task.depends_on.all()) == []
    assert TaskUpdate.objects.filter(task=task).count() == 0


def test_admin_task_lead_as_coordinator_is_a_form_error(admin_client, staff, task, agency):
    response = admin_client(staff(Role.SECRETARIAT)).post(
        f"/admin/logistics/task/{task.pk}/change/",
        _task_form(task, coordinating_agencies=[agency.pk]))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["coordinating_agencies"] == [
        "The lead agency cannot also be a coordinating agency."]


def test_admin_agency_save_checks_parent_event(admin_client, staff, event, agency):
    foreign = AgencyFactory(event=EventFactory())
    response = admin_client(staff(Role.SECRETARIAT)).post(
        f"/admin/logistics/agency/{agency.pk}/change/", {
            "code": agency.code, "name": agency.name, "kind": agency.kind,
            "parent": foreign.pk, "emails": '["mps@example.org"]', "_save": "Save"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "Belongs to another event."]
    agency.refresh_from_db()
    assert agency.parent is None


def test_admin_reminders_are_read_only_even_for_secretariat(admin_client, staff, event, task):
    reminder = Reminder.objects.create(event=event, task=task, kind="overdue",
                                       for_date=event.today())
    client = admin_client(staff(Role.SECRETARIAT))
    assert (client.get("/admin/logistics/reminder/").status_code,
            client.get("/admin/logistics/reminder/add/").status_code,
            client.post(f"/admin/logistics/reminder/{reminder.pk}/change/",
                        {"level": 3}).status_code,
            client.get(f"/admin/logistics/reminder/{reminder.pk}/delete/").status_code) == (
        200, 403, 403, 403)


def test_admin_api_keys_can_be_revoked_not_created(admin_client, db):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    key, raw = api_key_create(name="sync", scopes=["read"])
    client = admin_client(superuser)
    assert client.get("/admin/accreditation/apikey/add/").status_code == 403
    page = client.get(f"/admin/accreditation/apikey/{key.pk}/change/").content.decode()
    assert (key.digest in page, raw in page, 'name="digest"' in page) == (True, False, False)
    response = client.post("/admin/accreditation/apikey/", {
        "action": "revoke", "_selected_action": [key.pk]})
    assert response.status_code == 302
    assert ApiKey.objects.get().is_active is False


def test_admin_api_keys_hidden_from_secretariat_without_permission(admin_client, staff, db):
    client = admin_client(staff(Role.SECRETARIAT))
    assert client.get("/admin/accreditation/apikey/").status_code == 403
