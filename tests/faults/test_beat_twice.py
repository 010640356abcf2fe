"""Beat started twice (two machines each started one, by mistake or for failover): every job
of the schedule fires from both, at once and again and again, and each mail and webhook
delivery still goes out once. Real processes: redis-server, one Celery worker with two
processes, and two `celery beat`, each with its own schedule file as on a machine of its
own, every job due every second (tests/faults/beat_settings.py).

What the schedule sends is all here: the reminder sweep's kinds (due soon, overdue,
escalation, the digest, the weekly note, a delegation's registration, a side event's
confirmation), a badge the missing-badges sweep issues (and its webhook), the messages the
broker once refused that the resend sweep publishes (a status mail, an invitation, a
programme-change mail, a webhook delivery), each of those also already in Redis (the
publish reached it but its answer did not: the case the resend sweep cannot tell apart), the
nightly purge, the expiry of kept files and the day's readiness snapshot."""

import json
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from datetime import time as clock
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.utils import timezone

from accreditation.applications.models.applications import Application, Transition
from accreditation.badges.models import Badge
from accreditation.enums import ApplicationStatus, DeliveryStatus, VettingStatus, WebhookEvent
from accreditation.integrations.models import Delivery, Webhook
from accreditation.keys.services import api_key_create
from logistics.core.enums import MailStatus, Role
from logistics.core.models.mail import OutgoingMail
from logistics.core.models.queueing import UnsentTask
from logistics.delegations.models import Invitation
from logistics.plan.models import ReadinessSnapshot, Reminder
from logistics.programme.models import Session
from logistics.programme.services.publishing import programme_publish
from logistics.side_events.enums import ProposalStatus
from tests.factories.accreditation import categories, journalist
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)
from tests.factories.programme import SessionFactory
from tests.factories.registration import InvitationFactory
from tests.factories.side_events import ProposalFactory
from tests.faults.conftest import settle
from tests.plugins.live_services import wait_for

pytestmark = pytest.mark.redis

# How long both beats run: every job fires from each about this many times.
BEATS_RUN_SECONDS = 12
# Late tasks, each owed an overdue reminder and an escalation: enough that a sweep takes a
# while, and the two beats' sweeps overlap.
LATE_TASKS = 40
# The subscriber answers this late, so that a second copy of a delivery would come while the
# first is still being posted.
SUBSCRIBER_DELAY = 5.0


class Subscriber:
    """A webhook subscriber on 127.0.0.1 that records (delivery id, event) of every POST."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received.append((self.headers["Accord-Delivery"], json.loads(body)["event"]))
                time.sleep(SUBSCRIBER_DELAY)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/accord"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def subscriber():
    server = Subscriber()
    try:
        yield server
    finally:
        server.close()


def local_today(event):
    return timezone.localtime(timezone=event.tz).date()


def plan_due_every_reminder():
    """An event on in ten days whose rules make every reminder kind due today, at any hour."""
    today = timezone.localdate(timezone=EventFactory.build().tz)
    event = EventFactory(name="Convention signing", start_date=today + timedelta(days=10),
                         end_date=today + timedelta(days=11), due_soon_days=3,
                         escalate_after_days=3, digest_hour=0, weekly_hour=0,
                         weekly_weekday=today.weekday())
    # Five days before the registration deadline: a day delegations are reminded on.
    event.registration_deadline = datetime.combine(today + timedelta(days=5), clock(23),
                                                   tzinfo=event.tz)
    event.save(update_fields=["registration_deadline"])
    lead = AgencyFactory(event=event, code="MPS", emails=["mps@example.org"])
    user_with_role(Role.STEERING, username="chair", email="chair@example.org")
    committee = CommitteeFactory(event=event)
    for n in range(LATE_TASKS):
        TaskFactory(event=event, code=f"SEC-{n:02d}", title="Motorcade routes",
                    lead_agency=lead, committee=committee, due_date=today - timedelta(days=5))
    TaskFactory(event=event, code="PRO-01", title="Welcome desks", lead_agency=lead,
                committee=committee, due_date=today + timedelta(days=2))
    InvitationFactory(delegation__event=event, delegation__name="Cyber Policy Institute",
                      delegation__focal_point_email="focal@institute.example")
    ProposalFactory(event=event, status=ProposalStatus.ACCEPTED, title="Evidence panel",
                    organiser_email="organiser@example.org",
                    decided_at=timezone.now() - timedelta(days=3))
    return event


def kept_and_in_redis(task, *args):
    """A message the broker refused (kept for the resend sweep) which in fact reached it."""
    UnsentTask.objects.create(task=task, args=list(args), error="TimeoutError: no answer")
    return task, args


def test_two_beats_send_each_mail_and_delivery_once(request, faults, subscriber, secretariat):
    event = plan_due_every_reminder()
    categories(event)

    # Approved while the broker was down: no badge yet (the missing-badges sweep's).
    waiting = journalist(event, email="waiting@example.org")
    Application.objects.filter(pk=waiting.pk).update(status=ApplicationStatus.APPROVED,
                                                     vetting=VettingStatus.CLEARED)
    # A status mail, an invitation, a programme-change mail and a webhook delivery whose
    # publish timed out after Redis had taken it.
    received = journalist(event, email="received@example.org")
    transition = Transition.objects.get(application=received)
    Transition.objects.filter(pk=transition.pk).update(mailed_at=None)
    OutgoingMail.objects.filter(key=f"transition:{transition.pk}").delete()
    invitation = InvitationFactory(delegation__event=event, delegation__name="Mission of Chile",
                                   delegation__focal_point_email="focal@chile.example",
                                   email="mission@chile.example", sent_at=None)
    session = SessionFactory(event=event, title="Opening", organiser_email="host@example.org")
    programme_publish(event=event, by=secretariat)
    Session.objects.filter(pk=session.pk).update(title="Opening ceremony")
    version = programme_publish(event=event, by=secretariat)
    # An event long over, for the nightly purge; a file a form kept two days ago.
    over = EventFactory(start_date=local_today(event) - timedelta(days=40),
                        end_date=local_today(event) - timedelta(days=39))
    categories(over)
    journalist(over, email="past@example.org")
    kept = Path(settings.MEDIA_ROOT) / "kept" / f"{int(time.time()) - 2 * 86400}-old.jpg"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"kept")

    # Subscribed once the applications are in: their own deliveries went nowhere.
    key = api_key_create(name="Newsroom", scopes=["accreditation:read"])[0]
    hook = Webhook.objects.create(api_key=key, url=subscriber.url, events=[
        WebhookEvent.BADGE_ISSUED, WebhookEvent.APPLICATION_STATUS])
    delivery = Delivery.objects.create(webhook=hook, event=WebhookEvent.APPLICATION_STATUS,
                                       payload={"event": WebhookEvent.APPLICATION_STATUS})
    duplicates = [
        kept_and_in_redis("accreditation.send_status_mail", transition.pk),
        kept_and_in_redis("logistics.send_invitation", invitation.pk),
        kept_and_in_redis("logistics.programme_changes_mail", version.pk, "host@example.org"),
        kept_and_in_redis("accreditation.deliver_webhook", delivery.pk),
    ]
    faults.start_redis()
    broker = request.getfixturevalue("broker")  # this process publishing to the test's Redis
    for name, args in duplicates:
        broker.send_task(name, args=args)
    purge = {"PURGE_AFTER_DAYS": "30"}
    worker = faults.start_worker(concurrency=4, WEBHOOK_ALLOWED_NETWORKS="127.0.0.0/8", **purge)
    beats = [faults.start_beat(name, DJANGO_SETTINGS_MODULE="tests.faults.beat_settings",
                               **purge) for name in ("beat-a", "beat-b")]
    settle(BEATS_RUN_SECONDS)
    for beat in beats:
        assert beat.text().count("Sending due task reminder-sweep") >= 3, beat.text()[-2000:]
        beat.stop()

    def left():
        return {"reminders": list(Reminder.objects.exclude(mail__status=MailStatus.SENT)
                                  .values_list("kind", "mail__status", "mail__last_error")),
                "deliveries": list(Delivery.objects.filter(status=DeliveryStatus.PENDING)
                                   .values_list("event", "attempts", "error")),
                "unsent": list(UnsentTask.objects.values_list("task", flat=True))}

    try:
        wait_for(lambda: not any(left().values()), timeout=30,
                 message="every reminder, delivery and kept message done")
    except pytest.fail.Exception:
        pytest.fail(f"Left undone: {left()}\n{worker.text()[-3000:]}")
    settle(SUBSCRIBER_DELAY + 1)  # room for a second copy of anything to arrive

    sent = Counter((mail["subject"], str(mail["to"])) for mail in faults.mails())
    assert [mail for mail, copies in sent.items() if copies > 1] == []
    # One each: every late task's overdue reminder, the due-soon one and the weekly note to
    # the lead agency; every escalation and the digest to the steering committee; the two
    # delegations' registrations; the side event's confirmation; the status mail, the
    # invitation and the programme's change.
    assert sorted(to for _subject, to in sent) == sorted([
        *["mps@example.org"] * (LATE_TASKS + 2), *["chair@example.org"] * (LATE_TASKS + 1),
        "focal@institute.example", "focal@chile.example", "organiser@example.org",
        "received@example.org", "mission@chile.example", "host@example.org"]), sent
    badge = Badge.objects.get(application=waiting)
    assert sorted(subscriber.received) == sorted([
        (str(Delivery.objects.get(event=WebhookEvent.BADGE_ISSUED).pk), "badge.issued"),
        (str(delivery.pk), WebhookEvent.APPLICATION_STATUS.value),
    ])
    assert Badge.objects.filter(event=event).count() == 1 and badge.status == "active"
    assert LogEntry.objects.filter(object_pk=str(over.pk),
                                   changes_text="personal data purge").count() == 1
    assert not kept.exists()
    # The day's readiness of the plan, kept once however often both beats fired.
    assert list(ReadinessSnapshot.objects.values_list("event", "day")) == [
        (event.pk, local_today(event))]
    assert Invitation.objects.get(pk=invitation.pk).sent_at is not None
    assert "raised unexpected" not in worker.text()
