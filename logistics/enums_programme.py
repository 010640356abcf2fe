"""Choices of the programme: rooms, sessions and who may book them. Kept apart from
enums.py for now; to be merged into it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeRole(models.TextChoices):
    """The programme office, held as a Django group like the roles in `Role`."""

    PROGRAMME = "programme", _("Programme officer")


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")
    PLENARY = "plenary", _("Plenary")
    HIGH_LEVEL_DEBATE = "high_level_debate", _("High-level debate")
    ROUNDTABLE = "roundtable", _("Roundtable")
    SEMINAR = "seminar", _("Seminar")
    SIDE_EVENT = "side_event", _("Side event")
    EXHIBITION = "exhibition", _("Exhibition")
    BILATERAL = "bilateral", _("Bilateral meeting")
    PRESS_CONFERENCE = "press_conference", _("Press conference")
    REHEARSAL = "rehearsal", _("Rehearsal")
    CULTURAL = "cultural", _("Cultural programme")
    RECEPTION = "reception", _("Reception")


class MediaAccess(models.TextChoices):
    OPEN = "open", _("Open to media")
    POOL = "pool", _("Media pool only")
    CLOSED = "closed", _("Closed to media")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
