"""A bulk decision end to end: a real Redis, a real Celery worker, the test database. The
office confirms "approve all that match" over three hundred applications, twice (a double
submit); one job works through them in chunks while its page shows how far it has got, and
lists each refusal."""

import pytest
from django.test import Client
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.applications.models.bulk import BulkDecision, BulkRefusal
from accreditation.applications.services.bulk import applications_bulk_create
from accreditation.applications.services.bulk_decisions import CHUNK
from accreditation.enums import ApplicationSource, ApplicationStatus, BulkStatus, VettingStatus
from tests.factories.accreditation import OutletFactory, categories
from tests.factories.delegations import country
from tests.factories.plan import EventFactory, user_with_role
from tests.plugins.live_services import wait_for

pytestmark = pytest.mark.redis

S = ApplicationStatus
TOTAL, PENDING, APPROVED = 300, 25, 15


def test_a_worker_approves_hundreds_with_refusals_and_one_job_per_double_submit(live):
    from logistics.core.enums import Role

    event = EventFactory()
    cats = categories(event)
    outlet = OutletFactory(event=event, quota=TOTAL)
    viet_nam = country("VN")
    items = [{"category": cats["P"], "family_name": f"Nguyễn {n}", "given_names": "An",
              "email": f"press{n}@example.org", "nationality": viet_nam, "outlet": outlet,
              "media_role": "reporter", "id_document_kind": "passport",
              "id_document_number": f"L{n:07d}"} for n in range(TOTAL)]
    outcomes = applications_bulk_create(event=event, items=items, source=ApplicationSource.API)
    ids = [outcome.application.pk for outcome in outcomes]
    assert all(outcome.error is None for outcome in outcomes)
    # The first are still waiting for vetting; the next were approved already (set here
    # directly: their approval is not what is tested).
    Application.objects.filter(pk__in=ids[PENDING:]).update(vetting=VettingStatus.CLEARED)
    Application.objects.filter(pk__in=ids[PENDING:PENDING + APPROVED]).update(
        status=S.APPROVED)
    officer = user_with_role(Role.ACCREDITATION, username="office")
    client = Client()
    client.force_login(officer)

    page = client.post(reverse("accreditation:application_bulk"),
                       {"action": "approve", "scope": "matching", "query": "status=all"})
    assert page.context["count"] == TOTAL
    form = page.context["form"]
    data = {name: form[name].value() for name in ("action", "scope", "query", "key",
                                                  "expected")}
    first = client.post(reverse("accreditation:application_bulk"), data)
    second = client.post(reverse("accreditation:application_bulk"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    job = BulkDecision.objects.get()

    # Each chunk commits with the job's position: the page only ever shows whole chunks.
    progress = reverse("accreditation:bulk_decision_progress", args=[job.pk])
    seen = []

    def finished():
        fragment = client.get(progress).content.decode()
        job.refresh_from_db()
        seen.append(job.position)
        return job.status == BulkStatus.DONE and fragment

    fragment = wait_for(finished, timeout=180, interval=0.3, message="the bulk decision",
                        log=live.log)
    assert seen == sorted(seen)
    assert all(position % CHUNK == 0 or position == TOTAL for position in seen)
    assert (job.total, job.position, job.done, job.refused) == (
        TOTAL, TOTAL, TOTAL - PENDING - APPROVED, PENDING + APPROVED)
    assert f"{TOTAL} of {TOTAL} gone through: {TOTAL - PENDING - APPROVED} decided, " \
           f"{PENDING + APPROVED} refused" in fragment
    assert BulkDecision.objects.count() == 1
    assert Application.objects.filter(pk__in=ids, status=S.APPROVED).count() == \
        TOTAL - PENDING
    refusals = BulkRefusal.objects.filter(job=job)
    assert sorted(refusals.values_list("application_id", flat=True)) == \
        sorted(ids[:PENDING + APPROVED])
    assert set(refusals.filter(application_id__in=ids[:PENDING])
               .values_list("code", flat=True)) == {"vetting_required"}
    assert set(refusals.filter(application_id__in=ids[PENDING:PENDING + APPROVED])
               .values_list("message", flat=True)) == {"already approved"}
    # Every decided application has one approval, whichever chunk it was in.
    approvals = Application.objects.filter(pk__in=ids[PENDING + APPROVED:],
                                           transitions__to_status=S.APPROVED).count()
    assert approvals == TOTAL - PENDING - APPROVED
    page = client.get(reverse("accreditation:bulk_decision_detail", args=[job.pk]))
    assert page.content.decode().count('data-testid="refusal"') == PENDING + APPROVED
