"""Mail to side-event organisers: the reference of a proposal received, then the programme
office's decision. Sent by the side-event services through logistics.core.mail. Reviews are
never in the context of these mails: the organiser does not see scores or comments. Nor
does what the organiser typed (name, title, organisations): anyone may type anyone's
address on the public form, so the mails carry the reference, our words and our links
(logistics.core.mail, "The limit")."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from logistics.core.mail import absolute_url, mail_build
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.queries import language_names, slot_labels

DECISION_TEMPLATES = {
    ProposalStatus.ACCEPTED: "side_event_accepted",
    ProposalStatus.WAITLISTED: "side_event_waitlisted",
    ProposalStatus.REJECTED: "side_event_rejected",
}
DECISION_SUBJECTS = {
    ProposalStatus.ACCEPTED: _("Your side event %(reference)s is accepted"),
    ProposalStatus.WAITLISTED: _("Your side event %(reference)s is on the waiting list"),
    ProposalStatus.REJECTED: _("Your side-event proposal %(reference)s"),
}


def confirm_link(proposal):
    """The organiser's confirmation link, absolute (for the acceptance mail and reminders)."""
    return absolute_url(reverse("side_event_confirm", args=[proposal.confirm_token]))


def _message(proposal, template, subject, **extra):
    """In the organiser's language (the form's), for the context too (the languages' and
    slots' names)."""
    event = proposal.event
    session = proposal.session if proposal.session_id else None

    def context():
        return {
            "proposal": proposal, "event": event,
            "languages": language_names(event, proposal.languages),
            "slots": slot_labels(proposal.preferred_slots),
            "session": session,
            "starts": session.starts_at.astimezone(event.tz) if session else None,
            "ends": session.ends_at.astimezone(event.tz) if session else None,
            **extra,
        }

    return mail_build(template=f"logistics/email/{template}", language=proposal.mail_language,
                      tz=event.tz, context=context,
                      subject=lambda context: subject % {"reference": proposal.reference})


def proposal_received_message(proposal):
    """The reference of a proposal just received."""
    return _message(proposal, "side_event_received",
                    _("Side-event proposal received: %(reference)s"))


def proposal_decision_message(proposal):
    """The decision on a proposal; an acceptance carries the organiser's confirmation link."""
    status = ProposalStatus(proposal.status)
    extra = {"link": confirm_link(proposal)} if status == ProposalStatus.ACCEPTED else {}
    return _message(proposal, DECISION_TEMPLATES[status], DECISION_SUBJECTS[status], **extra)
