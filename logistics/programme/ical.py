"""iCalendar feeds of the programme: the published public programme, and one delegation's
own calendar (its sessions, bilaterals included, plus the public programme).

Each session keeps one UID across versions so that a calendar updates it in place; times
are in UTC. A published session's SEQUENCE is the number of the version in which it last
changed (kept by services.publishing), and its DTSTAMP and LAST-MODIFIED that version's
publication: a publish leaves the sessions it did not change exactly as they were, so
calendars flag only those that moved. A session taken off the programme stays in the feed,
CANCELLED, with the sequence of the version that took it off.

A delegation's feed is reached through a signed token of its id: it cannot be guessed or
enumerated, and it names no one.
"""

from datetime import UTC, datetime

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from logistics.programme.enums import MediaAccess, SessionKind
from logistics.programme.queries import delegation_sessions, latest_version

PRODID = "-//Accord//Programme//EN"


def _uid(session_id, event):
    """Stable wherever the feed is served from (not the request's or the site's host, which
    change between a laptop, a staging copy and production): the session and the event."""
    return f"session-{session_id}@{event.slug}.accord"


def _label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _vevent(*, event_of, session_id, title, starts, ends, kind, room, venue, languages,
            media_access, chair, organiser, sequence, stamp, cancelled=False):
    event = Event()
    event.add("uid", _uid(session_id, event_of))
    event.add("summary", title)
    event.add("dtstart", starts.astimezone(UTC))
    event.add("dtend", ends.astimezone(UTC))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("last-modified", stamp.astimezone(UTC))
    event.add("sequence", sequence)
    location = ", ".join(part for part in (room, venue) if part)
    if location:
        event.add("location", location)
    lines = [_label(SessionKind, kind)]
    if languages:
        lines.append(_("Languages: %(codes)s") % {"codes": ", ".join(languages)})
    lines.append(_label(MediaAccess, media_access))
    if chair:
        lines.append(_("Chair: %(name)s") % {"name": chair})
    if organiser:
        lines.append(_("Organiser: %(name)s") % {"name": organiser})
    event.add("description", "\n".join(lines))
    event.add("categories", [_label(SessionKind, kind)])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _published_events(version, event, skip=()):
    """The sessions of `version`, then those it cancelled, each with the sequence and time of
    the version in which it last changed."""
    published = dict(event.programme_versions.values_list("number", "published_at"))
    entries = [(entry, False) for entry in version.sessions]
    entries += [(entry, True) for entry in (version.changes or {}).get("cancelled", [])]
    for entry, cancelled in entries:
        if entry["id"] in skip:
            continue
        # Versions published before sequences were kept served their number on every session.
        sequence = entry.get("sequence", version.number)
        yield _vevent(event_of=event, session_id=entry["id"], title=entry["title"],
                      starts=datetime.fromisoformat(entry["start"]),
                      ends=datetime.fromisoformat(entry["end"]), kind=entry.get("kind"),
                      room=entry.get("room"), venue=entry.get("venue"),
                      languages=entry.get("languages"), media_access=entry.get("media_access"),
                      chair=entry.get("chair"), organiser=entry.get("organiser"),
                      sequence=sequence, stamp=published.get(sequence, version.published_at),
                      cancelled=cancelled)


def programme_calendar(event):
    """The latest published version as a calendar (an empty one before the first)."""
    calendar = _calendar(event.name)
    version = latest_version(event)
    if version is not None:
        for vevent in _published_events(version, event):
            calendar.add_component(vevent)
    return calendar


def delegation_calendar(delegation):
    """The delegation's own scheduled sessions from live data (bilaterals are never
    published), then the rest of the published programme."""
    event = delegation.event
    calendar = _calendar(f"{event.name}: {delegation.name}")
    own = list(delegation_sessions(delegation))
    for session in own:
        # Live sessions have no version: the last change orders their updates.
        calendar.add_component(_vevent(
            event_of=event, session_id=session.pk, title=session.title, starts=session.starts_at,
            ends=session.ends_at, kind=session.kind,
            room=session.room.name if session.room_id else "",
            venue=session.room.venue.name if session.room_id else "",
            languages=session.languages, media_access=session.media_access,
            chair=session.chair, organiser=session.organiser,
            sequence=int(session.updated_at.timestamp()), stamp=session.updated_at))
    version = latest_version(event)
    if version is not None:
        for vevent in _published_events(version, event,
                                        skip={session.pk for session in own}):
            calendar.add_component(vevent)
    return calendar
