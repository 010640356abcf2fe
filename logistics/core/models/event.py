"""The Event every record belongs to (dates, venue, time zone, reminder rules, the signing
threshold), its Agencies (lead and coordinating agencies, with focal points) and its
Committees."""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logistics.core.enums import AgencyKind, CommitteeKind


def _time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Event(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Ho_Chi_Minh",
                                 choices=_time_zone_choices)
    languages = models.JSONField(_("languages"), default=list, blank=True,
                                 help_text=_("Language codes, e.g. en, fr, ar."))
    # The host state invites; it is not itself a delegation to invite.
    host_country = models.ForeignKey("Country", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("host country"))
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True,
        help_text=_("Invitation links work until then; empty: until the event starts."))
    # Reminder rules; empty means the default in settings.ACCORD_REMINDERS.
    due_soon_days = models.PositiveSmallIntegerField(
        _("remind this many days before the deadline"), null=True, blank=True)
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate after this many days late"), null=True, blank=True)
    digest_hour = models.PositiveSmallIntegerField(
        _("daily digest at this local hour"), null=True, blank=True)
    weekly_weekday = models.PositiveSmallIntegerField(
        _("weekly note on this weekday (0 = Monday)"), null=True, blank=True)
    weekly_hour = models.PositiveSmallIntegerField(
        _("weekly note at this local hour"), null=True, blank=True)
    # The treaty's own figure (the Convention against Cybercrime: 40 states, article 65).
    signing_threshold = models.PositiveSmallIntegerField(
        _("signatures for entry into force"), default=40,
        validators=[MinValueValidator(1)],
        help_text=_("How many states must sign (or ratify) before the treaty enters into "
                    "force; the signing board and the dashboard count against it."))

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="event_ends_after_it_starts"),
            models.CheckConstraint(condition=models.Q(digest_hour__lte=23),
                                   name="event_digest_hour_in_day"),
            models.CheckConstraint(condition=models.Q(weekly_weekday__lte=6),
                                   name="event_weekly_weekday_in_week"),
            models.CheckConstraint(condition=models.Q(weekly_hour__lte=23),
                                   name="event_weekly_hour_in_day"),
            models.CheckConstraint(condition=models.Q(signing_threshold__gte=1),
                                   name="event_signing_threshold_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_now(self):
        return timezone.now().astimezone(self.tz)

    def today(self):
        """The date at the venue: deadlines are days in the host's calendar."""
        return self.local_now().date()

    def starts_at(self):
        return datetime.combine(self.start_date, datetime.min.time(), tzinfo=self.tz)

    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at()

    def reminder_rule(self, name):
        """One reminder rule for this event: its own value, or the default in settings."""
        own = getattr(self, name)
        return own if own is not None else settings.ACCORD_REMINDERS[name.upper()]


class Agency(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agencies",
                              verbose_name=_("event"))
    code = models.CharField(_("code"), max_length=30,
                            help_text=_("The short name used in the plan, e.g. MPS."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices,
                            default=AgencyKind.OTHER)
    parent = models.ForeignKey("self", on_delete=models.RESTRICT, null=True, blank=True,
                               related_name="units", verbose_name=_("parent agency"))
    emails = models.JSONField(_("e-mail addresses"), default=list, blank=True,
                              help_text=_("Addresses that receive the agency's mail."))
    focal_points = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                          related_name="focal_agencies",
                                          verbose_name=_("focal points"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="agency_code_unique"),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"


class Committee(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="committees",
                              verbose_name=_("event"))
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices,
                            default=CommitteeKind.SUBCOMMITTEE)
    chair_agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, null=True, blank=True,
                                     related_name="chaired_committees",
                                     verbose_name=_("chair agency"))
    member_agencies = models.ManyToManyField(Agency, blank=True,
                                             related_name="committees",
                                             verbose_name=_("member agencies"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="committee_code_unique"),
        ]

    def __str__(self):
        return self.name
