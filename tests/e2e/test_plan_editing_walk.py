"""The secretariat's desk edits the plan (issue 12, item 5), walked in English and Arabic on
a laptop and a phone: from the plan to a task, its dates and coordinating agencies edited, a
bad date refused on its field, the change saved and read in the task's one history; then a
new agency."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from logistics.core.enums import Role
from logistics.core.models.event import Agency
from logistics.plan.models import Task
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)


@pytest.fixture
def plan(transactional_db):
    event = EventFactory(name="Hội nghị ký kết Công ước Hà Nội")
    lead = AgencyFactory(event=event, code="MPS", name="Bộ Công an")
    AgencyFactory(event=event, code="MOFA", name="Ministry of Foreign Affairs")
    AgencyFactory(event=event, code="NCA", name="National Cyber Security Agency")
    committee = CommitteeFactory(event=event, code="SEC", name="Security and Order")
    today = event.today()
    task = TaskFactory(event=event, code="SEC-01", committee=committee, lead_agency=lead,
                       title="Security plan for the National Convention Center",
                       start_date=today, due_date=today + timedelta(days=10))
    user = user_with_role(Role.SECRETARIAT, username="secretariat", first_name="Lan",
                          last_name="Phạm")
    user.set_password(PASSWORD)
    user.save()
    return task


def _save(page):
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_secretariat_edits_a_task_and_adds_an_agency(desk, plan):
    task = plan
    page = desk.log_in("secretariat")
    desk.open("/tasks/", step="plan")
    page.get_by_role("link", name=task.code, exact=True).click()
    desk.check("task")

    page.get_by_test_id("task-edit").click()
    desk.check("edit")
    start, due = task.start_date, task.due_date
    page.fill("#id_start_date", (due + timedelta(days=3)).isoformat())
    _save(page)
    # The field is outlined and names its message, as a screen reader reads it out.
    start_field = page.locator("#id_start_date")
    expect(start_field).to_have_class(re.compile(r"\bis-invalid\b"))
    message = page.locator(f'#{start_field.get_attribute("aria-describedby").split()[-1]}')
    expect(message.get_by_test_id("field-error")).to_have_count(1)
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    desk.sent_back(f"/tasks/{task.pk}/edit/")
    desk.check("bad-date")

    new_start, new_due = start + timedelta(days=1), due + timedelta(days=4)
    page.fill("#id_start_date", new_start.isoformat())
    page.fill("#id_due_date", new_due.isoformat())
    mofa, nca = (Agency.objects.get(event=task.event, code=code) for code in ("MOFA", "NCA"))
    page.select_option("#id_coordinating_agencies", [str(mofa.pk), str(nca.pk)])
    page.fill("#id_note", "Moved after the venue visit")
    _save(page)
    expect(page.get_by_test_id("task-status")).to_be_visible()
    history = page.get_by_test_id("audit-entry").first
    expect(history).to_contain_text("Lan Phạm")
    expect(history).to_contain_text(new_due.isoformat())
    expect(history).to_contain_text("MOFA")
    expect(history).to_contain_text("NCA")
    expect(history).to_contain_text("Moved after the venue visit")
    desk.check("saved")
    task.refresh_from_db()
    assert (task.start_date, task.due_date) == (new_start, new_due)
    assert {a.code for a in task.coordinating_agencies.all()} == {"MOFA", "NCA"}

    desk.open("/agencies/", step="agencies")
    page.locator('main a[href="/agencies/new/"]').click()
    desk.check("new-agency")
    page.fill("#id_code", "MOH")
    page.fill("#id_name", "Bộ Y tế")
    page.select_option("#id_kind", "ministry")
    page.fill("#id_emails", "moh@example.org")
    _save(page)
    expect(page.locator("h1")).to_contain_text("Bộ Y tế")
    desk.check("agency-created")
    assert Agency.objects.filter(event=task.event, code="MOH").exists()
    assert Task.objects.get(pk=task.pk).updates.count() == 1
