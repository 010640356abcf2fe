"""Writes to the speakers list of a plenary or a high-level debate, for the protocol office.

Every change to one session's list locks that session's row first, so two officers
reordering at once take turns and the order stays 1, 2, … without gaps or duplicates.
Withdrawn statements keep no place in the order."""

import re
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.errors import InvalidTransition
from logistics.core.ordering import renumber
from logistics.delegations.enums import DelegationLevel, precedence_rank
from logistics.programme.enums import SessionKind, SessionStatus, SpeakerStatus
from logistics.programme.models import Session
from logistics.speakers.errors import AlreadyInscribed, InvalidSpeaker
from logistics.speakers.models import SpeakerSlot

# The sessions that keep a list of speakers.
SPEAKER_SESSION_KINDS = (SessionKind.PLENARY, SessionKind.HIGH_LEVEL_DEBATE)
TIME_LIMIT_MIN, TIME_LIMIT_MAX = 1, 30
# ISO 639 language, optionally a script or region: en, fr, ar, zh-Hans, pt-BR.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# Inscribed ↔ spoken (an officer's slip is undone), inscribed ↔ withdrawn.
SPEAKER_TRANSITIONS = {
    SpeakerStatus.INSCRIBED: {SpeakerStatus.SPOKEN, SpeakerStatus.WITHDRAWN},
    SpeakerStatus.SPOKEN: {SpeakerStatus.INSCRIBED},
    SpeakerStatus.WITHDRAWN: {SpeakerStatus.INSCRIBED},
}
EDITABLE_FIELDS = {"speaker_name", "speaker_title", "level", "language", "time_limit_minutes"}

def _check_officer(by):
    permissions.require(by, permissions.can_manage_delegations,
                        _("Only the protocol office can change the speakers list."))


def _lock_session(session_id):
    """Serialises every change to one session's list."""
    return Session.objects.select_for_update().get(pk=session_id)


def precedence_key(slot):
    """Protocol precedence: the speaker's level (head of state first), then who inscribed
    first."""
    return (precedence_rank(slot.level), slot.inscribed_at, slot.pk)


def _clean_fields(fields):
    """Check and normalise the editable fields given; InvalidSpeaker names each bad one."""
    errors = {}
    if "speaker_name" in fields:
        fields["speaker_name"] = (fields["speaker_name"] or "").strip()
        if not fields["speaker_name"]:
            errors["speaker_name"] = [_("Give the name of the speaker.")]
        elif len(fields["speaker_name"]) > 200:
            errors["speaker_name"] = [_("The name is longer than 200 characters.")]
    if "speaker_title" in fields:
        fields["speaker_title"] = (fields["speaker_title"] or "").strip()
        if len(fields["speaker_title"]) > 200:
            errors["speaker_title"] = [_("The title is longer than 200 characters.")]
    if "level" in fields and fields["level"] not in DelegationLevel.values:
        errors["level"] = [_("Choose the speaker's level, from head of state to senior "
                             "official.")]
    if "language" in fields:
        given = (fields["language"] or "").strip()
        primary, dash, rest = given.partition("-")
        language = fields["language"] = primary.lower() + dash + rest  # EN-GB → en-GB
        if not LANGUAGE_CODE.match(language) or len(language) > 10:
            errors["language"] = [_("“%(value)s” is not a language code: write e.g. en, fr, "
                                    "ar or zh-Hans.") % {"value": given}]
    if "time_limit_minutes" in fields:
        limit = fields["time_limit_minutes"]
        if (isinstance(limit, bool) or not isinstance(limit, int)
                or not TIME_LIMIT_MIN <= limit <= TIME_LIMIT_MAX):
            errors["time_limit_minutes"] = [
                _("The time limit must be a whole number of minutes from %(min)s to %(max)s.")
                % {"min": TIME_LIMIT_MIN, "max": TIME_LIMIT_MAX}]
    if errors:
        details = "; ".join(message for messages in errors.values() for message in messages)
        raise InvalidSpeaker(details, fields=errors)
    return fields


def _renumber(session_id, ordered):
    """Give `ordered` the places 1, 2, …; every other place on the list is cleared."""
    return renumber(SpeakerSlot.objects.filter(session_id=session_id), ordered)


def _placed(session_id, exclude=None):
    slots = (SpeakerSlot.objects.filter(session_id=session_id, order__isnull=False)
             .order_by("order"))
    if exclude is not None:
        slots = slots.exclude(pk=exclude.pk)
    return list(slots)


def _locked_slot(slot):
    """Lock the slot's session, then return the slot fresh from the database."""
    _lock_session(slot.session_id)
    return SpeakerSlot.objects.select_related("delegation", "session").get(pk=slot.pk)


@transaction.atomic
def speaker_inscribe(*, session, delegation, speaker_name, speaker_title="", level=None,
                     language, time_limit_minutes=5, by, inscribed_at=None):
    """Put a delegation's statement on a plenary's list, last in the order. Precedence
    (level, then time of inscription) is applied with speakers_order. The level defaults to
    that of the delegation's head."""
    _check_officer(by)
    session = _lock_session(session.pk)
    if session.kind not in SPEAKER_SESSION_KINDS:
        raise InvalidSpeaker(
            _("“%(session)s” is a %(kind)s: only a plenary or a high-level debate has a "
              "speakers list.") % {"session": session.title,
                                   "kind": session.get_kind_display().lower()},
            fields={"session": [_("Choose a plenary or a high-level debate.")]})
    if session.status == SessionStatus.CANCELLED:
        raise InvalidSpeaker(_("“%(session)s” is cancelled.") % {"session": session.title},
                             fields={"session": [_("This session is cancelled.")]})
    if delegation.event_id != session.event_id:
        raise InvalidSpeaker(_("%(delegation)s attends another event.")
                             % {"delegation": delegation.name},
                             fields={"delegation": [_("Another event's delegation.")]})
    if inscribed_at is not None and (not isinstance(inscribed_at, datetime)
                                     or timezone.is_naive(inscribed_at)):
        raise InvalidSpeaker(_("Give the time of inscription with its time zone."),
                             fields={"inscribed_at": [_("Give a time with its time zone.")]})
    fields = _clean_fields({"speaker_name": speaker_name, "speaker_title": speaker_title,
                            "level": level or delegation.head_level, "language": language,
                            "time_limit_minutes": time_limit_minutes})
    existing = (SpeakerSlot.objects.filter(session=session, delegation=delegation)
                .only("status").first())
    if existing is not None:
        if existing.status == SpeakerStatus.WITHDRAWN:
            message = _("%(delegation)s is already on the speakers list of “%(session)s” "
                        "(withdrawn): put it back on the list instead.")
        else:
            message = _("%(delegation)s is already on the speakers list of “%(session)s”.")
        message %= {"delegation": delegation.name, "session": session.title}
        raise AlreadyInscribed(message, fields={"delegation": [message]})
    slot = SpeakerSlot(session=session, delegation=delegation,
                       inscribed_at=inscribed_at or timezone.now(),
                       order=len(_placed(session.pk)) + 1, **fields)
    slot.full_clean()
    slot.save()
    return slot


@transaction.atomic
def speakers_order(*, session, by):
    """Order the list by protocol precedence. Those who have spoken keep their places at the
    top; the statements still to come follow them by level, then by time of inscription."""
    _check_officer(by)
    session = _lock_session(session.pk)
    slots = list(SpeakerSlot.objects.filter(session=session)
                 .exclude(status=SpeakerStatus.WITHDRAWN))
    spoken = sorted((s for s in slots if s.status == SpeakerStatus.SPOKEN),
                    key=lambda s: (s.order is None, s.order or 0, s.inscribed_at, s.pk))
    waiting = sorted((s for s in slots if s.status == SpeakerStatus.INSCRIBED),
                     key=precedence_key)
    return _renumber(session.pk, spoken + waiting)


@transaction.atomic
def speaker_move(*, slot, by, new_order):
    """Put one statement at `new_order` by hand; the others shift to make room."""
    _check_officer(by)
    slot = _locked_slot(slot)
    if slot.status == SpeakerStatus.WITHDRAWN:
        raise InvalidSpeaker(_("%(delegation)s has withdrawn from the list: put it back "
                               "before moving it.") % {"delegation": slot.delegation.name})
    ordered = _placed(slot.session_id, exclude=slot)
    if (isinstance(new_order, bool) or not isinstance(new_order, int)
            or not 1 <= new_order <= len(ordered) + 1):
        message = _("Choose a place from 1 to %(last)s.") % {"last": len(ordered) + 1}
        raise InvalidSpeaker(message, fields={"order": [message]})
    ordered.insert(new_order - 1, slot)
    _renumber(slot.session_id, ordered)
    return slot


@transaction.atomic
def speaker_set_status(*, slot, by, status):
    """Mark a statement spoken or withdrawn, or put it back on the list (at the end)."""
    _check_officer(by)
    slot = _locked_slot(slot)
    if status == slot.status:
        return slot
    if status not in SpeakerStatus.values or status not in SPEAKER_TRANSITIONS[slot.status]:
        label = (SpeakerStatus(status).label.lower() if status in SpeakerStatus.values
                 else str(status))
        raise InvalidTransition(
            _("The statement of %(delegation)s is %(current)s; it cannot become %(new)s.")
            % {"delegation": slot.delegation.name,
               "current": slot.get_status_display().lower(), "new": label})
    previous = slot.status
    slot.status = status
    slot.save(update_fields=["status"])
    if status == SpeakerStatus.WITHDRAWN:
        _renumber(slot.session_id, _placed(slot.session_id, exclude=slot))
    elif previous == SpeakerStatus.WITHDRAWN:
        _renumber(slot.session_id, _placed(slot.session_id, exclude=slot) + [slot])
    slot.refresh_from_db()
    return slot


@transaction.atomic
def speaker_update(*, slot, by, **fields):
    """Change the speaker, their level, the language of the statement or its time limit."""
    _check_officer(by)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise InvalidSpeaker(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    slot = _locked_slot(slot)
    for name, value in _clean_fields(dict(fields)).items():
        setattr(slot, name, value)
    slot.full_clean()
    slot.save()
    return slot
