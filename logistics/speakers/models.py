"""The speakers list of a plenary or a high-level debate: one SpeakerSlot per delegation
and session, in order."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from logistics.delegations.enums import DelegationLevel
from logistics.delegations.models import Delegation
from logistics.programme.enums import SpeakerStatus
from logistics.programme.models import Session


class SpeakerSlot(models.Model):
    """A statement on the plenary's list of speakers."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers",
                                verbose_name=_("session"))
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE,
                                   related_name="speaker_slots", verbose_name=_("delegation"))
    speaker_name = models.CharField(_("speaker"), max_length=200)
    speaker_title = models.CharField(_("speaker's title"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=30, choices=DelegationLevel.choices)
    # Precedence is by level, then by when the delegation inscribed.
    inscribed_at = models.DateTimeField(_("inscribed"))
    order = models.PositiveSmallIntegerField(_("order"), null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), default=5)
    language = models.CharField(_("language of the statement"), max_length=10,
                                help_text=_("Language code, e.g. en, fr, ar."))
    status = models.CharField(_("status"), max_length=10, choices=SpeakerStatus.choices,
                              default=SpeakerStatus.INSCRIBED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["session", F("order").asc(nulls_last=True), "inscribed_at", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers list")
        constraints = [
            models.UniqueConstraint(fields=["session", "delegation"],
                                    name="speaker_one_statement_per_delegation"),
            models.UniqueConstraint(fields=["session", "order"],
                                    condition=Q(order__isnull=False),
                                    name="speaker_order_unique"),
            models.CheckConstraint(condition=Q(order__isnull=True) | Q(order__gte=1),
                                   name="speaker_order_from_one"),
            models.CheckConstraint(condition=Q(time_limit_minutes__gte=1),
                                   name="speaker_time_limit_positive"),
        ]

    def __str__(self):
        return f"{self.delegation}: {self.speaker_name}"
