"""The programme: Venues and their Rooms, Sessions (with the host's leader who holds one),
and the numbered, frozen ProgrammeVersions that are published."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logistics.core.models.event import Event
from logistics.delegations.models import Delegation
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus


class Venue(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="venues",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="venue_name_unique"),
        ]

    def __str__(self):
        return self.name


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms",
                              verbose_name=_("venue"))
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("Seats."))
    # A code until accreditation's zones can be referred to without logistics importing it.
    access_zone = models.CharField(_("access zone"), max_length=20, blank=True,
                                   help_text=_("The badge zone needed to enter, e.g. A."))
    interpretation_booths = models.PositiveSmallIntegerField(_("interpretation booths"),
                                                             default=0)
    streaming = models.BooleanField(_("streaming"), default=False)

    class Meta:
        ordering = ["venue__name", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_name_unique"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive",
                                   violation_error_message=_("A room must have at least "
                                                             "one seat.")),
        ]

    def __str__(self):
        return self.name


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions",
                              verbose_name=_("event"))
    # Empty until the programme office places the session.
    room = models.ForeignKey(Room, on_delete=models.RESTRICT, null=True, blank=True,
                             related_name="sessions", verbose_name=_("room"))
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    languages = models.JSONField(_("languages of interpretation"), default=list, blank=True,
                                 help_text=_("Language codes, e.g. en, fr, ar."))
    media_access = models.CharField(_("media access"), max_length=10,
                                    choices=MediaAccess.choices, default=MediaAccess.OPEN)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    # Told by mail when a published version moves or cancels the session.
    organiser_email = models.EmailField(_("organiser's e-mail"), blank=True)
    # Whose heads of delegation and which host leader take part: a person is in one place
    # at a time, so these are checked for clashes like the room.
    delegations = models.ManyToManyField(Delegation, blank=True, related_name="sessions",
                                         verbose_name=_("delegations taking part"))
    host_leader = models.ForeignKey("HostLeader", on_delete=models.RESTRICT, null=True,
                                    blank=True, related_name="sessions",
                                    verbose_name=_("host leader"))
    expected_audience = models.PositiveIntegerField(_("expected audience"), null=True,
                                                    blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="session_ends_after_it_starts",
                                   violation_error_message=_("A session must end after it "
                                                             "starts.")),
            models.CheckConstraint(condition=Q(expected_audience__gte=0),
                                   name="session_audience_not_negative",
                                   violation_error_message=_("The expected audience cannot "
                                                             "be negative.")),
        ]
        indexes = [
            models.Index(fields=["room", "starts_at"]),
            models.Index(fields=["event", "starts_at"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        for name in ("starts_at", "ends_at"):
            value = getattr(self, name)
            if value is not None and timezone.is_naive(value):
                errors[name] = [_("Give the time with its time zone.")]
        if errors:
            raise ValidationError(errors)
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = [_("A session must end after it starts.")]
        if not isinstance(self.languages, list) or not all(
                isinstance(code, str) and code for code in self.languages):
            errors["languages"] = [_("Give a list of language codes, e.g. en, fr, ar.")]
        if self.room_id is not None and self.room.venue.event_id != self.event_id:
            errors["room"] = [_("This room belongs to another event.")]
        if errors:
            raise ValidationError(errors)


class ProgrammeVersion(models.Model):
    """A published programme: what the public page shows, frozen, with what changed since
    the version before (so that the public and those affected can see what moved)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE,
                              related_name="programme_versions", verbose_name=_("event"))
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("published by"))
    note = models.TextField(_("note"), blank=True)
    # The public sessions as published: a list of plain dicts (see services.publishing).
    sessions = models.JSONField(_("sessions"), default=list)
    # What moved since the previous version: added, changed (field: [before, after]), removed.
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["event", "-number"]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"],
                                    name="programme_version_number_unique"),
        ]

    def __str__(self):
        return f"{self.event} v{self.number}"


class HostLeader(models.Model):
    """A leader of the host country whom delegations ask to meet (the President, the Prime
    Minister...): one person, in one place at a time."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="host_leaders",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("host leader")
        verbose_name_plural = _("host leaders")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="host_leader_name_unique"),
        ]

    def __str__(self):
        return f"{self.title} {self.name}".strip()
