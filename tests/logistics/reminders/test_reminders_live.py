"""Reminders end to end: a real Redis, a real Celery worker, the test database, mail to files."""

import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

import pytest

from config.celery import app as celery_app
from logistics.core.enums import MailStatus, ReminderKind, Role
from logistics.plan.models import Reminder
from logistics.reminders.services import reminders_sweep
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)
from tests.plugins.live_services import wait_for

pytestmark = pytest.mark.redis

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY, TUESDAY = date(2030, 3, 4), date(2030, 3, 5)
RULES = {"due_soon_days": 3, "escalate_after_days": 3, "digest_hour": 7, "weekly_weekday": 0}


def at(day, hour):
    return datetime.combine(day, clock(hour), tzinfo=HANOI)


def addresses(header):
    return sorted(address.addr_spec for address in header.addresses) if header else []


def all_sent(expected):
    def check():
        statuses = list(Reminder.objects.values_list("mail__status", flat=True))
        return len(statuses) == expected and set(statuses) == {MailStatus.SENT}
    return check


@pytest.fixture
def plan(live):
    event = EventFactory(name="Convention signing", start_date=date(2030, 4, 1),
                         end_date=date(2030, 4, 2), **RULES)
    lead = AgencyFactory(event=event, code="MPS", emails=["mps@example.org"])
    helper = AgencyFactory(event=event, code="MOFA", emails=["mofa@example.org"])
    user_with_role(Role.FOCAL_POINT, username="focal", agencies=[lead])
    user_with_role(Role.STEERING, username="chair")
    return {"event": event, "lead": lead, "helper": helper,
            "committee": CommitteeFactory(event=event)}


def test_worker_sends_the_mails_the_sweep_queues(live, plan):
    soon = TaskFactory(event=plan["event"], code="PRO-01", title="Welcome desks",
                       lead_agency=plan["lead"], committee=plan["committee"],
                       due_date=TUESDAY + timedelta(days=2),
                       coordinating_agencies=[plan["helper"]])
    TaskFactory(event=plan["event"], code="SEC-02", title="Motorcade routes",
                lead_agency=plan["lead"], committee=plan["committee"],
                due_date=TUESDAY - timedelta(days=4))
    counts = reminders_sweep(now=at(TUESDAY, 10))
    assert counts == {"due_soon": 1, "overdue": 1, "escalation": 1, "digest": 1, "weekly": 0,
                      "registration_due": 0, "registration_incomplete": 0,
                      "proposal_confirmation": 0, "requeued": 0}
    wait_for(all_sent(4), message="4 reminders sent", log=live.log)
    mails = {mail["subject"]: mail for mail in live.messages()}
    assert sorted(mails) == [
        "[Convention signing] Daily digest for March 5, 2030",
        "[Convention signing] Due in 2 days: PRO-01 Welcome desks",
        "[Convention signing] Escalation, 4 days late: SEC-02 Motorcade routes",
        "[Convention signing] Overdue by 4 days: SEC-02 Motorcade routes",
    ]
    due_soon = mails["[Convention signing] Due in 2 days: PRO-01 Welcome desks"]
    assert addresses(due_soon["to"]) == ["focal@example.org", "mps@example.org"]
    assert addresses(due_soon["cc"]) == ["mofa@example.org"]
    link = f"https://accord.example.org/tasks/{soon.pk}/"
    assert link in due_soon.get_body(("plain",)).get_content()
    assert link in due_soon.get_body(("html",)).get_content()
    escalation = mails["[Convention signing] Escalation, 4 days late: SEC-02 Motorcade routes"]
    assert addresses(escalation["to"]) == ["chair@example.org"]
    assert addresses(escalation["cc"]) == ["focal@example.org", "mps@example.org"]
    sent = Reminder.objects.get(task=soon).mail
    assert (sent.attempts, sent.recipients, sent.cc) == (
        1, ["focal@example.org", "mps@example.org"], ["mofa@example.org"])


def test_two_sweeps_at_once_send_each_reminder_once(live, plan):
    for n in range(12):
        TaskFactory(event=plan["event"], code=f"LOG-{n:02d}", lead_agency=plan["lead"],
                    committee=plan["committee"], due_date=MONDAY - timedelta(days=5),
                    coordinating_agencies=[plan["helper"]])
    # 12 overdue, 12 escalations, the digest, a weekly note to each of the two agencies.
    expected = 12 + 12 + 1 + 2
    now = at(MONDAY, 10).isoformat()
    sweeps = [live.manage("send_reminders", "--now", now) for _ in range(2)]
    outputs = [sweep.communicate(timeout=120) for sweep in sweeps]
    assert [sweep.returncode for sweep in sweeps] == [0, 0], outputs
    claimed = sum(int(line.rsplit(":", 1)[1]) for out, _err in outputs
                  for line in out.splitlines() if not line.startswith("Re-queued"))
    assert claimed == expected, outputs
    wait_for(all_sent(expected), message=f"{expected} reminders sent", log=live.log)
    time.sleep(1)  # room for a duplicate send to show up, if there were one
    assert Reminder.objects.count() == expected
    assert len(live.messages()) == expected
    assert Reminder.objects.filter(kind=ReminderKind.WEEKLY).count() == 2


def test_beat_task_name_runs_the_sweep_on_the_worker(live, plan):
    event = plan["event"]
    task = TaskFactory(event=event, code="COM-03", title="Press centre wifi",
                       lead_agency=plan["lead"], committee=plan["committee"],
                       due_date=event.today() + timedelta(days=1))
    celery_app.send_task("logistics.reminder_sweep")
    reminder = wait_for(
        lambda: Reminder.objects.filter(task=task, kind=ReminderKind.DUE_SOON,
                                        mail__status=MailStatus.SENT).first(),
        message="the beat sweep's due-soon reminder", log=live.log)
    wait_for(lambda: not Reminder.objects.filter(mail__status=MailStatus.QUEUED).exists(),
             message="every reminder sent", log=live.log)
    assert (reminder.for_date, reminder.level) == (task.due_date, 1)
    assert "[Convention signing] Due in 1 day: COM-03 Press centre wifi" in [
        mail["subject"] for mail in live.messages()]
