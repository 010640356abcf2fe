"""Side events: the public proposal, the programme office's blind review and decision, the
organiser's confirmation and the booking of a session for it.

Reviews are for the programme office alone: nothing here puts them in a mail or a page
the organiser sees."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics import mail, notifications_side_events, permissions
from logistics.crypto import secret_match
from logistics.enums import (
    PROPOSAL_TRANSITIONS,
    REVIEW_SCORE_MAX,
    REVIEW_SCORE_MIN,
    DayPart,
    MailKind,
    MailStatus,
    ProposalStatus,
    SessionKind,
    SessionStatus,
)
from logistics.errors import (
    ConfirmationUnusable,
    InvalidProposal,
    InvalidReview,
    InvalidSession,
    InvalidTransition,
    NotAllowed,
    ProposalsClosed,
    ReviewClosed,
)
from logistics.models import ProposalReview, SideEventProposal
from logistics.permissions import can_manage_programme, can_review_proposals
from logistics.queries.side_events import language_choices
from logistics.queueing import queue_after_commit
from logistics.services import programme

# Limits of the public form: generous for any real side event, small enough to refuse junk.
ABSTRACT_MIN_CHARS = 50
ABSTRACT_MAX_CHARS = 3000
TECHNICAL_NEEDS_MAX_CHARS = 2000
CO_ORGANISERS_MAX = 20
CO_ORGANISER_MAX_CHARS = 200
MAX_AUDIENCE = 2000
REVIEW_COMMENT_MAX_CHARS = 4000

DECISIONS = (ProposalStatus.ACCEPTED, ProposalStatus.WAITLISTED, ProposalStatus.REJECTED)
# A waitlisted proposal may still be accepted, so reviewers may still score it.
REVIEWABLE = (ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED)


def event_days(event):
    return [event.start_date + timedelta(days=n)
            for n in range((event.end_date - event.start_date).days + 1)]


def slot_value(day, part):
    return f"{day.isoformat()}:{part}"


def slot_choices(event):
    """Every preferred slot of the event, in order: ("2026-12-10:am", day, DayPart)."""
    return [(slot_value(day, part), day, part) for day in event_days(event) for part in DayPart]


def proposals_open(event, *, now=None):
    """Proposals are taken until the event starts (midnight at the venue on its first day)."""
    return (now or timezone.now()) < event.starts_at()


def _closed(event):
    return ProposalsClosed(_("%(event)s no longer takes side-event proposals: it started on "
                             "%(date)s.") % {"event": event.name,
                                             "date": event.start_date.isoformat()})


def _languages(event, value, errors):
    allowed = dict(language_choices(event))
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors["languages"] = [_("Choose the languages from the list.")]
        return []
    codes = list(dict.fromkeys(code.strip() for code in value if code.strip()))
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        errors["languages"] = [_("Not a language on the list: %(codes)s. Choose from: "
                                 "%(allowed)s.") % {"codes": ", ".join(unknown),
                                                    "allowed": ", ".join(allowed)}]
    elif not codes:
        errors["languages"] = [_("Choose at least one language.")]
    # In the event's order, so that lists read the same everywhere.
    return [code for code in allowed if code in codes]


def _audience(value, errors):
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except (TypeError, ValueError):
            errors["expected_audience"] = [_("Give the expected audience as a whole number.")]
            return None
    if not 1 <= value <= MAX_AUDIENCE:
        errors["expected_audience"] = [_("The expected audience must be between 1 and "
                                         "%(max)s people.") % {"max": MAX_AUDIENCE}]
    return value


def _slots(event, value, errors):
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors["preferred_slots"] = [_("Choose the preferred slots from the grid.")]
        return []
    days = event_days(event)
    parts = list(DayPart.values)
    problems, slots = [], set()
    for raw in value:
        day_text, _sep, part = raw.strip().partition(":")
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            day = None
        if day is None or part not in parts:
            problems.append(_("“%(slot)s” is not a slot: give a day and a part of it, e.g. "
                              "%(example)s.") % {"slot": raw,
                                                  "example": slot_value(days[0], parts[0])})
        elif day not in days:
            problems.append(_("%(day)s is not a day of the event (%(first)s to %(last)s).")
                            % {"day": day.isoformat(), "first": days[0].isoformat(),
                               "last": days[-1].isoformat()})
        else:
            slots.add((day, parts.index(part)))
    if problems:
        errors["preferred_slots"] = problems
    return [slot_value(day, parts[index]) for day, index in sorted(slots)]


def _co_organisers(value, errors):
    lines = []
    seen = set()
    for line in str(value or "").splitlines():
        line = " ".join(line.split())
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            lines.append(line)
    too_long = [line for line in lines if len(line) > CO_ORGANISER_MAX_CHARS]
    if len(lines) > CO_ORGANISERS_MAX:
        errors["co_organisers"] = [_("Name at most %(max)s co-organisers, one per line.")
                                   % {"max": CO_ORGANISERS_MAX}]
    elif too_long:
        errors["co_organisers"] = [_("One co-organiser per line, each at most %(max)s "
                                     "characters: “%(line)s…” is longer.")
                                   % {"max": CO_ORGANISER_MAX_CHARS, "line": too_long[0][:40]}]
    return "\n".join(lines)


def _text(value, name, errors, *, minimum=0, maximum):
    text = str(value or "").strip()
    if len(text) > maximum:
        errors[name] = [_("At most %(max)s characters; this has %(count)s.")
                        % {"max": maximum, "count": len(text)}]
    elif text and len(text) < minimum:
        errors[name] = [_("At least %(min)s characters, please; this has %(count)s.")
                        % {"min": minimum, "count": len(text)}]
    return text


def proposal_build(*, event, organiser_name, organiser_organisation, organiser_email, title,
                   abstract, format, languages, expected_audience, technical_needs="",
                   co_organisers="", preferred_slots=()):
    """A proposal checked and ready to save (not saved). InvalidProposal names every field
    at fault at once, so that a form can show them all."""
    errors = {}
    proposal = SideEventProposal(
        event=event,
        organiser_name=str(organiser_name or "").strip(),
        organiser_organisation=str(organiser_organisation or "").strip(),
        organiser_email=str(organiser_email or "").strip(),
        co_organisers=_co_organisers(co_organisers, errors),
        title=" ".join(str(title or "").split()),
        abstract=_text(abstract, "abstract", errors, minimum=ABSTRACT_MIN_CHARS,
                       maximum=ABSTRACT_MAX_CHARS),
        format=format or "",
        languages=_languages(event, languages, errors),
        expected_audience=_audience(expected_audience, errors),
        technical_needs=_text(technical_needs, "technical_needs", errors,
                              maximum=TECHNICAL_NEEDS_MAX_CHARS),
        preferred_slots=_slots(event, preferred_slots, errors),
    )
    try:
        proposal.full_clean(exclude=list(errors))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        details = "; ".join(message for messages in errors.values() for message in messages)
        raise InvalidProposal(_("The proposal was not sent: %(details)s") % {"details": details},
                              fields=errors)
    return proposal


@transaction.atomic
def proposal_submit(*, event, now=None, consented_at=None, mail_language="", **fields):
    """The public form: save a proposal for `event` and mail the organiser its reference.
    Raises ProposalsClosed once the event has started, InvalidProposal on bad input; nothing
    is saved then. The fields are those of proposal_build(); `consented_at`: when the
    organiser agreed to the form's privacy notice; `mail_language`: the form's, in which the
    organiser's mails are written."""
    if not proposals_open(event, now=now):
        raise _closed(event)
    proposal = proposal_build(event=event, **fields)
    proposal.privacy_consent_at = consented_at
    proposal.mail_language = mail_language
    proposal.save()
    queue_after_commit("logistics.send_proposal_received", proposal.pk)
    return proposal


def _locked(proposal):
    # of=("self",): lock the proposal's row only, not its event's (PostgreSQL would lock both).
    return (SideEventProposal.objects.select_for_update(of=("self",)).select_related("event")
            .get(pk=proposal.pk))


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
    proposal = _locked(proposal)
    if proposal.status not in REVIEWABLE:
        raise ReviewClosed(_("%(reference)s is “%(status)s”: its reviews are closed.")
                           % {"reference": proposal.reference,
                              "status": proposal.get_status_display()})
    errors = {}
    if isinstance(score, bool) or not isinstance(score, int) \
            or not REVIEW_SCORE_MIN <= score <= REVIEW_SCORE_MAX:
        errors["score"] = [_("Give a score from %(min)s to %(max)s.")
                           % {"min": REVIEW_SCORE_MIN, "max": REVIEW_SCORE_MAX}]
    comment = _text(comment, "comment", errors, maximum=REVIEW_COMMENT_MAX_CHARS)
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
    proposal = _locked(proposal)
    _check_transition(proposal, status)
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = by
    proposal.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    queue_after_commit("logistics.send_proposal_decision", proposal.pk, str(status))
    return proposal


def proposal_for_token(token, *, now=None):
    """The accepted proposal behind an organiser's confirmation link; ConfirmationUnusable
    says why the link cannot be used, in words the organiser can act on."""
    proposal = (SideEventProposal.objects.select_related("event", "session__room__venue")
                .filter(secret_match("confirm_token", token)).first())
    if proposal is None:
        raise ConfirmationUnusable(_("This confirmation link is not valid. Check that you "
                                     "copied the whole link from our mail."))
    if proposal.status != ProposalStatus.ACCEPTED:
        raise ConfirmationUnusable(_("%(reference)s is not an accepted side event, so there is "
                                     "nothing to confirm. Contact the programme office.")
                                   % {"reference": proposal.reference})
    if not proposals_open(proposal.event, now=now):
        raise ConfirmationUnusable(_("This link expired when %(event)s started on %(date)s.")
                                   % {"event": proposal.event.name,
                                      "date": proposal.event.start_date.isoformat()})
    return proposal


@transaction.atomic
def proposal_confirm(*, token, now=None):
    """The organiser confirms an accepted side event through the link in the acceptance
    mail. Confirming twice changes nothing."""
    proposal = proposal_for_token(token, now=now)
    proposal = _locked(proposal)
    if proposal.status != ProposalStatus.ACCEPTED:  # withdrawn while the page was open
        raise ConfirmationUnusable(_("%(reference)s is not an accepted side event, so there is "
                                     "nothing to confirm. Contact the programme office.")
                                   % {"reference": proposal.reference})
    if proposal.confirmed_at is None:
        proposal.confirmed_at = now or timezone.now()
        proposal.save(update_fields=["confirmed_at", "updated_at"])
    return proposal


@transaction.atomic
def proposal_schedule(*, proposal, by, room, starts_at, ends_at):
    """Book an accepted side event into a room and a time, or move it: a Session of kind
    side event that the programme shows. The programme's checks apply (room clash,
    capacity) and their errors are raised as they are; nothing is written then."""
    permissions.require(by, can_manage_programme,
                        _("Only the programme office can schedule side events."))
    proposal = _locked(proposal)
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
    proposal = _locked(proposal)
    _check_transition(proposal, ProposalStatus.WITHDRAWN)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    if proposal.session_id is not None:
        programme.session_cancel(session=proposal.session, by=by)
    return proposal


def proposal_received_mail_send(*, proposal_id, final=False, redelivered=False):
    """Mail the organiser the reference of a proposal just received, once (logistics.mail):
    the public form's own mail, counted against its address's day. True when this call sent
    it; stamps the proposal told."""
    proposal = (SideEventProposal.objects.select_related("event")
                .filter(pk=proposal_id, received_mailed_at__isnull=True).first())
    if proposal is None:
        return False
    status = mail.mail_send(
        key=f"proposal_received:{proposal.pk}", kind=MailKind.PROPOSAL_RECEIVED,
        event=proposal.event, to=[proposal.organiser_email], public_submission=True,
        build=lambda: notifications_side_events.proposal_received_message(proposal),
        final=final, redelivered=redelivered)
    if status != MailStatus.SENT:
        return False
    SideEventProposal.objects.filter(pk=proposal.pk).update(received_mailed_at=timezone.now())
    return True


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
