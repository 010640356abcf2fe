"""Webhooks an integration registers, and the Delivery of each event to each of them (an
outbox, written in the transaction of the change it reports)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from accreditation.enums import DeliveryStatus
from accreditation.keys.models import ApiKey
from logistics.core.crypto import SecretField


def new_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A subscriber's URL and the events it wants. It belongs to the API key that registered
    it: a key sees and changes only its own webhooks and their deliveries."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="webhooks",
                                verbose_name=_("API key"))
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Shared with the subscriber once, to check the HMAC-SHA256 signature of each delivery;
    # encrypted at rest, since every delivery signs with it.
    secret = SecretField(_("signing secret"), default=new_secret, editable=False)
    active = models.BooleanField(_("active"), default=True)
    # The shape of the payloads it gets (services.webhooks.PAYLOAD_VERSIONS): those
    # registered before version 2 keep version 1 until their key moves them on.
    payload_version = models.PositiveSmallIntegerField(_("payload version"), default=2)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.url


class Delivery(models.Model):
    """One event sent (or still to be sent) to one webhook, with every attempt's outcome."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries",
                                verbose_name=_("webhook"))
    event = models.CharField(_("event"), max_length=40)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(_("last response"), null=True,
                                                       blank=True)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    # Set while an attempt is being posted (the claim of services.webhooks.delivery_attempt):
    # a second copy of the message leaves it to the first.
    attempt_started_at = models.DateTimeField(_("attempt started"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event} → {self.webhook_id} ({self.status})"
