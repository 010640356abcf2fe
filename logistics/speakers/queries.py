"""Reads of the speakers list: the sessions that keep one, their statements in order, and
when each speaker is expected at the rostrum."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from logistics.programme.enums import SessionStatus, SpeakerStatus
from logistics.programme.models import Session
from logistics.speakers.models import SpeakerSlot
from logistics.speakers.services import SPEAKER_SESSION_KINDS


def speaker_sessions(event):
    """The plenaries and high-level debates of the event, cancelled ones left out."""
    return (Session.objects.filter(event=event, kind__in=SPEAKER_SESSION_KINDS)
            .exclude(status=SessionStatus.CANCELLED)
            .select_related("room")
            .order_by("starts_at", "pk"))


def speakers(session):
    """The statements of one session in their order (withdrawn ones, without a place,
    last)."""
    return (SpeakerSlot.objects.filter(session=session)
            .select_related("delegation", "delegation__country")
            .order_by(F("order").asc(nulls_last=True), "inscribed_at", "pk"))


def language_name(code):
    """A statement's language for people, in the page's language ("Arabic" for ar); the
    code itself for one Django does not know."""
    code = (code or "").strip()
    if code.lower() == "zh":  # Django knows only its written forms (zh-hans, zh-hant)
        return _("Chinese")
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@dataclass
class Row:
    slot: SpeakerSlot
    # When the speaker is expected: the session's start plus the time limits before them.
    starts_at: datetime | None

    @property
    def language_name(self):
        return language_name(self.slot.language)


@dataclass
class Timing:
    rows: list
    total_minutes: int
    session_minutes: int
    languages: list  # (code, name, number of statements), most frequent first

    @property
    def overrun_minutes(self):
        return max(0, self.total_minutes - self.session_minutes)


def speakers_timed(session, slots=None):
    """Each statement with its estimated start, the total of the time limits against the
    session's length, and the languages the interpreters will hear."""
    slots = list(speakers(session) if slots is None else slots)
    rows, elapsed, languages = [], 0, Counter()
    for slot in slots:
        if slot.status == SpeakerStatus.WITHDRAWN:
            rows.append(Row(slot, None))
            continue
        rows.append(Row(slot, session.starts_at + timedelta(minutes=elapsed)))
        elapsed += slot.time_limit_minutes
        languages[slot.language] += 1
    length = int((session.ends_at - session.starts_at).total_seconds() // 60)
    return Timing(rows=rows, total_minutes=elapsed, session_minutes=length,
                  languages=[(code, language_name(code), count) for code, count in
                             sorted(languages.items(), key=lambda item: (-item[1], item[0]))])
