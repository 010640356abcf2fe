from datetime import UTC, date, datetime, time, timedelta
from io import StringIO
from smtplib import SMTPException
from zoneinfo import ZoneInfo

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

from config.celery import app as celery_app
from logistics.core.enums import CommitteeKind, MailStatus, ReminderKind, Role
from logistics.core.models.mail import OutgoingMail
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Reminder
from logistics.reminders.services import reminder_send, reminders_sweep
from logistics.reminders.tasks import send_reminder
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)
from tests.plugins.live_services import forget_broker

# Queued tasks run here and now (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("celery_eager")

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TUESDAY = date(2030, 3, 5)
MONDAY = date(2030, 3, 4)


def at(day, hour=6, tz=HANOI):
    """A moment at the venue: 06:00 is before the digest (07:00) and the weekly note (08:00)."""
    return datetime.combine(day, time(hour), tzinfo=tz)


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise SMTPException("mail server down")


@pytest.fixture
def event(db):
    """The event these tests remind for: in April 2030, after every date they sweep at."""
    return EventFactory(start_date=date(2030, 4, 1), end_date=date(2030, 4, 2))


@pytest.fixture(autouse=True)
def rules(settings):
    settings.ACCORD_REMINDERS = {"DUE_SOON_DAYS": 3, "ESCALATE_AFTER_DAYS": 3, "DIGEST_HOUR": 7,
                                 "WEEKLY_WEEKDAY": 0, "WEEKLY_HOUR": 8}
    settings.SITE_URL = "https://accord.example.org"


@pytest.fixture
def mofa_focal(other_agency):
    return user_with_role(Role.FOCAL_POINT, username="mofa-focal", agencies=[other_agency])


@pytest.fixture
def steering_committee(event, steering):
    chair = AgencyFactory(event=event, code="GOV", emails=["office@gov.example.org"])
    member = AgencyFactory(event=event, code="MFA",
                           emails=["mfa@example.org", "Office@gov.example.org"])
    committee = CommitteeFactory(event=event, code="SC", kind=CommitteeKind.STEERING,
                                 chair_agency=chair)
    committee.member_agencies.add(member)
    return committee


def task_due(event, agency, committee, due, **kwargs):
    return TaskFactory(event=event, lead_agency=agency, committee=committee, due_date=due, **kwargs)


def reminders(**filters):
    return sorted(Reminder.objects.filter(**filters).values_list("kind", "for_date", "level"))


def test_sweep_due_soon_fires_within_the_window_once_per_deadline(event, agency, committee):
    soon = task_due(event, agency, committee, TUESDAY + timedelta(days=3))
    late_created = task_due(event, agency, committee, TUESDAY + timedelta(days=2))
    task_due(event, agency, committee, TUESDAY + timedelta(days=4))
    reminders_sweep(now=at(TUESDAY))
    reminders_sweep(now=at(TUESDAY + timedelta(days=1)))
    assert reminders(task=soon) == [("due_soon", soon.due_date, 3)]
    assert reminders(task=late_created) == [("due_soon", late_created.due_date, 2)]
    assert Reminder.objects.count() == 3  # the fourth-day task's reminder came on day two


def test_sweep_due_soon_again_when_the_deadline_moves(event, agency, committee):
    task = task_due(event, agency, committee, TUESDAY)
    reminders_sweep(now=at(TUESDAY))
    task.due_date = TUESDAY + timedelta(days=5)
    task.save()
    reminders_sweep(now=at(TUESDAY + timedelta(days=2)))
    assert reminders(task=task) == [("due_soon", TUESDAY, 0), ("due_soon", task.due_date, 3)]


def test_sweep_overdue_every_late_day_and_escalation_once(event, agency, committee, steering):
    task = task_due(event, agency, committee, TUESDAY)
    for days in range(0, 6):
        reminders_sweep(now=at(TUESDAY + timedelta(days=days)))
        reminders_sweep(now=at(TUESDAY + timedelta(days=days), hour=5))
    assert reminders(task=task, kind=ReminderKind.OVERDUE) == [
        ("overdue", TUESDAY + timedelta(days=n), n) for n in range(1, 6)]
    assert reminders(task=task, kind=ReminderKind.ESCALATION) == [("escalation", TUESDAY, 3)]


def test_sweep_event_rules_beat_the_defaults(event, agency, committee, steering):
    event.due_soon_days, event.escalate_after_days = 5, 1
    event.save()
    soon = task_due(event, agency, committee, TUESDAY + timedelta(days=5))
    late = task_due(event, agency, committee, TUESDAY - timedelta(days=1))
    reminders_sweep(now=at(TUESDAY))
    assert reminders(task=soon) == [("due_soon", soon.due_date, 5)]
    assert reminders(task=late) == [("escalation", late.due_date, 1), ("overdue", TUESDAY, 1)]


def test_sweep_closed_tasks_get_nothing(event, agency, committee, steering):
    for status, progress in [(TaskStatus.DONE, 100), (TaskStatus.CANCELLED, 40)]:
        task_due(event, agency, committee, TUESDAY - timedelta(days=5), status=status,
                 progress=progress)
        task_due(event, agency, committee, TUESDAY + timedelta(days=1), status=status,
                 progress=progress)
    assert reminders_sweep(now=at(TUESDAY))["overdue"] == 0
    assert not Reminder.objects.filter(task__isnull=False).exists()


def test_sweep_counts_days_at_the_venue_not_in_utc(event, agency, committee):
    due_today = task_due(event, agency, committee, TUESDAY)
    late = task_due(event, agency, committee, MONDAY)
    now = datetime(2030, 3, 4, 20, 30, tzinfo=UTC)  # Monday in UTC, Tuesday 03:30 in Hanoi
    reminders_sweep(now=now)
    assert reminders(task=due_today) == [("due_soon", TUESDAY, 0)]
    assert reminders(task=late) == [("overdue", TUESDAY, 1)]


def test_sweep_digest_once_a_day_from_the_local_hour(event, steering):
    event.digest_hour = 18
    event.save()
    assert reminders_sweep(now=at(TUESDAY, 17))["digest"] == 0
    assert reminders_sweep(now=datetime(2030, 3, 5, 11, tzinfo=UTC))["digest"] == 1  # 18:00
    assert reminders_sweep(now=at(TUESDAY, 23))["digest"] == 0
    assert reminders_sweep(now=at(TUESDAY + timedelta(days=1), 18))["digest"] == 1
    assert reminders(kind=ReminderKind.DIGEST) == [
        ("digest", TUESDAY, 0), ("digest", TUESDAY + timedelta(days=1), 0)]


def test_sweep_weekly_note_to_each_agency_that_owes(event, agency, other_agency, committee,
                                                    focal_point, mofa_focal):
    idle = AgencyFactory(event=event, code="IDLE")
    task_due(event, agency, committee, MONDAY + timedelta(days=6),
             coordinating_agencies=[other_agency])
    task_due(event, idle, committee, MONDAY + timedelta(days=8))  # owes nothing this week
    assert reminders_sweep(now=at(MONDAY, 7))["weekly"] == 0
    assert reminders_sweep(now=at(TUESDAY, 9))["weekly"] == 0
    assert reminders_sweep(now=at(MONDAY, 8))["weekly"] == 2
    assert reminders_sweep(now=at(MONDAY, 20))["weekly"] == 0
    notes = Reminder.objects.filter(kind=ReminderKind.WEEKLY)
    assert sorted(notes.values_list("agency__code", "mail__recipients")) == [
        ("MOFA", ["mofa-focal@example.org", "mofa@example.org"]),
        ("MPS", ["focal@example.org", "mps@example.org"]),
    ]
    event.weekly_weekday = 1
    event.save()
    assert reminders_sweep(now=at(TUESDAY, 8))["weekly"] == 2


def test_task_reminder_goes_to_the_lead_agency_copying_the_coordinators(
        event, agency, other_agency, committee, focal_point, mofa_focal, sweep, mailoutbox):
    agency.emails = ["mps@example.org", "MPS@example.org ", "focal@example.org"]
    agency.save()
    other_agency.focal_points.add(focal_point)  # already addressed: not copied again
    task_due(event, agency, committee, TUESDAY + timedelta(days=1),
             coordinating_agencies=[other_agency])
    sweep(at(TUESDAY))
    [mail] = mailoutbox
    assert mail.to == ["focal@example.org", "mps@example.org"]
    assert mail.cc == ["mofa-focal@example.org", "mofa@example.org"]
    reminder = Reminder.objects.get()
    assert (reminder.mail.recipients, reminder.mail.cc) == (mail.to, mail.cc)


def test_escalation_and_digest_go_to_the_steering_committee(
        event, agency, committee, focal_point, steering_committee, sweep, mailoutbox):
    task = task_due(event, agency, committee, TUESDAY - timedelta(days=3), code="SEC-07")
    sweep(at(TUESDAY, 7))
    mails = {mail.subject.split("] ")[1].split(":")[0]: mail for mail in mailoutbox}
    steering = ["mfa@example.org", "office@gov.example.org", "steering@example.org"]
    lead = ["focal@example.org", "mps@example.org"]
    escalation, digest = mails["Escalation, 3 days late"], mails["Daily digest for March 5, 2030"]
    assert (escalation.to, escalation.cc) == (steering, lead)
    assert (digest.to, digest.cc) == (steering, [])
    assert "SEC-07" in digest.body
    assert (mails["Overdue by 3 days"].to, mails["Overdue by 3 days"].cc) == (lead, [])
    assert task.reminders.count() == 2


def test_mail_has_text_and_html_with_code_title_and_link(event, agency, committee, focal_point,
                                                         sweep, mailoutbox):
    task = task_due(event, agency, committee, TUESDAY + timedelta(days=2), code="PRO-12",
                    title="Motorcade route & escorts")
    sweep(at(TUESDAY))
    [mail] = mailoutbox
    link = f"https://accord.example.org/tasks/{task.pk}/"
    assert mail.subject == f"[{event.name}] Due in 2 days: PRO-12 Motorcade route & escorts"
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    assert "PRO-12" in mail.body and "Motorcade route & escorts" in mail.body and link in mail.body
    assert "PRO-12" in html and "Motorcade route &amp; escorts" in html and link in html


def test_sweep_twice_sends_each_reminder_once(event, agency, committee, focal_point,
                                              steering_committee, sweep, mailoutbox):
    monday = MONDAY + timedelta(days=7)
    task_due(event, agency, committee, monday - timedelta(days=4))
    task_due(event, agency, committee, monday + timedelta(days=1))
    first = sweep(at(monday, 9))
    second = sweep(at(monday, 9))
    assert first == {"due_soon": 1, "overdue": 1, "escalation": 1, "digest": 1, "weekly": 1,
                     "registration_due": 0, "registration_incomplete": 0,
                     "proposal_confirmation": 0, "requeued": 0}
    assert sum(second.values()) == 0
    assert len(mailoutbox) == 5
    assert set(Reminder.objects.values_list("mail__status", flat=True)) == {MailStatus.SENT}


def test_sent_reminder_is_not_sent_again_when_requeued(event, agency, committee, focal_point,
                                                       sweep, mailoutbox):
    task = task_due(event, agency, committee, TUESDAY + timedelta(days=1))
    sent = Reminder.objects.create(event=event, task=task, kind=ReminderKind.DUE_SOON,
                                   for_date=task.due_date, level=1)
    sent.mail = OutgoingMail.objects.create(
        event=event, key=sent.mail_key, kind=sent.kind, status=MailStatus.SENT,
        recipients=["focal@example.org"])
    sent.save()
    send_reminder.delay(sent.pk)
    assert sweep(at(TUESDAY))["due_soon"] == 0
    assert mailoutbox == []


def test_stale_pending_reminder_is_requeued_and_sent_once(event, agency, committee, focal_point,
                                                          sweep, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    task = task_due(event, agency, committee, TUESDAY - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=False):  # claimed, the message lost
        reminders_sweep(now=at(TUESDAY))
    reminder = Reminder.objects.get(task=task, kind=ReminderKind.OVERDUE)
    assert sweep(at(TUESDAY))["requeued"] == 0  # too recent: its message may be on its way
    OutgoingMail.objects.update(queued_at=reminder.mail.queued_at - timedelta(minutes=16))
    assert sweep(at(TUESDAY))["requeued"] == 1
    assert sweep(at(TUESDAY))["requeued"] == 0
    assert len(mailoutbox) == 1
    with pytest.raises(CommandError, match="not an ISO 8601 date and time"):
        call_command("send_reminders", "--now", "next Tuesday")


def test_reminder_being_sent_is_left_to_its_worker(event, agency, committee, focal_point,
                                                   mailoutbox):
    task = task_due(event, agency, committee, TUESDAY)
    reminders_sweep(now=at(TUESDAY))  # no on_commit here: nothing queued
    reminder = Reminder.objects.get(task=task)
    OutgoingMail.objects.filter(pk=reminder.mail_id).update(status=MailStatus.SENDING)
    assert reminder_send(reminder_id=reminder.pk) == MailStatus.SENDING
    assert mailoutbox == []


def test_reminder_whose_worker_died_while_sending_is_sent_by_the_next(
        event, agency, committee, focal_point, sweep, mailoutbox):
    task = task_due(event, agency, committee, TUESDAY)
    reminders_sweep(now=at(TUESDAY))
    reminder = Reminder.objects.get(task=task)
    OutgoingMail.objects.filter(pk=reminder.mail_id).update(
        status=MailStatus.SENDING, queued_at=reminder.mail.queued_at - timedelta(minutes=16))
    assert sweep(at(TUESDAY))["requeued"] == 1
    reminder.mail.refresh_from_db()
    assert (reminder.mail.status, len(mailoutbox)) == (MailStatus.SENT, 1)


def test_reminder_without_recipients_is_failed_and_not_queued(
        event, committee, django_capture_on_commit_callbacks, mailoutbox):
    silent = AgencyFactory(event=event, code="NONE", emails=[])
    task = task_due(event, silent, committee, TUESDAY)
    with django_capture_on_commit_callbacks() as callbacks:
        reminders_sweep(now=at(TUESDAY))
    reminder = Reminder.objects.get(task=task)
    assert (reminder.mail.status, reminder.mail.last_error) == (MailStatus.FAILED,
                                                                "no recipients")
    assert callbacks == []


def test_reminder_send_keeps_transient_errors_for_a_retry_then_fails(
        event, agency, committee, focal_point, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    task = task_due(event, agency, committee, TUESDAY)
    reminders_sweep(now=at(TUESDAY))
    reminder = Reminder.objects.get(task=task)
    with pytest.raises(SMTPException):
        reminder_send(reminder_id=reminder.pk, final=False)
    reminder.mail.refresh_from_db()
    assert (reminder.mail.status, reminder.mail.attempts) == (MailStatus.QUEUED, 1)
    assert reminder_send(reminder_id=reminder.pk, final=True) == MailStatus.FAILED
    reminder.mail.refresh_from_db()
    assert (reminder.mail.attempts, reminder.mail.last_error) == (
        2, "SMTPException: mail server down")


def test_send_reminders_command_runs_the_sweep(event, agency, committee, focal_point,
                                               django_capture_on_commit_callbacks, mailoutbox):
    task_due(event, agency, committee, TUESDAY + timedelta(days=3))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--now", "2030-03-05T06:00:00+07:00", stdout=out)
    assert "Due soon: 1" in out.getvalue().splitlines()
    assert "Re-queued: 0" in out.getvalue().splitlines()
    assert len(mailoutbox) == 1
    with pytest.raises(CommandError, match="not an ISO 8601 date and time"):
        call_command("send_reminders", "--now", "next Tuesday")


def test_sweep_reminds_nothing_once_the_event_is_over(event, agency, committee, sweep,
                                                     steering_committee, mailoutbox):
    task_due(event, agency, committee, date(2030, 3, 20))
    sweep(at(date(2030, 4, 3), hour=12))
    assert Reminder.objects.count() == 0
    assert mailoutbox == []
    sweep(at(date(2030, 4, 2), hour=12))  # the last day still counts
    assert reminders(kind=ReminderKind.OVERDUE) == [(ReminderKind.OVERDUE, date(2030, 4, 2), 13)]


@pytest.fixture
def broker_down():
    """A broker nobody listens on (loopback port 1), without retries: Redis is down."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.task_publish_retry)
    conf.broker_url, conf.task_always_eager, conf.task_publish_retry = (
        "redis://127.0.0.1:1/0", False, False)
    forget_broker(celery_app)
    yield
    conf.broker_url, conf.task_always_eager, conf.task_publish_retry = saved
    forget_broker(celery_app)


def test_sweep_with_the_broker_down_keeps_reminders_pending_for_later(
        event, agency, committee, broker_down, django_capture_on_commit_callbacks):
    task_due(event, agency, committee, date(2030, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders_sweep(now=at(TUESDAY))
    assert (counts["overdue"], counts["escalation"]) == (1, 1)
    assert set(Reminder.objects.values_list("mail__status", flat=True)) == {MailStatus.QUEUED}
