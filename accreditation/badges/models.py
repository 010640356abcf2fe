"""Badges (one per approved application: signed QR code, zones, validity, where it stands)
and the BadgeBatches printed together in one PDF."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accreditation.applications.models.applications import Application
from accreditation.enums import HELD_BADGE_STATUSES, BadgeStatus, BatchStatus, PrintStatus
from accreditation.setup.models import AccreditationCategory, Zone
from logistics.core.models.event import Event
from logistics.core.models.files import RandomName


def new_nonce():
    # Part of the signed QR payload: a reissued badge for the same person never shares a code.
    return secrets.token_hex(8)


class Badge(models.Model):
    """The card a person wears. One held badge (active or suspended) per application (a
    constraint): reissuing marks the old one replaced, and its QR code stops opening gates at
    once."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="badges",
                              verbose_name=_("event"))
    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="badges", verbose_name=_("application"))
    category = models.ForeignKey(AccreditationCategory, on_delete=models.PROTECT,
                                 related_name="badges", verbose_name=_("category"))
    # Printed: event, category letter and a sequence per category, e.g. HCS26-P-00042.
    number = models.CharField(_("badge number"), max_length=40, unique=True)
    sequence = models.PositiveIntegerField(_("sequence"))
    nonce = models.CharField(max_length=16, default=new_nonce, editable=False)
    zones = models.ManyToManyField(Zone, blank=True, related_name="badges",
                                   verbose_name=_("access zones"))
    # The zone codes as signed into the QR code, so that a scan needs no join.
    zone_codes = models.CharField(_("zone codes"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=20, choices=BadgeStatus.choices,
                              default=BadgeStatus.ACTIVE)
    status_reason = models.TextField(_("reason"), blank=True)
    replaces = models.OneToOneField("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="replaced_by", verbose_name=_("replaces"))
    # Printed means a person confirmed it came out of the printer (the badge's page, its
    # batch's, the collection desk; handing it over confirms it too): making the PDF does not.
    print_status = models.CharField(_("print status"), max_length=20,
                                    choices=PrintStatus.choices, default=PrintStatus.NOT_PRINTED)
    printed_at = models.DateTimeField(_("printed"), null=True, blank=True)
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("printing confirmed by"))
    pdf_made_at = models.DateTimeField(_("PDF made"), null=True, blank=True)
    collected_at = models.DateTimeField(_("collected"), null=True, blank=True)
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("handed over by"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        indexes = [models.Index(fields=["event", "issued_at", "id"], name="badge_list_order"),
                   # The API's list: newest first, then by key (read backwards).
                   models.Index(fields=["issued_at", "-id"], name="badge_api_order")]
        constraints = [
            # Suspended counts: no second badge is issued while one waits for the office.
            models.UniqueConstraint(fields=["application"],
                                    condition=Q(status__in=HELD_BADGE_STATUSES),
                                    name="badge_one_held_per_application"),
            models.UniqueConstraint(fields=["category", "sequence"],
                                    name="badge_sequence_unique"),
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")),
                                   name="badge_valid_until_after_from"),
        ]

    def __str__(self):
        return self.number


class BadgeBatch(models.Model):
    """A PDF of many badges, made by a Celery job; the page shows its progress and offers the
    file when it is done."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="badge_batches",
                              verbose_name=_("event"))
    badges = models.ManyToManyField(Badge, related_name="batches", verbose_name=_("badges"))
    status = models.CharField(_("status"), max_length=20, choices=BatchStatus.choices,
                              default=BatchStatus.QUEUED)
    total = models.PositiveIntegerField(_("badges"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    file = models.FileField(_("PDF"), blank=True, upload_to=RandomName("badges"))
    error = models.TextField(_("error"), blank=True)
    # The language of the officer who asked, for the error the worker writes (the badges
    # themselves are drawn in the event's languages, whoever asked).
    language = models.CharField(_("language"), max_length=15, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    printed_at = models.DateTimeField(_("printing confirmed"), null=True, blank=True)
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("printing confirmed by"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("badge batch")
        verbose_name_plural = _("badge batches")

    def __str__(self):
        return f"#{self.pk} ({self.done}/{self.total})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100
