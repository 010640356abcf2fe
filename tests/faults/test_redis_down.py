"""Redis stops while the staff work: the pages keep answering, quickly; what the staff do is
saved; the mails, the reminder and the badge their actions queue go out once Redis is back,
each exactly once. Real processes: redis-server, gunicorn with the production settings, a
Celery worker and beat; the only thing the test does to them is stop and start Redis."""

import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.badges.models import Badge
from accreditation.enums import ApplicationStatus, VettingStatus
from logistics.core.enums import MailStatus
from logistics.core.models.queueing import UnsentTask
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Reminder, Task
from tests.factories.accreditation import journalist
from tests.factories.plan import TaskFactory
from tests.faults.conftest import BASE_DIR, settle
from tests.plugins.live_services import wait_for

pytestmark = pytest.mark.redis

# A page must answer well within this while Redis is down (it takes about 0.1 s on the
# development machine; a shared CI runner is slower, never by seconds).
QUICK = 2.0


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_redis_down_while_staff_work(faults, event, secretariat, officer, cats):
    task = TaskFactory(event=event, due_date=date.today() + timedelta(days=1))
    agency_address = task.lead_agency.emails[0]
    reviewed = journalist(event)
    approved = journalist(event)
    Application.objects.filter(pk=approved.pk).update(vetting=VettingStatus.CLEARED)

    faults.start_redis()
    faults.start_worker()
    # Beat runs, but its own sweep (every ten minutes by the clock) must not claim this
    # task's reminder before Redis is stopped: on a slow run the test straddles a tenth
    # minute. Its sweep is set to half an hour from now; the test runs the sweep by hand.
    faults.start_beat(REMINDER_SWEEP_MINUTES=str((datetime.now().minute + 30) % 60))
    faults.start_web()
    plan = faults.session(secretariat)
    office = faults.session(officer)
    pages = [(plan, reverse("logistics:dashboard")), (plan, reverse("logistics:task_list")),
             (office, reverse("accreditation:application_detail", args=[reviewed.pk]))]
    for http, path in pages:  # warm: the first request of a process loads templates
        assert http.get(faults.url(path), timeout=10).status_code == 200

    faults.stop_redis()

    timings = {}
    for http, path in pages:
        response, seconds = timed(lambda: http.get(faults.url(path), timeout=10))  # noqa: B023
        assert response.status_code == 200, path
        timings[path] = seconds
    progress, timings["task progress"] = timed(lambda: plan.post(
        faults.url(reverse("logistics:task_progress", args=[task.pk])),
        {"status": TaskStatus.IN_PROGRESS, "progress": 40, "note": "Redis is down"},
        allow_redirects=False, timeout=10))
    decide = "accreditation:application_decide"
    review, timings["start review"] = timed(lambda: office.post(
        faults.url(reverse(decide, args=[reviewed.pk])), {"action": "start_review"},
        allow_redirects=False, timeout=10))
    approval, timings["approve"] = timed(lambda: office.post(
        faults.url(reverse(decide, args=[approved.pk])), {"action": "approve"},
        allow_redirects=False, timeout=10))
    print("With Redis down:", {name: f"{seconds:.3f}s" for name, seconds in timings.items()})
    assert (progress.status_code, review.status_code, approval.status_code) == (302, 302, 302)
    assert max(timings.values()) < QUICK, timings

    # What the staff did is saved...
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 40)
    assert Application.objects.get(pk=reviewed.pk).status == ApplicationStatus.UNDER_REVIEW
    assert Application.objects.get(pk=approved.pk).status == ApplicationStatus.APPROVED
    # ... and so is the reminder the sweep claims meanwhile (run by hand, as beat would).
    sweep = subprocess.run([sys.executable, "manage.py", "send_reminders"], cwd=BASE_DIR,
                           env=faults.env(), capture_output=True, text=True, timeout=60)
    assert sweep.returncode == 0, sweep.stderr[-2000:]
    reminder = Reminder.objects.get(task=task)
    assert reminder.mail.status == MailStatus.QUEUED
    # Two status mails, the badge, the reminder: kept, none sent, no badge yet.
    assert sorted(UnsentTask.objects.values_list("task", flat=True)) == [
        "accreditation.issue_badge", "accreditation.send_status_mail",
        "accreditation.send_status_mail", "logistics.send_reminder"]
    assert faults.mails() == []
    assert not Badge.objects.filter(application=approved).exists()

    faults.start_redis()  # the same port; the worker and beat reconnect by themselves

    def all_arrived():
        return (len(faults.mails_to(reviewed.email)) >= 1
                and len(faults.mails_to(approved.email)) >= 1
                and len(faults.mails_to(agency_address)) >= 1
                and Badge.objects.filter(application=approved).exists()
                and not UnsentTask.objects.exists())

    wait_for(all_arrived, timeout=45, message="the kept work to be done once Redis is back",
             log=faults.processes[1].log)
    settle(3)  # several more resend passes: nothing may come twice
    assert len(faults.mails_to(reviewed.email)) == 1
    assert len(faults.mails_to(approved.email)) == 1
    assert len(faults.mails_to(agency_address)) == 1
    assert Badge.objects.filter(application=approved).count() == 1
    assert Reminder.objects.get(pk=reminder.pk).mail.status == MailStatus.SENT
    assert Task.objects.get(pk=task.pk).progress == 40


def test_redis_hung_pages_stay_quick(faults, broker, event, officer, cats):
    """A Redis that takes connections and never answers (frozen): without the broker and
    cache timeouts of the settings, the approval below waited forever."""
    from logistics.core.queueing import unsent_tasks_resend

    faults.start_redis()
    application = journalist(event)
    Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
    faults.start_web()
    office = faults.session(officer)
    detail = faults.url(reverse("accreditation:application_detail", args=[application.pk]))
    assert office.get(detail, timeout=10).status_code == 200

    faults.freeze_redis()
    page, page_seconds = timed(lambda: office.get(detail, timeout=30))
    approval, approve_seconds = timed(lambda: office.post(
        faults.url(reverse("accreditation:application_decide", args=[application.pk])),
        {"action": "approve"}, allow_redirects=False, timeout=30))
    print(f"With Redis hung: page {page_seconds:.2f}s, approval {approve_seconds:.2f}s")
    assert (page.status_code, approval.status_code) == (200, 302)
    # Two publishes (the status mail, the badge), each giving up after about a second.
    assert approve_seconds < 2 * 2 * 1.0 + QUICK
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.APPROVED
    assert UnsentTask.objects.count() == 2

    faults.freeze_redis(False)
    assert unsent_tasks_resend() == 2  # what beat's sweep does, once Redis answers
    assert not UnsentTask.objects.exists()
