"""Who the trail names when no person acts (a command, the worker), and the whole trail in
the admin: read-only, for the secretariat only."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from accreditation.badges.services.badges import badge_issue
from logistics.core.enums import Role
from logistics.plan.services.plan_io import plan_export
from tests.audit.conftest import entries_of
from tests.factories.accreditation import approved, journalist
from tests.factories.plan import TaskFactory, user_with_role

ADMIN = "/admin/auditlog/logentry/"


def test_a_command_and_a_worker_task_act_as_the_system(tmp_path, event, committee, agency,
                                                         cats, celery_eager):
    task = TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-01",
                       title="Fences", due_date=event.today() + timedelta(days=9))
    path = tmp_path / "plan.csv"
    path.write_bytes(plan_export(event=event, fmt="csv").replace(b"Fences", b"Fences v2"))
    call_command("import_plan", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    entry = entries_of(task)[-1]
    assert (entry.changes, entry.actor, entry.additional_data) == (
        {"title": ["Fences", "Fences v2"]}, None, None)
    badge = badge_issue(application_id=approved(journalist(event)).pk)
    assert [(e.action, e.actor, e.additional_data) for e in entries_of(badge)] == [
        (LogEntry.Action.CREATE, None, None)]


@pytest.fixture
def staff():
    def make(role, username):
        user = user_with_role(role, username=username)
        user.is_staff = True
        user.save()
        return user

    return make


def test_the_secretariat_reads_the_trail_in_the_admin_and_cannot_change_it(client, staff,
                                                                           event, agency):
    from logistics.plan.services.frame import agency_update

    secretariat = staff(Role.SECRETARIAT, "sec")
    agency_update(agency=agency, by=secretariat, name="Ministry of Public Security (MPS)")
    entry = LogEntry.objects.latest("pk")
    client.force_login(secretariat)
    listing = client.get(ADMIN)
    assert listing.status_code == 200
    assert "Ministry of Public Security (MPS)" in listing.content.decode()
    assert client.get(f"{ADMIN}{entry.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}add/").status_code == 403
    assert client.post(f"{ADMIN}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.ACCREDITATION, Role.STEERING])
def test_other_staff_roles_do_not_see_the_trail_in_the_admin(client, staff, role, event):
    client.force_login(staff(role, f"staff-{role}"))
    assert client.get(ADMIN).status_code == 403
    assert "auditlog" not in client.get("/admin/").content.decode()
