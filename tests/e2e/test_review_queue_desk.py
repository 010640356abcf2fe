"""Issue 12, item 4, walked at the accreditation office's desk in English and Arabic, on a
laptop and a phone: the queue opens on what awaits a decision; the officer filters to the
press in every status, chooses all that match, confirms on the confirmation page, watches the
job's page (polled by htmx) until the job is done, and reads the refusals."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accreditation.applications.models.applications import Application
from accreditation.applications.models.bulk import BulkDecision
from accreditation.applications.services.bulk_decisions import bulk_decision_run
from accreditation.enums import ApplicationStatus, VettingStatus
from logistics.core.enums import Role
from tests.e2e.conftest import PASSWORD, wait_until
from tests.e2e.desks import DESKS, desk_id
from tests.factories.accreditation import OutletFactory, categories, journalist
from tests.factories.plan import EventFactory, user_with_role


@pytest.fixture
def office(transactional_db, settings, tmp_path):
    """Four press applications ready to approve, two waiting for vetting, one approved
    already, and two delegates (who are not chosen)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    today = timezone.localdate(timezone=EventFactory.build().tz)
    event = EventFactory(start_date=today + timedelta(days=10),
                         end_date=today + timedelta(days=12))
    cats = categories(event)
    outlet = OutletFactory(event=event, name="Vietnam News Agency", quota=10)
    ready = [journalist(event, outlet=outlet) for _ in range(4)]
    pending = [journalist(event, outlet=outlet) for _ in range(2)]
    done = journalist(event, outlet=outlet)
    delegates = [journalist(event, category_code="D") for _ in range(2)]
    Application.objects.filter(pk__in=[a.pk for a in (*ready, done, *delegates)]).update(
        vetting=VettingStatus.CLEARED)
    Application.objects.filter(pk=done.pk).update(status=ApplicationStatus.APPROVED)
    user_with_role(Role.ACCREDITATION, username="officer", first_name="Phạm",
                   last_name="Minh Châu", password=PASSWORD)
    return {"press": cats["P"], "ready": ready, "pending": pending, "done": done,
            "delegates": delegates}


def digits(text):
    return [int(n) for n in re.findall(r"\d+", text)]


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_office_decides_all_that_match_as_a_job(desk, office):
    page = desk.log_in("officer")
    queue = reverse("accreditation:application_list")
    desk.open(queue, step="queue")
    # What awaits a decision, oldest first: the approved one is not in it.
    assert page.get_by_test_id("application-row").count() == 8
    assert page.locator('[data-status="awaiting"][aria-current="page"]').count() == 1

    page.select_option("#id_category", value=str(office["press"].pk))
    page.select_option("#id_status", value="all")
    page.locator('form[method="get"] button[type="submit"]').click()
    desk.check("filtered")
    assert page.get_by_test_id("application-row").count() == 7
    matching = page.get_by_test_id("bulk-matching")
    assert 7 in digits(matching.inner_text())

    matching.click()
    desk.check("confirm")
    assert 7 in digits(page.get_by_test_id("confirm-heading").inner_text())
    assert BulkDecision.objects.count() == 0
    page.get_by_test_id("confirm").click()
    desk.check("job-queued")
    job = BulkDecision.objects.get()
    assert page.get_by_test_id("job-status").inner_text().strip()

    # The worker (here, this process) takes the job; the page, polling, sees it finish.
    bulk_decision_run(job_id=job.pk)
    wait_until(page, "!!document.querySelector('[data-testid=job-finished]')")
    desk.check("job-done")
    assert digits(page.get_by_test_id("job-count").inner_text()) == [7, 7, 4, 3]
    refusals = page.get_by_test_id("refusal")
    assert refusals.count() == 3
    texts = " ".join(refusals.all_inner_texts())
    for application in (*office["pending"], office["done"]):
        assert application.reference in texts
    statuses = set(Application.objects.filter(pk__in=[a.pk for a in office["ready"]])
                   .values_list("status", flat=True))
    assert statuses == {ApplicationStatus.APPROVED}
    assert set(Application.objects.filter(pk__in=[a.pk for a in office["delegates"]])
               .values_list("status", flat=True)) == {ApplicationStatus.SUBMITTED}
