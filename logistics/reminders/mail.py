"""Who gets a reminder and what it says; what an invitation says. Sent by the reminder and
invitation services through logistics.core.mail.

Task reminders go to the lead agency (its focal points and its own addresses) with the
coordinating agencies in copy; escalations and digests go to the steering committee (the
users in the steering role and the agencies that chair or sit on the event's steering
committee), an escalation copying the lead agency; a weekly note goes to one agency.
Registration reminders go to a delegation's focal point with its secret link; a side event's
confirmation reminder goes to its organiser with the confirmation link.
"""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.core.enums import CommitteeKind, ReminderKind, Role
from logistics.core.mail import absolute_url, clean_addresses, mail_build
from logistics.core.models.event import Committee
from logistics.delegations.models import Invitation
from logistics.delegations.queries.delegations import missing_items
from logistics.plan.models import Task
from logistics.plan.queries import master_plan

# A digest of an event far behind would otherwise list thousands of tasks.
LIST_LIMIT = 50


def agency_addresses(agency):
    """The focal points' e-mails and the agency's own addresses (prefetch focal_points)."""
    users = [user.email for user in agency.focal_points.all() if user.is_active]
    return [*users, *(agency.emails or [])]


def steering_addresses(event):
    users = get_user_model().objects.filter(groups__name=Role.STEERING, is_active=True)
    addresses = list(users.values_list("email", flat=True))
    committees = (Committee.objects.filter(event=event, kind=CommitteeKind.STEERING)
                  .select_related("chair_agency").prefetch_related("member_agencies"))
    for committee in committees:
        agencies = [committee.chair_agency, *committee.member_agencies.all()]
        for agency in filter(None, agencies):
            addresses += agency.emails or []
    return clean_addresses(addresses)


def task_recipients(task):
    """(to, cc) of a "due soon" or "overdue" reminder."""
    to = clean_addresses(agency_addresses(task.lead_agency))
    cc = [address for agency in task.coordinating_agencies.all()
          for address in agency_addresses(agency)]
    return to, clean_addresses(cc, exclude=to)


def escalation_recipients(task, steering):
    return steering, clean_addresses(agency_addresses(task.lead_agency), exclude=steering)


def weekly_recipients(agency):
    return clean_addresses(agency_addresses(agency)), []


def owed_tasks(agency, day):
    """Open tasks an agency leads or coordinates that are late or due within the week."""
    return (master_plan.tasks_for_agency(agency.event, [agency.pk], today=day)
            .filter(master_plan.owed_q(day)).order_by("due_date", "code"))


def _reminder_language(reminder):
    """A delegation's or an organiser's mails go in the language they chose (or used on the
    form); the plan's reminders, digests and weekly notes in the committee's."""
    if reminder.delegation_id:
        return reminder.delegation.mail_language
    if reminder.proposal_id:
        return reminder.proposal.mail_language
    return ""


def _limited(queryset):
    rows = list(queryset[:LIST_LIMIT])
    count = queryset.count() if len(rows) == LIST_LIMIT else len(rows)
    return {"rows": rows, "count": count, "more": count - len(rows)}


def _task_context(reminder):
    task = reminder.task
    return {
        "task": task,
        "link": absolute_url(task.get_absolute_url()),
        "coordinating": list(task.coordinating_agencies.all()),
    }


def _digest_context(reminder):
    event, day = reminder.event, reminder.for_date
    open_tasks = (master_plan.tasks(event, today=day).filter(master_plan.OPEN)
                  .order_by("due_date", "code"))
    return {
        "readiness": master_plan.readiness(event),
        "overdue": _limited(open_tasks.filter(master_plan.overdue_q(day))),
        "due_next": _limited(open_tasks.filter(master_plan.due_this_week_q(day))),
        "link": absolute_url(reverse("logistics:dashboard")),
    }


def _weekly_context(reminder):
    agency, day = reminder.agency, reminder.for_date
    rows = list(owed_tasks(agency, day))
    for task in rows:
        task.is_lead = task.lead_agency_id == agency.pk
    return {
        "agency": agency,
        "overdue": [task for task in rows if task.is_overdue],
        "due_next": [task for task in rows if not task.is_overdue],
        "link": absolute_url(reverse("logistics:agency_detail", args=[agency.pk])),
    }


def delegation_recipients(delegation):
    """A delegation's focal point; the address its link went to if it has none on file
    (`invitation_email`, annotated by the sweep)."""
    address = delegation.focal_point_email or getattr(delegation, "invitation_email", "")
    return clean_addresses([address])


def proposal_recipients(proposal):
    return clean_addresses([proposal.organiser_email])


def _registration_link(delegation):
    """The delegation's working link, read when the mail is sent (a resend may have
    replaced the one there was when the reminder was claimed); None if it has none."""
    invitation = (Invitation.objects.live().filter(delegation=delegation,
                                                   expires_at__gt=timezone.now())
                  .order_by("-created_at").first())
    return absolute_url(invitation.get_absolute_url()) if invitation else None


def _registration_context(reminder):
    delegation, event = reminder.delegation, reminder.event
    context = {"delegation": delegation, "link": _registration_link(delegation),
               "closes": event.registration_closes_at().astimezone(event.tz),
               "days_left": reminder.level}
    if reminder.kind in (ReminderKind.REGISTRATION_INCOMPLETE,
                         ReminderKind.REGISTRATION_RECHECK):
        context["credentials_missing"], context["members_missing"] = missing_items(delegation)
    return context


def _proposal_context(reminder):
    proposal = reminder.proposal
    return {"proposal": proposal,
            "link": absolute_url(reverse("side_event_confirm", args=[proposal.confirm_token])),
            "decided": proposal.decided_at.astimezone(reminder.event.tz)}


def _own_subject(reminder, context):
    """The subject of the delegation and side-event reminders."""
    event = reminder.event
    if reminder.kind == ReminderKind.PROPOSAL_CONFIRMATION:
        # Not its title: the organiser typed it, and anyone may type anyone's address.
        text = _("Please confirm your side event %(reference)s") % {
            "reference": context["proposal"].reference}
    elif reminder.kind == ReminderKind.REGISTRATION_INCOMPLETE:
        text = _("Registration of %(delegation)s incomplete") % {
            "delegation": context["delegation"].name}
    elif reminder.kind == ReminderKind.REGISTRATION_RECHECK:
        text = _("Registration of %(delegation)s: details needed for the badges") % {
            "delegation": context["delegation"].name}
    else:
        text = _("Registration of %(delegation)s not yet made") % {
            "delegation": context["delegation"].name}
    return f"[{event.name}] {text}"


CONTEXTS = {
    ReminderKind.DIGEST: _digest_context,
    ReminderKind.WEEKLY: _weekly_context,
    ReminderKind.REGISTRATION_DUE: _registration_context,
    ReminderKind.REGISTRATION_INCOMPLETE: _registration_context,
    ReminderKind.REGISTRATION_RECHECK: _registration_context,
    ReminderKind.PROPOSAL_CONFIRMATION: _proposal_context,
}
OWN_SUBJECT_KINDS = (ReminderKind.REGISTRATION_DUE, ReminderKind.REGISTRATION_INCOMPLETE,
                     ReminderKind.REGISTRATION_RECHECK,
                     ReminderKind.PROPOSAL_CONFIRMATION)


def reminder_message(reminder):
    """The Message of a reminder, in its recipient's language and the event's local time;
    the context too is made in that language (the missing items' names)."""

    def context():
        return {"reminder": reminder, "event": reminder.event, "day": reminder.for_date,
                **CONTEXTS.get(reminder.kind, _task_context)(reminder)}

    def subject(context):
        if reminder.kind in OWN_SUBJECT_KINDS:
            return _own_subject(reminder, context)
        return render_to_string("logistics/email/subject.txt", context)

    return mail_build(template=f"logistics/email/{reminder.kind}",
                      language=_reminder_language(reminder), tz=reminder.event.tz,
                      context=context, subject=subject)


def recipient_tasks(task_ids):
    """Tasks with everything task_recipients() reads, in one go."""
    return (Task.objects.filter(pk__in=task_ids).select_related("lead_agency")
            .prefetch_related("lead_agency__focal_points", "coordinating_agencies__focal_points"))


