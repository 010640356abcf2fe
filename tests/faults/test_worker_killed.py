"""A Celery worker killed (SIGKILL to its whole process group) in the middle of a task: the
broker gives the unacknowledged message to the next worker (acks_late, with a visibility
timeout shortened to seconds here), which finishes the work once. Caught mid-task without
hooks in the project: the reminder's mail server holds the connection; the batch is large
enough to be seen half drawn."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings

from accreditation.badges.models import Badge, BadgeBatch
from accreditation.badges.services.batches import batch_create
from accreditation.enums import BadgeStatus, BatchStatus
from logistics.core.enums import MailStatus
from logistics.plan.models import Reminder
from logistics.reminders.services import reminders_sweep
from tests.bench.badges import build_badges
from tests.factories.plan import TaskFactory
from tests.faults.conftest import settle
from tests.plugins.live_services import wait_for

pytestmark = pytest.mark.redis


def test_worker_killed_while_sending_a_reminder(faults, broker, smtp, event):
    task = TaskFactory(event=event, due_date=date.today() + timedelta(days=1))
    address = task.lead_agency.emails[0]
    faults.start_redis()
    first = faults.start_worker(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")

    reminders_sweep()
    reminder = Reminder.objects.get(task=task)
    assert smtp.held.wait(20), "the worker never reached the mail server"
    reminder.mail.refresh_from_db()
    assert reminder.mail.status == MailStatus.SENDING  # mid-send
    first.kill()

    faults.start_worker("worker2", EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
    wait_for(lambda: smtp.messages, timeout=30, message="the redelivered reminder",
             log=faults.tmp / "worker2.log")
    settle(3)
    assert len(smtp.messages) == 1
    assert address in smtp.messages[0]
    reminder.mail.refresh_from_db()
    assert (reminder.mail.status, reminder.mail.attempts) == (MailStatus.SENT, 2)
    assert Reminder.objects.filter(task=task).count() == 1


def test_worker_killed_while_drawing_a_badge_batch(faults, broker):
    # Long enough for the second run to end before its own message's visibility timeout.
    faults.visibility_timeout = 15
    faults.start_redis()
    first = faults.start_worker()
    event, officer, ids = build_badges(150)

    batch = batch_create(event=event, badges=ids, by=officer)

    def half_drawn():
        batch.refresh_from_db()
        return batch.status == BatchStatus.RUNNING and batch.done > 0

    wait_for(half_drawn, timeout=30, interval=0.05, message="the batch to be half drawn",
             log=first.log)
    first.kill()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING and 0 < batch.done < batch.total

    second = faults.start_worker("worker2")
    wait_for(lambda: BadgeBatch.objects.get(pk=batch.pk).status == BatchStatus.DONE,
             timeout=45, message="the redelivered batch to finish", log=second.log)
    settle(2)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (BatchStatus.DONE, 150, 150)
    pdfs = list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert [path.name for path in pdfs] == [Path(batch.file.name).name]
    assert pdfs[0].read_bytes().startswith(b"%PDF")
    assert Badge.objects.filter(event=event).count() == 150
    assert Badge.objects.filter(event=event, status=BadgeStatus.ACTIVE).count() == 150
    assert BadgeBatch.objects.count() == 1
