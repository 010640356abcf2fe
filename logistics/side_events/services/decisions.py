"""The programme office's side of a proposal: the blind review, the decision (and its mail
to the organiser), the scheduling into a room and a slot, and a withdrawal."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.core import mail, permissions
from logistics.core.enums import MailKind, MailStatus
from logistics.core.errors import InvalidTransition, NotAllowed
from logistics.core.permissions import can_manage_programme, can_review_proposals
from logistics.core.queueing import queue_after_commit
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.errors import InvalidSession
from logistics.programme.services import sessions as programme
from logistics.side_events import mail as notifications_side_events
from logistics.side_events.enums import (
    PROPOSAL_TRANSITIONS,
    REVIEW_SCORE_MAX,
    REVIEW_SCORE_MIN,
    ProposalStatus,
)
from logistics.side_events.errors import InvalidReview, ReviewClosed
from logistics.side_events.models import ProposalReview, SideEventProposal
from logistics.side_events.services.proposals import checked_text, event_days, locked

REVIEW_COMMENT_MAX_CHARS = 4000


DECISIONS = (ProposalStatus.ACCEPTED, ProposalStatus.WAITLISTED, ProposalStatus.REJECTED)


# A waitlisted proposal may still be accepted, so reviewers may still score it.
REVIEWABLE = (ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED)



def _check_transition(proposal, status):
    if status not in PROPOSAL_TRANSITIONS[ProposalStatus(proposal.status)]:
        raise InvalidTransition(
            _("%(reference)s is “%(current)s”; it cannot become “%(new)s”.")
            % {"reference": proposal.reference,
               "current": ProposalStatus(proposal.status).label,
               "new": ProposalStatus(status).label})


@transaction.atomic
def review_save(*, proposal, by, score, comment=""):
    """A programme officer's score (1 to 5) and comment; a second call changes the first.
    Only while the proposal is open (submitted or waitlisted)."""
    permissions.require(by, can_review_proposals,
                        _("Only the programme office can review side-event proposals."))
    if by is None:
        raise NotAllowed(_("A review is given by a programme officer."))
    # Locked so that a decision taken meanwhile cannot slip in between check and save.
    proposal = locked(proposal)
    if proposal.status not in REVIEWABLE:
        raise ReviewClosed(_("%(reference)s is “%(status)s”: its reviews are closed.")
                           % {"reference": proposal.reference,
                              "status": proposal.get_status_display()})
    errors = {}
    if isinstance(score, bool) or not isinstance(score, int) \
            or not REVIEW_SCORE_MIN <= score <= REVIEW_SCORE_MAX:
        errors["score"] = [_("Give a score from %(min)s to %(max)s.")
                           % {"min": REVIEW_SCORE_MIN, "max": REVIEW_SCORE_MAX}]
    comment = checked_text(comment, "comment", errors, maximum=REVIEW_COMMENT_MAX_CHARS)
    if errors:
        details = "; ".join(message for messages in errors.values() for message in messages)
        raise InvalidReview(_("The review was not saved: %(details)s") % {"details": details},
                            fields=errors)
    review, _created = ProposalReview.objects.update_or_create(
        proposal=proposal, reviewer=by, defaults={"score": score, "comment": comment})
    return review


@transaction.atomic
def proposal_decide(*, proposal, by, status):
    """Accept, waitlist or reject; the organiser is told by mail (never the reviews). Two
    officers deciding at once: the second finds the first's decision and is refused unless
    it is a move PROPOSAL_TRANSITIONS allows."""
    permissions.require(by, can_review_proposals,
                        _("Only the programme office can decide on side-event proposals."))
    if status not in DECISIONS:
        raise InvalidTransition(_("“%(status)s” is not a decision: accept, waitlist or reject.")
                                % {"status": status})
    proposal = locked(proposal)
    _check_transition(proposal, status)
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = by
    proposal.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    queue_after_commit("logistics.send_proposal_decision", proposal.pk, str(status))
    return proposal


@transaction.atomic
def proposal_schedule(*, proposal, by, room, starts_at, ends_at):
    """Book an accepted side event into a room and a time, or move it: a Session of kind
    side event that the programme shows. The programme's checks apply (room clash,
    capacity) and their errors are raised as they are; nothing is written then."""
    permissions.require(by, can_manage_programme,
                        _("Only the programme office can schedule side events."))
    proposal = locked(proposal)
    if proposal.status != ProposalStatus.ACCEPTED:
        raise InvalidTransition(_("Only an accepted side event can be scheduled; %(reference)s "
                                  "is “%(status)s”.") % {"reference": proposal.reference,
                                                        "status": proposal.get_status_display()})
    if room is None:
        raise InvalidSession(_("Choose a room."), fields={"room": [_("Choose a room.")]})
    event = proposal.event
    if starts_at is not None and timezone.is_aware(starts_at) \
            and starts_at.astimezone(event.tz).date() not in event_days(event):
        message = _("Side events take place during the event, %(first)s to %(last)s.") % {
            "first": event.start_date.isoformat(), "last": event.end_date.isoformat()}
        raise InvalidSession(message, fields={"starts_at": [message]})
    # A session cancelled from the programme stays cancelled: the side event is booked anew.
    if proposal.session_id is not None and proposal.session.status != SessionStatus.CANCELLED:
        return programme.session_update(
            session=proposal.session, by=by, room=room, starts_at=starts_at, ends_at=ends_at,
            expected_audience=proposal.expected_audience, status=SessionStatus.SCHEDULED)
    session = programme.session_create(
        event=event, by=by, kind=SessionKind.SIDE_EVENT, title=proposal.title,
        starts_at=starts_at, ends_at=ends_at, room=room, languages=list(proposal.languages),
        organiser=proposal.organiser_organisation, organiser_email=proposal.organiser_email,
        expected_audience=proposal.expected_audience, status=SessionStatus.SCHEDULED)
    proposal.session = session
    proposal.save(update_fields=["session", "updated_at"])
    return session


@transaction.atomic
def proposal_withdraw(*, proposal, by):
    """Withdraw a proposal at the organiser's request; its session, if booked, is cancelled
    and the room is free again."""
    permissions.require(by, can_review_proposals,
                        _("Only the programme office can withdraw a side-event proposal."))
    proposal = locked(proposal)
    _check_transition(proposal, ProposalStatus.WITHDRAWN)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    if proposal.session_id is not None:
        programme.session_cancel(session=proposal.session, by=by)
    return proposal


def proposal_decision_mail_send(*, proposal_id, status, final=False, redelivered=False):
    """Mail the organiser a decision, once, unless a later decision replaced it (that one
    sends its own mail): each decision is its own mail, named by what and when it was. The
    programme office's decision is never held back by what strangers sent the address.
    `decision_mailed` keeps the decision the organiser has been told of."""
    proposal = (SideEventProposal.objects.select_related("event", "session__room")
                .filter(pk=proposal_id, status=status).exclude(decision_mailed=status)
                .first())
    if proposal is None:
        return False
    decided = proposal.decided_at.isoformat() if proposal.decided_at else ""
    sent = mail.mail_send(
        key=f"proposal_decision:{proposal.pk}:{status}:{decided}",
        kind=MailKind.PROPOSAL_DECISION, event=proposal.event, to=[proposal.organiser_email],
        build=lambda: notifications_side_events.proposal_decision_message(proposal),
        final=final, redelivered=redelivered)
    if sent != MailStatus.SENT:
        return False
    SideEventProposal.objects.filter(pk=proposal.pk, status=status).update(
        decision_mailed=status)
    return True
