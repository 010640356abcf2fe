"""Domain errors of the programme; kept apart from errors.py for now, to be merged into it."""

from logistics.errors import AccordError


class InvalidSession(AccordError):
    code = "invalid_session"


class RoomClash(AccordError):
    """The room already holds a scheduled session that overlaps."""

    code = "room_clash"
    http_status = 409


class CapacityExceeded(AccordError):
    code = "capacity_exceeded"
    http_status = 409


class InvalidVenue(AccordError):
    code = "invalid_venue"


class InvalidRoom(AccordError):
    code = "invalid_room"
