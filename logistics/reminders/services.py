"""The reminder sweep and the sending of one reminder.

The sweep claims a reminder by inserting its row with its mail's row of the outbox
(logistics.core.mail): the unique constraints on Reminder let exactly one insert win, whatever
the number of sweeps running at once (a duplicate beat, the command run by hand), and only
the winner queues the mail, once its rows are committed. Sending takes the mail's row and
does nothing if it is no longer queued, so a message delivered twice or re-queued by a later
sweep sends nothing more.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.core import mail
from logistics.core.enums import MailStatus, ReminderKind
from logistics.core.models.event import Agency, Event
from logistics.core.models.mail import OutgoingMail
from logistics.core.queueing import queue_after_commit
from logistics.delegations.enums import DelegationStatus
from logistics.delegations.models import Delegation, DelegationMember, Invitation
from logistics.delegations.queries.delegations import BADGE_DETAILS_MISSING, incomplete_q
from logistics.plan.models import Reminder, Task
from logistics.plan.queries import master_plan
from logistics.reminders import mail as notifications
from logistics.side_events.queries import awaiting_confirmation

# Delegations are reminded on these days before the registration deadline (its day at the
# venue; 0 is the day itself): two weeks ahead, then every third day, then daily over the
# last three days. One rule for those not yet registered and for incomplete registrations,
# as both have the same deadline to meet. A missed sweep day is not caught up: the next
# day on the list comes soon enough.
REGISTRATION_REMINDER_DAYS = frozenset({14, 11, 8, 5, 3, 2, 1, 0})
# An accepted side event the organiser has not confirmed: every third day after the
# decision (days 3, 6, 9...), until the event starts.
CONFIRMATION_EVERY_DAYS = 3


def reminders_sweep(*, now=None):
    """Claim and queue every reminder due at `now` (default: now), for every event, and
    re-queue the queued ones whose message was lost. Returns the number claimed per kind
    and the number re-queued."""
    now = now or timezone.now()
    # The re-check is claimed by registrations_recheck, run once, never by the sweep.
    counts = dict.fromkeys((kind for kind in ReminderKind.values
                            if kind != ReminderKind.REGISTRATION_RECHECK), 0)
    for event in Event.objects.order_by("pk"):
        local = now.astimezone(event.tz)
        if local.date() > event.end_date:
            continue  # the event is over: nobody owes it anything any more
        for reminder, to, cc in [
                *_task_reminders(event, local.date()), *_digest(event, local),
                *_weekly_notes(event, local), *_delegation_reminders(event, now),
                *_proposal_reminders(event, local.date())]:
            if _claim(reminder, to, cc):
                counts[reminder.kind] += 1
    counts["requeued"] = _requeue_stale()
    return counts


def reminder_send(*, reminder_id, final=True, redelivered=False):
    """Send one reminder unless another worker has it or it is done (`redelivered`: this
    message's first worker died while sending it; the mail it left is taken over). A
    transient mail error puts it back in the queue and is raised again for the caller to
    retry, unless this is the `final` attempt; any other error, or the final one, marks it
    failed (logistics.core.mail). Returns the mail's status."""
    reminder = (Reminder.objects.select_related("event", "task__lead_agency", "agency",
                                                "delegation", "proposal")
                .filter(pk=reminder_id).first())
    if reminder is None:
        return None
    status = mail.mail_send(key=reminder.mail_key, kind=reminder.kind, event=reminder.event,
                            build=lambda: notifications.reminder_message(reminder),
                            final=final, redelivered=redelivered)
    return status or mail.mail_status(reminder.mail_key)


def _claim(reminder, to, cc):
    """Insert the reminder's row and its mail's, queued to `to` and `cc`; False if another
    sweep already holds it. The savepoint keeps a lost race (IntegrityError) from breaking a
    caller's transaction on PostgreSQL."""
    try:
        with transaction.atomic():
            reminder.save(force_insert=True)
            reminder.mail = mail.mail_queue(key=reminder.mail_key, kind=reminder.kind,
                                            event=reminder.event, to=to, cc=cc)
            reminder.save(update_fields=["mail"])
    except IntegrityError:
        return False
    if reminder.mail.status == MailStatus.QUEUED:
        _enqueue(reminder.pk)
    return True


def _enqueue(reminder_id):
    queue_after_commit("logistics.send_reminder", reminder_id)


def _requeue_stale():
    """Queue again the reminders whose message or worker was lost (logistics.core.mail)."""
    ids = mail.stale_mails_requeue(OutgoingMail.objects.filter(reminder__isnull=False))
    for reminder_id in Reminder.objects.filter(mail__in=ids).values_list("pk", flat=True):
        _enqueue(reminder_id)
    return len(ids)


def _task_reminders(event, today):
    """(unsaved reminder, to, cc) for the open tasks of an event, minus those already
    claimed. The other kinds' lists below are made the same way."""
    due_soon = event.reminder_rule("due_soon_days")
    escalate_after = event.reminder_rule("escalate_after_days")
    # Late as everywhere else (master_plan.overdue_q), or open and due within the reminder window.
    rows = (Task.objects.filter(event=event)
            .filter(master_plan.overdue_q(today)
                    | (master_plan.OPEN & Q(due_date__lte=today + timedelta(days=due_soon))))
            .annotate(late=ExpressionWrapper(master_plan.overdue_q(today),
                                             output_field=BooleanField()))
            .values_list("pk", "due_date", "late"))
    wanted = []
    for task_id, due, late in rows:
        days = (due - today).days
        if not late:
            wanted.append((task_id, ReminderKind.DUE_SOON, due, days))
        else:
            wanted.append((task_id, ReminderKind.OVERDUE, today, -days))
            if -days >= escalate_after:
                wanted.append((task_id, ReminderKind.ESCALATION, due, -days))
    if not wanted:
        return []
    held = set(Reminder.objects.filter(event=event, task__in={w[0] for w in wanted})
               .filter(Q(kind=ReminderKind.OVERDUE, for_date=today)
                       | Q(kind__in=[ReminderKind.DUE_SOON, ReminderKind.ESCALATION]))
               .values_list("task_id", "kind", "for_date"))
    wanted = [w for w in wanted if w[:3] not in held]
    tasks = {task.pk: task for task in notifications.recipient_tasks({w[0] for w in wanted})}
    steering = notifications.steering_addresses(event) if any(
        w[1] == ReminderKind.ESCALATION for w in wanted) else []
    reminders = []
    for task_id, kind, for_date, level in wanted:
        task = tasks[task_id]
        if kind == ReminderKind.ESCALATION:
            to, cc = notifications.escalation_recipients(task, steering)
        else:
            to, cc = notifications.task_recipients(task)
        reminder = Reminder(event=event, kind=kind, task=task, for_date=for_date, level=level)
        reminders.append((reminder, to, cc))
    return reminders


def _digest(event, local):
    if local.hour < event.reminder_rule("digest_hour"):
        return []
    day = local.date()
    if Reminder.objects.filter(event=event, kind=ReminderKind.DIGEST, for_date=day).exists():
        return []
    reminder = Reminder(event=event, kind=ReminderKind.DIGEST, for_date=day)
    return [(reminder, notifications.steering_addresses(event), [])]


def _weekly_notes(event, local):
    if (local.weekday() != event.reminder_rule("weekly_weekday")
            or local.hour < event.reminder_rule("weekly_hour")):
        return []
    day = local.date()
    owing = Task.objects.filter(event=event).filter(master_plan.owed_q(day))
    agency_ids = set(owing.values_list("lead_agency_id", flat=True))
    agency_ids |= set(Task.coordinating_agencies.through.objects.filter(task__in=owing)
                      .values_list("agency_id", flat=True))
    agency_ids -= set(Reminder.objects.filter(kind=ReminderKind.WEEKLY, for_date=day,
                                              agency__in=agency_ids)
                      .values_list("agency_id", flat=True))
    agencies = (Agency.objects.filter(pk__in=agency_ids).prefetch_related("focal_points")
                .order_by("pk"))
    return [
        (Reminder(event=event, kind=ReminderKind.WEEKLY, agency=agency, for_date=day),
         *notifications.weekly_recipients(agency))
        for agency in agencies
    ]


def _delegation_reminders(event, now):
    """REGISTRATION_DUE to delegations invited or confirmed that have not registered, and
    REGISTRATION_INCOMPLETE to registered ones that lack credentials or a member's photo or
    arrival flight, on the days of REGISTRATION_REMINDER_DAYS, while their link works."""
    closes = event.registration_closes_at()
    if now >= closes:
        return []
    today = now.astimezone(event.tz).date()
    days_left = (closes.astimezone(event.tz).date() - today).days
    if days_left not in REGISTRATION_REMINDER_DAYS:
        return []
    live = Invitation.objects.filter(delegation=OuterRef("pk"), revoked_at__isnull=True,
                                     expires_at__gt=now).order_by("-created_at")
    invited = (Delegation.objects.filter(event=event).filter(Exists(live))
               .annotate(invitation_email=Subquery(live.values("email")[:1])))
    wanted = [
        *((ReminderKind.REGISTRATION_DUE, d) for d in invited.filter(
            status__in=[DelegationStatus.INVITED, DelegationStatus.CONFIRMED])),
        *((ReminderKind.REGISTRATION_INCOMPLETE, d) for d in invited.filter(
            incomplete_q(), status=DelegationStatus.REGISTERED)),
    ]
    if not wanted:
        return []
    held = set(Reminder.objects.filter(event=event, for_date=today,
                                       delegation__in=[d for _kind, d in wanted])
               .values_list("delegation_id", "kind"))
    return [
        (Reminder(event=event, kind=kind, delegation=delegation, for_date=today,
                  level=days_left),
         notifications.delegation_recipients(delegation), [])
        for kind, delegation in wanted if (delegation.pk, kind) not in held
    ]


def registrations_recheck(*, now=None):
    """Check again the registrations marked complete (registered) before every member had to
    have a date of birth, an ID document and a photo (BADGE_DETAILS_MISSING), and tell the
    focal point of each that lacks some, once: one REGISTRATION_RECHECK mail per delegation,
    listing every member and what they lack. The reminder's row is the claim, unique per
    delegation and kind whatever the day, so that running this again (or twice at once)
    sends nothing more. Events that are over are left alone. Returns the number claimed."""
    now = now or timezone.now()
    claimed = 0
    for event in Event.objects.order_by("pk"):
        today = now.astimezone(event.tz).date()
        if today > event.end_date:
            continue
        days_left = (event.registration_closes_at().astimezone(event.tz).date() - today).days
        lacking = DelegationMember.objects.filter(delegation=OuterRef("pk")).filter(
            BADGE_DETAILS_MISSING)
        told = Reminder.objects.filter(delegation=OuterRef("pk"),
                                       kind=ReminderKind.REGISTRATION_RECHECK)
        live = Invitation.objects.filter(delegation=OuterRef("pk"), revoked_at__isnull=True
                                         ).order_by("-created_at")
        delegations = (Delegation.objects.filter(event=event, status=DelegationStatus.REGISTERED)
                       .filter(Exists(lacking), ~Exists(told))
                       .annotate(invitation_email=Subquery(live.values("email")[:1]))
                       .order_by("pk"))
        for delegation in delegations:
            reminder = Reminder(event=event, kind=ReminderKind.REGISTRATION_RECHECK,
                                delegation=delegation, for_date=today,
                                level=max(days_left, 0))
            claimed += _claim(reminder, notifications.delegation_recipients(delegation), [])
    return claimed


def _proposal_reminders(event, today):
    """PROPOSAL_CONFIRMATION to the organisers of accepted side events not yet confirmed,
    every CONFIRMATION_EVERY_DAYS days after the decision, until the event starts."""
    if today >= event.start_date:
        return []
    held = Reminder.objects.filter(proposal=OuterRef("pk"), for_date=today,
                                   kind=ReminderKind.PROPOSAL_CONFIRMATION)
    # The days are counted from the decision: a proposal without its date is not counted.
    proposals = awaiting_confirmation(event).filter(~Exists(held), decided_at__isnull=False)
    reminders = []
    for proposal in proposals:
        days = (today - proposal.decided_at.astimezone(event.tz).date()).days
        if days > 0 and days % CONFIRMATION_EVERY_DAYS == 0:
            reminder = Reminder(event=event, kind=ReminderKind.PROPOSAL_CONFIRMATION,
                                proposal=proposal, for_date=today, level=days)
            reminders.append((reminder, notifications.proposal_recipients(proposal), []))
    return reminders


def describe(counts):
    """One line per kind, for the command and the logs."""
    labels = {**dict(ReminderKind.choices), "requeued": _("Re-queued")}
    return [f"{labels[key]}: {value}" for key, value in counts.items()]
