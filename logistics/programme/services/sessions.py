"""Writes to the programme: venues, rooms and sessions. A room holds one scheduled session
at a time, a session's expected audience fits its room, and a head of delegation or a host
leader is in one place at a time. Each is checked with the rows concerned locked (the room,
then the delegations and the host leader in primary-key order), inside the transaction that
saves, so two officers booking at once cannot both succeed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.permissions import can_manage_programme
from logistics.delegations.models import Delegation
from logistics.programme.enums import MediaAccess, SessionStatus
from logistics.programme.errors import (
    CapacityExceeded,
    InvalidRoom,
    InvalidSession,
    InvalidVenue,
    PersonClash,
    RoomClash,
)
from logistics.programme.models import HostLeader, Room, Session, Venue

EDITABLE_FIELDS = {
    "room", "starts_at", "ends_at", "kind", "title", "languages", "media_access", "chair",
    "organiser", "organiser_email", "expected_audience", "status", "host_leader",
    "delegations",
}


def _check_allowed(by):
    permissions.require(by, can_manage_programme,
                        _("Only the programme office and the secretariat can change the "
                          "programme."))


def _clean(obj, error_class, summary):
    """full_clean(), its errors raised as the domain error: `summary` names them all."""
    try:
        obj.full_clean()
    except ValidationError as error:
        fields = error.message_dict
        details = "; ".join(message for messages in fields.values() for message in messages)
        raise error_class(summary % {"details": details}, fields=fields) from None


def _span(session, tz):
    starts, ends = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    if starts.date() == ends.date():
        return f"{starts:%H:%M}–{ends:%H:%M}"
    return f"{starts:%Y-%m-%d %H:%M}–{ends:%Y-%m-%d %H:%M}"


def _check_room(session):
    """Lock the session's room, then refuse a clash or an audience that does not fit."""
    if session.room_id is None or session.status == SessionStatus.CANCELLED:
        return
    # The lock is what makes the check hold: a second booking of this room waits here until
    # the first commits, then sees it. (SQLite's BEGIN IMMEDIATE has serialised it already.)
    room = Room.objects.select_for_update().get(pk=session.room_id)
    if session.expected_audience is not None and session.expected_audience > room.capacity:
        raise CapacityExceeded(
            _("%(room)s seats %(capacity)s; the session expects %(audience)s.")
            % {"room": room.name, "capacity": room.capacity,
               "audience": session.expected_audience},
            fields={"expected_audience": [_("More than the room's capacity (%(capacity)s).")
                                          % {"capacity": room.capacity}]})
    if session.status != SessionStatus.SCHEDULED:
        return
    # Touching ends are fine: one session may end at 12:00 and the next start at 12:00.
    other = (Session.objects
             .filter(room_id=room.pk, status=SessionStatus.SCHEDULED,
                     starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
             .exclude(pk=session.pk)
             .select_related("event")
             .order_by("starts_at", "pk")
             .first())
    if other is not None:
        message = _("%(room)s is booked %(span)s for “%(title)s”.") % {
            "room": room.name, "span": _span(other, other.event.tz), "title": other.title}
        raise RoomClash(message, fields={"room": [message]})


def _overlapping(session):
    return (Session.objects
            .filter(event_id=session.event_id, status=SessionStatus.SCHEDULED,
                    starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
            .exclude(pk=session.pk)
            .select_related("event")
            .order_by("starts_at", "pk"))


def _check_people(session, delegation_ids):
    """Lock the delegations and the host leader taking part, then refuse the session if one
    of them is already somewhere else at that time."""
    if session.status != SessionStatus.SCHEDULED:
        return
    delegations = list(Delegation.objects.select_for_update().filter(pk__in=delegation_ids)
                       .order_by("pk"))
    for delegation in delegations:
        if delegation.event_id != session.event_id:
            raise InvalidSession(_("%(delegation)s attends another event.")
                                 % {"delegation": delegation.name},
                                 fields={"delegations": [_("Another event's delegation.")]})
        other = _overlapping(session).filter(delegations=delegation).first()
        if other is not None:
            message = _("The head of delegation of %(delegation)s is at “%(title)s” "
                        "%(span)s.") % {"delegation": delegation.name, "title": other.title,
                                        "span": _span(other, other.event.tz)}
            raise PersonClash(message, fields={"delegations": [message]})
    if session.host_leader_id is not None:
        leader = HostLeader.objects.select_for_update().get(pk=session.host_leader_id)
        if leader.event_id != session.event_id:
            raise InvalidSession(_("This host leader belongs to another event."),
                                 fields={"host_leader": [_("Another event's host leader.")]})
        other = _overlapping(session).filter(host_leader=leader).first()
        if other is not None:
            message = _("%(leader)s is at “%(title)s” %(span)s.") % {
                "leader": str(leader), "title": other.title,
                "span": _span(other, other.event.tz)}
            raise PersonClash(message, fields={"host_leader": [message]})


def _ids(delegations):
    return sorted({getattr(d, "pk", d) for d in delegations})


@transaction.atomic
def venue_create(*, event, by, name, address=""):
    _check_allowed(by)
    venue = Venue(event=event, name=name, address=address)
    _clean(venue, InvalidVenue, _("The venue is not valid: %(details)s"))
    venue.save()
    return venue


@transaction.atomic
def room_create(*, venue, by, name, capacity, access_zone="", interpretation_booths=0,
                streaming=False):
    _check_allowed(by)
    room = Room(venue=venue, name=name, capacity=capacity, access_zone=access_zone,
                interpretation_booths=interpretation_booths, streaming=streaming)
    _clean(room, InvalidRoom, _("The room is not valid: %(details)s"))
    room.save()
    return room


VENUE_FIELDS = {"name", "address"}
ROOM_FIELDS = {"venue", "name", "capacity", "access_zone", "interpretation_booths", "streaming"}


def _refuse_unknown(fields, allowed, error_class):
    unknown = set(fields) - allowed
    if unknown:
        raise error_class(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})


@transaction.atomic
def venue_update(*, venue, by, **fields):
    _check_allowed(by)
    _refuse_unknown(fields, VENUE_FIELDS, InvalidVenue)
    venue = Venue.objects.select_for_update().get(pk=venue.pk)
    for name, value in fields.items():
        setattr(venue, name, value)
    _clean(venue, InvalidVenue, _("The venue is not valid: %(details)s"))
    venue.save()
    return venue


@transaction.atomic
def room_update(*, room, by, **fields):
    """Change a room's details, or move it to another venue of the same event. Its capacity
    cannot drop below the expected audience of a session booked into it."""
    _check_allowed(by)
    _refuse_unknown(fields, ROOM_FIELDS, InvalidRoom)
    # The same lock session_create takes: no audience can be booked in while we shrink.
    room = Room.objects.select_for_update().select_related("venue").get(pk=room.pk)
    event_id = room.venue.event_id
    for name, value in fields.items():
        setattr(room, name, value)
    if room.venue.event_id != event_id:
        raise InvalidRoom(_("A room cannot move to another event's venue."),
                          fields={"venue": [_("Another event's venue.")]})
    _clean(room, InvalidRoom, _("The room is not valid: %(details)s"))
    crowded = (Session.objects.filter(room_id=room.pk, expected_audience__gt=room.capacity)
               .exclude(status=SessionStatus.CANCELLED)
               .order_by("-expected_audience", "starts_at", "pk").first())
    if crowded is not None:
        message = _("“%(title)s” expects %(audience)s; %(room)s would seat only "
                    "%(capacity)s.") % {"title": crowded.title,
                                        "audience": crowded.expected_audience,
                                        "room": room.name, "capacity": room.capacity}
        raise CapacityExceeded(message, fields={"capacity": [message]})
    room.save()
    return room


@transaction.atomic
def session_create(*, event, by, kind, title, starts_at, ends_at, room=None, languages=None,
                   media_access=MediaAccess.OPEN, chair="", organiser="",
                   organiser_email="", expected_audience=None, status=None, delegations=(),
                   host_leader=None):
    """Add a session; placed in a room it is scheduled unless `status` says otherwise.
    `delegations` are those whose heads take part (a bilateral, a signing), `host_leader`
    the host's leader present. Raises NotAllowed, InvalidSession, RoomClash,
    CapacityExceeded or PersonClash; nothing is written then."""
    _check_allowed(by)
    if status is None:
        status = SessionStatus.SCHEDULED if room is not None else SessionStatus.DRAFT
    if languages is None:
        languages = []
    session = Session(event=event, room=room, kind=kind, title=title, starts_at=starts_at,
                      ends_at=ends_at, languages=languages, media_access=media_access,
                      chair=chair, organiser=organiser, organiser_email=organiser_email,
                      expected_audience=expected_audience, status=status,
                      host_leader=host_leader)
    _clean(session, InvalidSession, _("The session is not valid: %(details)s"))
    _check_room(session)
    delegation_ids = _ids(delegations)
    _check_people(session, delegation_ids)
    session.save()
    session.delegations.set(delegation_ids)
    return session


@transaction.atomic
def session_update(*, session, by, **fields):
    """Change a session: move it to another room or time, or change its details. The new
    place is checked as a new booking would be. Cancel with session_cancel; a cancelled
    session stays cancelled (InvalidSession)."""
    _check_allowed(by)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise InvalidSession(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    if fields.get("status") == SessionStatus.CANCELLED:
        raise InvalidSession(_("Cancel a session with the cancel action."),
                             fields={"status": [_("Cancel a session with the cancel action.")]})
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CANCELLED:
        # Its cancellation may be published and its people told: a revival is a new session.
        raise InvalidSession(_("“%(title)s” is cancelled and stays cancelled: add a new "
                               "session instead.") % {"title": session.title})
    delegations = fields.pop("delegations", None)
    delegation_ids = (_ids(delegations) if delegations is not None
                      else sorted(session.delegations.values_list("pk", flat=True)))
    for name, value in fields.items():
        setattr(session, name, value)
    _clean(session, InvalidSession, _("The session is not valid: %(details)s"))
    _check_room(session)
    _check_people(session, delegation_ids)
    session.save()
    if delegations is not None:
        session.delegations.set(delegation_ids)
    return session


@transaction.atomic
def session_cancel(*, session, by):
    """Cancel a session; its room is free again for that time."""
    _check_allowed(by)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.CANCELLED:
        session.status = SessionStatus.CANCELLED
        session.save(update_fields=["status", "updated_at"])
    return session
