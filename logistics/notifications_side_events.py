"""Mail to side-event organisers: the reference of a proposal received, then the programme
office's decision. Called by the side-event services only. Reviews are never in the
context of these mails: the organiser does not see scores or comments. Nor does what the
organiser typed (name, title, organisations): anyone may type anyone's address on the
public form, so the mails carry the reference, our words and our links
(logistics/public_mail.py)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.languages import mail_language
from logistics.enums import ProposalStatus
from logistics.public_mail import public_mail_send
from logistics.queries.side_events import language_names, slot_labels

DECISION_TEMPLATES = {
    ProposalStatus.ACCEPTED: "side_event_accepted",
    ProposalStatus.WAITLISTED: "side_event_waitlisted",
    ProposalStatus.REJECTED: "side_event_rejected",
}


def _absolute(path):
    return settings.SITE_URL + path


def confirm_link(proposal):
    """The organiser's confirmation link, absolute (for the acceptance mail and reminders)."""
    return _absolute(reverse("side_event_confirm", args=[proposal.confirm_token]))


def _context(proposal):
    event = proposal.event
    session = proposal.session if proposal.session_id else None
    return {
        "proposal": proposal, "event": event, "site_url": settings.SITE_URL,
        "languages": language_names(event, proposal.languages),
        "slots": slot_labels(proposal.preferred_slots),
        "session": session,
        "starts": session.starts_at.astimezone(event.tz) if session else None,
        "ends": session.ends_at.astimezone(event.tz) if session else None,
    }


def _send(proposal, subject, template, *, public_submission, **extra):
    # The organiser's language (the form's), for the context too (the languages' and slots'
    # names); times in the event's local time (|date and |time convert to the active zone).
    with translation.override(mail_language(proposal.mail_language)), \
            timezone.override(proposal.event.tz):
        context = {**_context(proposal), **extra}
        subject = str(subject)
        text = render_to_string(f"logistics/email/{template}.txt", context)
        html = render_to_string(f"logistics/email/{template}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text,
                                     settings.DEFAULT_FROM_EMAIL, to=[proposal.organiser_email],
                                     headers={"Auto-Submitted": "auto-generated"})
    message.attach_alternative(html, "text/html")
    return public_mail_send(message, what=f"Side-event mail ({template}) of proposal "
                                          f"{proposal.pk}", public_submission=public_submission)


def send_proposal_received(proposal):
    """The reference of a proposal just received; raise on any mail error."""
    with translation.override(mail_language(proposal.mail_language)):
        subject = _("Side-event proposal received: %(reference)s") % {
            "reference": proposal.reference}
    # The public form's own mail: counted against the address's day.
    return _send(proposal, subject, "side_event_received", public_submission=True)


def send_proposal_decision(proposal):
    """The decision on a proposal; an acceptance carries the organiser's confirmation link."""
    status = ProposalStatus(proposal.status)
    extra = {"link": confirm_link(proposal)} if status == ProposalStatus.ACCEPTED else {}
    with translation.override(mail_language(proposal.mail_language)):
        subject = {
            ProposalStatus.ACCEPTED: _("Your side event %(reference)s is accepted"),
            ProposalStatus.WAITLISTED: _("Your side event %(reference)s is on the waiting list"),
            ProposalStatus.REJECTED: _("Your side-event proposal %(reference)s"),
        }[status] % {"reference": proposal.reference}
    # The programme office's decision: never held back by what strangers sent the address.
    return _send(proposal, subject, DECISION_TEMPLATES[status], public_submission=False,
                 **extra)
