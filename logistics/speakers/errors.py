"""The speakers list's refusals (see logistics.core.errors)."""

from logistics.core.errors import AccordError, Conflict


class InvalidSpeaker(AccordError):
    """A statement that cannot go on the list: wrong session, bad language code, time limit."""

    code = "invalid_speaker"


class AlreadyInscribed(Conflict):
    """A delegation makes one statement per session."""

    code = "already_inscribed"
