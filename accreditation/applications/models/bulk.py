"""A decision over many applications made by a Celery job (BulkDecision), and what it
refused, one BulkRefusal per application with its reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accreditation.applications.models.applications import Application
from accreditation.enums import BulkAction, BulkStatus
from logistics.core.models.event import Event


class BulkDecision(models.Model):
    """One decision over many applications, made by a Celery job (services.bulk_decisions):
    who asked, for what, over which applications (their ids, fixed when the office
    confirmed), and how far it has got."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bulk_decisions",
                              verbose_name=_("event"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("by"))
    action = models.CharField(_("action"), max_length=20, choices=BulkAction.choices)
    reason = models.TextField(_("reason"), blank=True)
    # The confirmation form's token: a second submission of one form finds this row.
    key = models.UUIDField(_("key"), unique=True)
    # sha256 of the action and the sorted ids: one selection is decided by one job at a time.
    digest = models.CharField(_("digest"), max_length=64)
    selection = models.JSONField(_("applications"), default=list)
    described = models.CharField(_("selection"), max_length=500, blank=True)
    query = models.TextField(_("filters"), blank=True)
    # The language of the officer who asked: the job's refusals are written in it, though a
    # worker has no request to take it from.
    language = models.CharField(_("language"), max_length=15, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=BulkStatus.choices,
                              default=BulkStatus.QUEUED)
    total = models.PositiveIntegerField(_("applications"), default=0)
    # How many of `selection` the job has been through (decided or refused): the next
    # chunk starts there.
    position = models.PositiveIntegerField(_("position"), default=0)
    done = models.PositiveIntegerField(_("decided"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bulk decision")
        verbose_name_plural = _("bulk decisions")
        constraints = [
            models.UniqueConstraint(fields=["event", "action", "digest"],
                                    condition=~Q(status=BulkStatus.DONE),
                                    name="bulk_decision_one_running_per_selection"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.action} ({self.position}/{self.total})"

    @property
    def percent(self):
        return round(100 * self.position / self.total) if self.total else 100


class BulkRefusal(models.Model):
    """An application a bulk decision could not decide, and why."""

    job = models.ForeignKey(BulkDecision, on_delete=models.CASCADE, related_name="refusals",
                            verbose_name=_("bulk decision"))
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("application"))
    reference = models.CharField(_("reference"), max_length=20)
    code = models.CharField(_("code"), max_length=40)
    message = models.TextField(_("why"))

    class Meta:
        ordering = ["job", "id"]
        verbose_name = _("refusal")
        verbose_name_plural = _("refusals")
        constraints = [
            models.UniqueConstraint(fields=["job", "application"],
                                    name="bulk_refusal_once_per_application"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.message}"
