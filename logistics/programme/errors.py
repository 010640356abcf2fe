"""The programme's refusals (see logistics.core.errors)."""

from logistics.core.errors import AccordError, Conflict


class InvalidSession(AccordError):
    code = "invalid_session"


class RoomClash(Conflict):
    """The room already holds a scheduled session that overlaps."""

    code = "room_clash"


class PersonClash(Conflict):
    """A head of delegation or a host leader is already in another session at that time."""

    code = "person_clash"


class CapacityExceeded(Conflict):
    code = "capacity_exceeded"


class InvalidVenue(AccordError):
    code = "invalid_venue"


class InvalidRoom(AccordError):
    code = "invalid_room"


class NothingToPublish(Conflict):
    """The public programme is the same as in the latest version: no empty version."""

    code = "nothing_to_publish"


class SessionOwned(Conflict):
    """A bilateral's or side event's session moves or is cancelled through its owner."""

    code = "session_owned"
