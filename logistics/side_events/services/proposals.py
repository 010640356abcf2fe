"""Side events from the organiser's side: the public proposal, its checks, the organiser's
confirmation link and its mail (the programme office's side is in .decisions).

Reviews are for the programme office alone: nothing here puts them in a mail or a page
the organiser sees."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.core import mail
from logistics.core.crypto import secret_match
from logistics.core.enums import MailKind, MailStatus
from logistics.core.queueing import queue_after_commit
from logistics.side_events import mail as notifications_side_events
from logistics.side_events.enums import DayPart, ProposalStatus
from logistics.side_events.errors import ConfirmationUnusable, InvalidProposal, ProposalsClosed
from logistics.side_events.models import SideEventProposal
from logistics.side_events.queries import language_choices

# Limits of the public form: generous for any real side event, small enough to refuse junk.
ABSTRACT_MIN_CHARS = 50
ABSTRACT_MAX_CHARS = 3000
TECHNICAL_NEEDS_MAX_CHARS = 2000
CO_ORGANISERS_MAX = 20
CO_ORGANISER_MAX_CHARS = 200
MAX_AUDIENCE = 2000


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


def checked_text(value, name, errors, *, minimum=0, maximum):
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
        abstract=checked_text(abstract, "abstract", errors, minimum=ABSTRACT_MIN_CHARS,
                       maximum=ABSTRACT_MAX_CHARS),
        format=format or "",
        languages=_languages(event, languages, errors),
        expected_audience=_audience(expected_audience, errors),
        technical_needs=checked_text(technical_needs, "technical_needs", errors,
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
    proposal = locked(proposal)
    if proposal.status != ProposalStatus.ACCEPTED:  # withdrawn while the page was open
        raise ConfirmationUnusable(_("%(reference)s is not an accepted side event, so there is "
                                     "nothing to confirm. Contact the programme office.")
                                   % {"reference": proposal.reference})
    if proposal.confirmed_at is None:
        proposal.confirmed_at = now or timezone.now()
        proposal.save(update_fields=["confirmed_at", "updated_at"])
    return proposal


def proposal_received_mail_send(*, proposal_id, final=False, redelivered=False):
    """Mail the organiser the reference of a proposal just received, once (logistics.core.mail):
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


def locked(proposal):
    """The proposal, its row locked until the transaction ends."""
    # of=("self",): lock the proposal's row only, not its event's (PostgreSQL would lock both).
    return (SideEventProposal.objects.select_for_update(of=("self",)).select_related("event")
            .get(pk=proposal.pk))
