"""Webhooks over REST. An integration registers with its API key (any accreditation scope)
and sees, changes and deletes only the webhooks that key registered: another key's are 404.

Each delivery is a POST of JSON with the header `Accord-Signature: t=<unix time>,v1=<hex>`,
where v1 is HMAC-SHA256, keyed with the webhook's secret, of "<t>." followed by the raw body.
Recompute it and refuse a t older than five minutes. A delivery that does not get a 2xx
answer is tried again with growing pauses (about four hours in all), then marked failed;
`deliveries/` is the log.

The payload of each event, with an example, is in docs/WEBHOOKS.md and in the description of
the registration below (PAYLOAD_EXAMPLES): ids are the API's (an application's reference, a
badge's id) and times are in the event's time zone, as the API writes them."""

import json

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from accreditation.integrations import queries
from accreditation.integrations.api import serializers as s
from accreditation.integrations.models import Webhook
from accreditation.integrations.services import webhooks as services
from accreditation.keys.models import ApiScope
from logistics.core.api.base import INVALID, ServiceViewSet, error_response
from logistics.core.api.permissions import api_key_of

ACCREDITATION_SCOPES = (ApiScope.ACCREDITATION_READ, ApiScope.ACCREDITATION_WRITE,
                        ApiScope.ACCREDITATION_DECIDE)


class WebhookAccess(BasePermission):
    """API keys with any accreditation scope; staff sessions have nothing to subscribe."""

    def has_permission(self, request, view):
        key = api_key_of(request)
        return key is not None and any(key.has_scope(scope) for scope in ACCREDITATION_SCOPES)


NOT_FOUND = error_response("not_found: no webhook of this key has this id.")
DENIED = error_response("permission_denied: only an API key with an accreditation scope "
                        "has webhooks.")
HOOK = {"id": 7, "url": "https://registration.example.org/accord/events",
        "events": ["application.status_changed", "badge.issued"], "active": True,
        "payload_version": 2, "created_at": "2026-05-02T09:20:00+07:00"}

# One example of each event's payload (version 2); docs/WEBHOOKS.md shows the same, and a test
# holds both to what is sent.
PAYLOAD_EXAMPLES = {
    "application.status_changed": {
        "version": 2, "event": "application.status_changed",
        "application": {"reference": "A-7K3M9QXP", "status": "approved",
                        "previous_status": "submitted"},
        "at": "2026-05-02T09:24:13.512907+07:00"},
    **{event: {"version": 2, "event": event,
               "badge": {"id": 4821, "number": "COP31-P-00123", "status": badge_status,
                         "application": "A-7K3M9QXP"},
               "at": "2026-05-02T09:31:40.100233+07:00"}
       for event, badge_status in (("badge.issued", "active"), ("badge.suspended", "suspended"),
                                   ("badge.reinstated", "active"),
                                   ("badge.revoked", "revoked"))},
}
PAYLOADS_DESCRIPTION = (
    "Each event is POSTed as JSON, signed (Accord-Signature). Version 2 payloads (the default "
    "of a new webhook; `payload_version` 1 keeps the older shape, with the application's "
    "database id and times in UTC) name the application by its reference and the badge by "
    "its id, as `/api/v1/applications/{reference}/` and `/api/v1/badges/{id}/` take them, "
    "with times in the event's time zone. One of each:\n\n"
    + "\n\n".join(f"`{event}`:\n```json\n{json.dumps(example, indent=2)}\n```"
                  for event, example in PAYLOAD_EXAMPLES.items()))


@extend_schema(tags=["webhooks"])
@extend_schema_view(
    list=extend_schema(summary="This key's webhooks"),
    retrieve=extend_schema(summary="One of this key's webhooks",
                           responses={200: s.WebhookSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Register a URL for events; the answer carries the signing secret, once",
        description=PAYLOADS_DESCRIPTION,
        request=s.WebhookSerializer,
        responses={201: s.WebhookCreatedSerializer, 400: INVALID, 403: DENIED},
        examples=[
            OpenApiExample("Registration", request_only=True,
                           value={"url": HOOK["url"], "events": HOOK["events"]}),
            OpenApiExample("Registered", response_only=True, status_codes=["201"],
                           value={**HOOK, "secret": "whsec_2Hk1f0c8Vb7…"}),
        ]),
    partial_update=extend_schema(
        summary="Change the URL or the events, or switch it off or on",
        request=s.WebhookSerializer,
        responses={200: s.WebhookSerializer, 400: INVALID, 404: NOT_FOUND},
        examples=[OpenApiExample("Switch off", request_only=True, value={"active": False})]),
    destroy=extend_schema(summary="Delete, with its delivery log",
                          responses={204: None, 404: NOT_FOUND}),
)
class WebhookViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.DestroyModelMixin):
    """Subscriptions to application status changes, badges issued and badges revoked."""

    queryset = Webhook.objects.none()
    serializer_class = s.WebhookSerializer
    permission_classes = [WebhookAccess]
    filter_backends = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Webhook.objects.none()
        return queries.webhooks_of(api_key_of(self.request)).order_by("-created_at", "-id")

    def create(self, request, *args, **kwargs):
        data = self.validated(s.WebhookSerializer)
        webhook = services.webhook_register(api_key=api_key_of(request), url=data["url"],
                                            events=data["events"],
                                            payload_version=data["payload_version"])
        return Response(s.WebhookCreatedSerializer(webhook).data,
                        status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        webhook = self.get_object()
        form = s.WebhookSerializer(webhook, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        return self.respond(services.webhook_update(webhook=webhook, **form.validated_data))

    def perform_destroy(self, instance):
        services.webhook_delete(webhook=instance)

    @extend_schema(summary="The webhook's delivery log, newest first",
                   responses={200: s.DeliverySerializer(many=True), 404: NOT_FOUND})
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        webhook = self.get_object()
        page = self.paginate_queryset(queries.deliveries_of(webhook).order_by("-created_at",
                                                                              "-id"))
        return self.get_paginated_response(s.DeliverySerializer(page, many=True).data)
