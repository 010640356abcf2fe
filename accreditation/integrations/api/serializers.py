"""Webhooks and their delivery log as JSON. The signing secret is shown once, in the answer
to the registration."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accreditation.enums import DeliveryStatus, WebhookEvent
from accreditation.integrations.models import Delivery, Webhook
from accreditation.integrations.services.webhooks import LATEST_PAYLOAD_VERSION, PAYLOAD_VERSIONS
from logistics.core.api.base import EnumField, ModelSerializer


class WebhookSerializer(ModelSerializer):
    url = serializers.CharField(
        max_length=500, help_text=gettext_lazy("Where the events are posted: http:// or "
                                               "https://."))
    events = serializers.ListField(
        child=EnumField(WebhookEvent), allow_empty=False,
        help_text=gettext_lazy("The events to receive."))
    payload_version = serializers.ChoiceField(
        choices=PAYLOAD_VERSIONS, required=False, default=LATEST_PAYLOAD_VERSION,
        help_text=gettext_lazy(
            "The shape of the payloads (docs/WEBHOOKS.md). 2: the application by its "
            "reference, times in the event's time zone, as the API gives them. 1: the shape "
            "of webhooks registered before version 2 (the application by database id, times "
            "in UTC), which they keep until changed here."))

    class Meta:
        model = Webhook
        fields = ["id", "url", "events", "payload_version", "active", "created_at"]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"active": {"help_text": gettext_lazy(
            "Switched off, it receives nothing; its log stays.")}}


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(
        read_only=True, help_text=gettext_lazy(
            "For checking the Accord-Signature header of each delivery. Shown this once: keep "
            "it; register again to get a new one."))

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class DeliverySerializer(ModelSerializer):
    event = EnumField(WebhookEvent, read_only=True)
    status = EnumField(DeliveryStatus, read_only=True)

    class Meta:
        model = Delivery
        fields = ["id", "event", "status", "attempts", "response_status", "error", "payload",
                  "created_at", "last_attempt_at", "delivered_at"]
        read_only_fields = fields
