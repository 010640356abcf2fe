"""Builds the venue, its rooms, the host leaders and the programme of the demo scenario:
the ceremonies, the plenary and the debate, seminars and roundtables. Every session is
booked through the programme office's service, which refuses a room clash, a person
clash or an audience larger than the room: the scenario proves it has none."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from logistics.delegations.enums import DelegationKind
from logistics.demo import programme_data as data
from logistics.demo.scenario import REFERENCE
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus
from logistics.programme.models import HostLeader, Session
from logistics.programme.services.sessions import room_create, session_create, venue_create


def at(event, day, clock):
    """An aware time at the venue: `day` days after the event's first day, "HH:MM"."""
    hours, minutes = map(int, clock.split(":"))
    return datetime.combine(event.start_date + timedelta(days=day), time(hours, minutes),
                            tzinfo=event.tz)


class Calendar:
    """Who and what is busy when, to pick free slots before asking the service to book."""

    def __init__(self):
        self.busy = defaultdict(list)

    @staticmethod
    def keys(room=None, delegations=(), leader=None):
        keys = [("delegation", d.pk) for d in delegations]
        if room is not None:
            keys.append(("room", room.pk))
        if leader is not None:
            keys.append(("leader", leader.pk))
        return keys

    def free(self, keys, starts, ends):
        return all(not (s < ends and starts < e) for key in keys for s, e in self.busy[key])

    def book(self, keys, starts, ends):
        for key in keys:
            self.busy[key].append((starts, ends))


@dataclass
class Programme:
    event: object
    venues: list = field(default_factory=list)
    rooms: dict = field(default_factory=dict)  # (copy, name) → Room
    leaders: dict = field(default_factory=dict)  # key → HostLeader
    sessions: dict = field(default_factory=dict)  # key → Session (core sessions)
    calendar: Calendar = field(default_factory=Calendar)

    def room(self, copy, name):
        return self.rooms.get((copy, name)) or self.rooms[(1, name)]

    def book(self, *, room, starts, ends, kind, title, delegations=(), leader=None, copy=1,
             **fields):
        """Book through the service (the reference event's sessions), or for a further copy
        of the scenario save it directly: the calendar has already refused any clash, the
        service would only check again at a dozen queries a session. Noted in the
        calendar either way."""
        keys = self.calendar.keys(room, delegations, leader)
        if copy == 1:
            session = session_create(event=self.event, by=None, kind=kind, title=title,
                                     starts_at=starts, ends_at=ends, room=room,
                                     delegations=delegations, host_leader=leader, **fields)
        else:
            session = self._save(room=room, starts=starts, ends=ends, kind=kind, title=title,
                                 delegations=delegations, leader=leader, keys=keys, **fields)
        self.calendar.book(keys, starts, ends)
        return session

    def _save(self, *, room, starts, ends, kind, title, delegations, leader, keys, **fields):
        assert self.calendar.free(keys, starts, ends), (title, starts)
        audience = fields.get("expected_audience")
        assert audience is None or audience <= room.capacity, (title, room.name)
        session = Session(event=self.event, room=room, kind=kind, title=title,
                          starts_at=starts, ends_at=ends, host_leader=leader,
                          status=SessionStatus.SCHEDULED, **fields)
        session.clean()
        session.save()
        through = Session.delegations.through
        through.objects.bulk_create(through(session_id=session.pk, delegation_id=d.pk)
                                    for d in delegations)
        return session


def _venues(programme, scale):
    event = programme.event
    name, address = data.VENUE
    for copy in range(1, scale + 1):
        venue = venue_create(event=event, by=None, address=address,
                             name=name if copy == 1 else f"{name}, annex {copy}")
        programme.venues.append(venue)
        for room_name, capacity, zone, booths, streaming in (
                data.CORE_ROOMS + data.ROOMS if copy == 1 else data.ROOMS):
            programme.rooms[(copy, room_name)] = room_create(
                venue=venue, by=None, name=room_name, capacity=capacity, access_zone=zone,
                interpretation_booths=booths, streaming=streaming)


def _leaders(programme):
    for key, name in data.HOST_LEADERS:
        leader = HostLeader(event=programme.event, name=name, title="H.E.")
        leader.full_clean()
        leader.save()
        programme.leaders[key] = leader


def _core(programme, cast):
    event = programme.event
    for (key, day, start, end, kind, title, room, audience, media, languages, leader,
         chair) in data.CORE_SESSIONS:
        delegations = cast.plenary_signatories if kind == SessionKind.SIGNING_CEREMONY else ()
        programme.sessions[key] = programme.book(
            room=programme.room(1, room), starts=at(event, day, start), ends=at(event, day, end),
            kind=kind, title=title, delegations=delegations,
            leader=programme.leaders.get(leader), expected_audience=audience,
            media_access=media, languages=languages, chair=chair,
            organiser="Host Committee")


def _seminars(programme, copy, counts, rng):
    event = programme.event
    slots = [(room, slot) for slot in data.SEMINAR_SLOTS for room in data.SEMINAR_ROOMS]
    for n in range(counts.seminars):
        room_name, (day, start, end) = slots[n % len(slots)]
        if n >= len(slots):  # more seminars than slots: later in the evening
            start, end = f"{19 + n // len(slots)}:00", f"{20 + n // len(slots)}:00"
        title = data.SEMINARS[n % len(data.SEMINARS)]
        programme.book(
            room=programme.room(copy, room_name), starts=at(event, day, start),
            ends=at(event, day, end), kind=SessionKind.SEMINAR,
            title=title if copy == 1 else f"{title} · {copy}",
            expected_audience=rng.randrange(150, 290, 10), media_access=MediaAccess.OPEN,
            languages=["en", "fr", "es", "vi"],
            organiser=data.SEMINAR_ORGANISERS[n % len(data.SEMINAR_ORGANISERS)], copy=copy)


def _roundtables(programme, copy, cast, rng):
    """High-level roundtables: the heads taking part are booked as well as the room."""
    event = programme.event
    room = programme.room(copy, data.ROUNDTABLE_ROOM)
    heads = [d for d in cast.attending if d.kind == DelegationKind.STATE] or cast.attending
    for title, day, start, end, leader_key, seats in data.ROUNDTABLES:
        starts, ends = at(event, day, start), at(event, day, end)
        leader = programme.leaders.get(leader_key) if copy == 1 else None
        free = [d for d in heads if programme.calendar.free(
            programme.calendar.keys(delegations=[d]), starts, ends)]
        programme.book(
            room=room, starts=starts, ends=ends, kind=SessionKind.ROUNDTABLE,
            title=title if copy == 1 else f"{title} · {copy}",
            delegations=rng.sample(free, min(seats, len(free))), leader=leader,
            expected_audience=rng.randrange(250, 450, 10), media_access=MediaAccess.POOL,
            languages=data.UN_LANGUAGES, chair=str(leader) if leader else "",
            organiser="Host Committee and UNODC", copy=copy)


def build(event, *, cast, counts=REFERENCE, scale=1, rng):
    """The venue and rooms (an annex per further copy), the host leaders, the core
    sessions once, and seminars and roundtables in each copy. Returns the Programme that
    the signing ceremony, bilaterals and side events are booked into next."""
    programme = Programme(event=event)
    _venues(programme, scale)
    _leaders(programme)
    _core(programme, cast[0])
    for copy_cast in cast:
        _seminars(programme, copy_cast.copy, counts, rng)
        _roundtables(programme, copy_cast.copy, copy_cast, rng)
    return programme
