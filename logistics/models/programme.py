from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logistics.enums_programme import MediaAccess, SessionKind, SessionStatus

from .event import Event


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
