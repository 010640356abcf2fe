"""The programme's choices: kinds of session, media access, a session's status, and a
statement's on the speakers list (the change mail reads it through the session)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class SpeakerStatus(models.TextChoices):
    INSCRIBED = "inscribed", _("Inscribed")
    SPOKEN = "spoken", _("Spoken")
    WITHDRAWN = "withdrawn", _("Withdrawn")
