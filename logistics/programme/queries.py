"""Reads of the programme that the grid, the public page, the feeds and the API share."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from logistics.core.ids import as_id
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus
from logistics.programme.models import ProgrammeVersion, Room, Session

# The grid: one row per quarter of an hour, at least 08:00 to 20:00, longer if a session
# starts earlier or ends later that day.
SLOT_MINUTES = 15
GRID_FIRST_HOUR = 8
GRID_LAST_HOUR = 20
DAY_MINUTES = 24 * 60
# How far from the event a page may look (0001-01-01 or 9999-12-31 in a query string would
# overflow a datetime at the venue).
DAY_REACH = timedelta(days=366)


def sessions_on(event, day, *, include_cancelled=False, with_bilaterals=False):
    """The sessions that take place on `day`, a date in the event's time zone (a session
    running past midnight, or over several days, is on each of them), with their room and
    venue, by start time. Bilaterals are the protocol office's business: only for the roles
    that see the delegations (`with_bilaterals`)."""
    starts = datetime.combine(day, time.min, tzinfo=event.tz)
    ends = datetime.combine(day + timedelta(days=1), time.min, tzinfo=event.tz)
    sessions = (Session.objects
                .filter(event=event, starts_at__lt=ends, ends_at__gt=starts)
                .select_related("room__venue")
                .order_by("starts_at", "room__venue__name", "room__name", "pk"))
    if not include_cancelled:
        sessions = sessions.exclude(status=SessionStatus.CANCELLED)
    if not with_bilaterals:
        sessions = sessions.exclude(kind=SessionKind.BILATERAL)
    return sessions


def event_days(event):
    """The days of the event, first to last."""
    count = (event.end_date - event.start_date).days + 1
    return [event.start_date + timedelta(days=n) for n in range(max(count, 1))]


def programme_days(event, *, with_bilaterals=False):
    """The grid's day tabs: the event's days and every other day (within a year of the
    event) on which a session the user may see starts, such as a press briefing the day
    before, in order. One query."""
    starts = (Session.objects.filter(event=event)
              .exclude(status=SessionStatus.CANCELLED)
              .filter(starts_at__gte=datetime.combine(event.start_date - DAY_REACH, time.min,
                                                      tzinfo=event.tz),
                      starts_at__lt=datetime.combine(event.end_date + DAY_REACH, time.min,
                                                     tzinfo=event.tz)))
    if not with_bilaterals:
        starts = starts.exclude(kind=SessionKind.BILATERAL)
    days = set(starts.annotate(day=TruncDate("starts_at", tzinfo=event.tz))
               .order_by().values_list("day", flat=True).distinct())
    return sorted(days | set(event_days(event)))


def parse_day(value):
    """A date from `?day=YYYY-MM-DD`, or None for anything else."""
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def default_day(event):
    """Today at the venue while the event runs, else its first day."""
    today = event.today()
    return today if event.start_date <= today <= event.end_date else event.start_date


def chosen_day(event, value):
    """The day asked for in `?day=`, if within a year of the event; else the default day."""
    day = parse_day(value)
    if day is None or not event.start_date - DAY_REACH <= day <= event.end_date + DAY_REACH:
        return default_day(event)
    return day


def rooms(event):
    return (Room.objects.filter(venue__event=event).select_related("venue")
            .order_by("venue__name", "name", "pk"))


def grid_rooms(event, venue=None):
    """The grid's columns: the plenary hall and the bigger rooms first (rooms have no order
    of their own), then by name; of one venue, or of all."""
    columns = rooms(event) if venue is None else rooms(event).filter(venue=venue)
    return columns.order_by("-capacity", "name", "venue__name", "pk")


# More rooms than this and the grid shows one venue at a time, unless asked for all: a
# COP-sized event has hundreds of rooms, and a grid of all of them takes a second to draw and
# cannot be read on a screen.
GRID_ALL_ROOMS = 40
ALL_VENUES = "all"


def grid_venues(event):
    """The venues with their number of rooms, for the grid's venue choice. One query."""
    return list(event.venues.annotate(room_count=Count("rooms")).order_by("name", "pk"))


def grid_venue(venues, wanted):
    """The venue the grid shows, from `?venue=` (an id, or "all"), else None for all of
    them: by default all, unless the event has more than GRID_ALL_ROOMS rooms, when the
    venue with the most rooms. Raises LookupError for a venue not among `venues`."""
    if wanted == ALL_VENUES:
        return None
    if wanted:
        pk = as_id(wanted)
        for venue in venues:
            if venue.pk == pk:
                return venue
        raise LookupError(wanted)
    if sum(venue.room_count for venue in venues) <= GRID_ALL_ROOMS:
        return None
    return max(venues, key=lambda venue: venue.room_count)


def session_detail_qs(event, *, with_bilaterals=False):
    """A session with what its page shows, and the bilateral or side-event proposal it
    belongs to (whose own page moves it). Bilaterals only `with_bilaterals`."""
    sessions = (Session.objects.filter(event=event)
                .select_related("room__venue", "host_leader", "bilateral", "proposal")
                .prefetch_related("delegations"))
    if not with_bilaterals:
        sessions = sessions.exclude(kind=SessionKind.BILATERAL)
    return sessions


def delegation_sessions(delegation):
    """The scheduled sessions the delegation's head takes part in (bilaterals included)."""
    return (Session.objects
            .filter(event_id=delegation.event_id, delegations=delegation,
                    status=SessionStatus.SCHEDULED)
            .select_related("room__venue")
            .order_by("starts_at", "pk"))


def versions(event):
    return (ProgrammeVersion.objects.filter(event=event).select_related("published_by")
            .order_by("-number"))


def latest_version(event):
    return versions(event).first()


def overlap(a, b):
    """Two sessions overlap; touching ends (one ends at 12:00, the next starts) do not."""
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


@dataclass
class GridColumn:
    room: Room
    first: int  # the CSS grid column line it starts on
    lanes: int = 1  # overlapping sessions (a clash) sit side by side
    sessions: list = field(default_factory=list)


@dataclass
class GridBlock:
    session: Session
    starts: datetime  # local
    ends: datetime  # local
    row_start: int
    row_end: int
    column: int = 0
    lane: int = 0
    clash: bool = False
    over_capacity: bool = False

    @property
    def minutes(self):
        return int((self.session.ends_at - self.session.starts_at).total_seconds()) // 60


@dataclass
class Grid:
    day: date
    first_minute: int
    last_minute: int
    columns: list
    blocks: list
    unplaced: list
    clashes: list  # (room, block, block): the same room at the same time
    over_capacity: list  # blocks whose expected audience does not fit the room

    @property
    def row_count(self):
        return (self.last_minute - self.first_minute) // SLOT_MINUTES

    @property
    def venue_count(self):
        return len({column.room.venue_id for column in self.columns})

    @property
    def column_count(self):
        return 1 + sum(column.lanes for column in self.columns)

    @property
    def rows(self):
        """(grid row line, local time, whether it is a full hour) of every quarter."""
        for index in range(self.row_count):
            minute = self.first_minute + index * SLOT_MINUTES
            yield index + 2, time(minute // 60, minute % 60), minute % 60 == 0


def _minute_of_day(moment, day_start, day_end, tz):
    """Minutes after local midnight, the session clipped to the day."""
    if moment <= day_start:
        return 0
    if moment >= day_end:
        return DAY_MINUTES
    local = moment.astimezone(tz)
    return local.hour * 60 + local.minute


def programme_grid(event, day, *, venue=None, with_bilaterals=False):
    """The day's sessions laid out for a CSS grid: a header row, then one row per quarter
    of an hour; a time column, then a column per room (more where sessions clash). Two
    queries whatever the number of rooms and sessions. The rooms of `venue` only, if given
    (sessions without a room are listed all the same). Bilaterals only `with_bilaterals`."""
    tz = event.tz
    day_start = datetime.combine(day, time.min, tzinfo=tz)
    day_end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    columns = {room.pk: GridColumn(room=room, first=0) for room in grid_rooms(event, venue)}
    unplaced, blocks = [], []
    first, last = GRID_FIRST_HOUR * 60, GRID_LAST_HOUR * 60
    sessions = sessions_on(event, day, with_bilaterals=with_bilaterals)
    if venue is not None:
        sessions = sessions.filter(Q(room__venue=venue) | Q(room__isnull=True))
    # A bilateral's or a side event's session is moved from its own page: not on the grid.
    # (BilateralMeeting.session and SideEventProposal.session are one-to-one: "bilateral",
    # "proposal" on the session's side.)
    sessions = sessions.annotate(owned=ExpressionWrapper(
        Q(bilateral__isnull=False) | Q(proposal__isnull=False), output_field=BooleanField()))
    for session in sessions:
        if session.room_id is None or session.room_id not in columns:
            unplaced.append(session)
            continue
        start = _minute_of_day(session.starts_at, day_start, day_end, tz)
        end = _minute_of_day(session.ends_at, day_start, day_end, tz)
        block = GridBlock(session=session, starts=session.starts_at.astimezone(tz),
                          ends=session.ends_at.astimezone(tz), row_start=start, row_end=end)
        first, last = min(first, start - start % 60), max(last, -(-end // 60) * 60)
        columns[session.room_id].sessions.append(block)
        blocks.append(block)
    last = min(last, DAY_MINUTES)
    clashes, over_capacity = [], []
    line = 2
    for column in columns.values():
        column.first = line
        lane_ends = []  # the row each lane is free from
        for block in column.sessions:
            block.row_start = (block.row_start - first) // SLOT_MINUTES + 2
            block.row_end = max(-(-(block.row_end - first) // SLOT_MINUTES) + 2,
                                block.row_start + 1)
            lane = next((n for n, free in enumerate(lane_ends) if free <= block.row_start),
                        len(lane_ends))
            if lane == len(lane_ends):
                lane_ends.append(0)
            lane_ends[lane] = block.row_end
            block.lane, block.column = lane, line + lane
            room = column.room
            audience = block.session.expected_audience
            if audience is not None and audience > room.capacity:
                block.over_capacity = True
                over_capacity.append(block)
        for n, block in enumerate(column.sessions):
            for other in column.sessions[n + 1:]:
                if overlap(block.session, other.session):
                    block.clash = other.clash = True
                    clashes.append((column.room, block, other))
        column.lanes = max(len(lane_ends), 1)
        line += column.lanes
    return Grid(day=day, first_minute=first, last_minute=last, columns=list(columns.values()),
                blocks=blocks, unplaced=unplaced, clashes=clashes, over_capacity=over_capacity)


# Published versions: their snapshots read back for pages, mail and feeds.

def _label(choices, value):
    try:
        return choices(value).label
    except ValueError:
        return value


def _local(value, tz):
    return datetime.fromisoformat(value).astimezone(tz)


def published_entry(entry, tz):
    """A session as a version published it, with local times and readable labels."""
    return {
        **entry,
        "starts": _local(entry["start"], tz),
        "ends": _local(entry["end"], tz),
        "kind_label": _label(SessionKind, entry.get("kind")),
        "media_label": _label(MediaAccess, entry.get("media_access")),
        "place": ", ".join(part for part in (entry.get("room"), entry.get("venue")) if part),
    }


def published_days(version, tz):
    """[(day, [entries by start])] of a version, days in the event's time zone."""
    days = {}
    entries = sorted((published_entry(entry, tz) for entry in version.sessions),
                     key=lambda e: (e["starts"], e["place"], e["id"]))
    for entry in entries:
        days.setdefault(entry["starts"].date(), []).append(entry)
    return list(days.items())


def _field_labels():
    return {"kind": _("Kind"), "title": _("Title"), "room": _("Room"), "venue": _("Venue"),
            "start": _("Starts"), "end": _("Ends"), "languages": _("Languages"),
            "media_access": _("Media access"), "chair": _("Chair"),
            "organiser": _("Organiser")}


def _shown(name, value, tz):
    if value in (None, "", []):
        return "—"
    if name in ("start", "end"):
        return f"{_local(value, tz):%Y-%m-%d %H:%M}"
    if name == "kind":
        return str(_label(SessionKind, value))
    if name == "media_access":
        return str(_label(MediaAccess, value))
    if name == "languages":
        return ", ".join(value)
    return str(value)


def readable_changes(changes, tz, *, only=None):
    """A version's changelog for people: entries with local times, and each change as
    (field label, before, after). `only`: the session ids to keep."""
    labels = _field_labels()

    def keep(entry):
        return only is None or entry["id"] in only

    changed = []
    for item in changes.get("changed", []):
        if not keep(item):
            continue
        fields = [(labels.get(name, name), _shown(name, before, tz), _shown(name, after, tz))
                  for name, (before, after) in item["fields"].items()]
        changed.append({"id": item["id"], "title": item["title"], "fields": fields})
    added = [published_entry(e, tz) for e in changes.get("added", []) if keep(e)]
    removed = [published_entry(e, tz) for e in changes.get("removed", []) if keep(e)]
    return {"previous": changes.get("previous"), "added": added, "removed": removed,
            "changed": changed, "empty": not (added or removed or changed)}
