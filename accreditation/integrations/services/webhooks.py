"""Webhooks: an outbox. The change and its Delivery rows are written in one transaction; after
commit, Celery posts each delivery, signed, and retries with backoff until the subscriber
answers 2xx or the attempts run out. Every attempt's outcome is on the Delivery row, which
the subscriber can read through the API.

Signature (documented for subscribers): header `Accord-Signature: t=<unix time>,
v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`. A subscriber recomputes it
and refuses a time more than five minutes old (a replay).

Payloads (docs/WEBHOOKS.md, with an example of each event): version 2 names things as the API
does (an application by its reference, a badge by its id) and gives times as the API does (in
the event's time zone), with a "version" key. Version 1, what webhooks registered before it
still get until their key changes `payload_version`, named the application by database id and
gave times in UTC. Each webhook gets its own version's payload of every event.
"""

import hashlib
import hmac
import json
import time
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accreditation.enums import DeliveryStatus, WebhookEvent, status_as_sent
from accreditation.integrations.models import Delivery, Webhook
from accreditation.integrations.services import webhook_network
from logistics.core.queueing import queue_each_after_commit

SIGNATURE_HEADER = "Accord-Signature"
TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 8  # with the task's backoff: about four hours of a subscriber being down
# An attempt's claim lasts this long: well past the longest attempt (resolving the name,
# connecting and reading, each within TIMEOUT_SECONDS), so only a worker that died mid-post
# leaves one behind, and its redelivered message takes over.
ATTEMPT_CLAIM = timedelta(seconds=6 * TIMEOUT_SECONDS)


class DeliveryFailed(Exception):
    """The subscriber did not take the delivery; the task retries."""


def sign(secret, body, timestamp=None):
    timestamp = int(time.time() if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret, body, header, *, tolerance=300, now=None):
    """What a subscriber does (and what the tests do): True for a fresh, matching signature."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=")[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def clean_events(events):
    events = list(dict.fromkeys(events or ()))
    unknown = [event for event in events if event not in WebhookEvent.values]
    if unknown or not events:
        raise ValidationError({"events": [
            _("Choose one or more of: %(known)s.") % {"known": ", ".join(WebhookEvent.values)}]})
    return events


# Version 1 named the application by database id and gave times in UTC; version 2 uses the
# API's identifiers and time format. Webhooks registered from now on get the latest.
PAYLOAD_VERSIONS = (1, 2)
LATEST_PAYLOAD_VERSION = PAYLOAD_VERSIONS[-1]


def api_time(moment, event):
    """A date-time as the API writes it: in the event's time zone (EventLocalTimesMixin)."""
    with timezone.override(event.tz):
        return serializers.DateTimeField().to_representation(moment)


def _fan_out(event_type, source, payload):
    return _fan_out_many(event_type, [source], payload)


def _fan_out_many(event_type, sources, payload):
    """One Delivery per (source, subscribed webhook), written in one INSERT and queued after
    commit (see enqueue_many). `payload(source, version, now)` is built only for the versions
    the subscribed webhooks take (none when no one subscribes: no query for the event's zone
    or the application's reference)."""
    hooks = [hook for hook in Webhook.objects.filter(active=True, api_key__revoked_at=None)
             if event_type in hook.events]
    sources = list(sources)
    if not hooks or not sources:
        return []
    now, versions = timezone.now(), {hook.payload_version for hook in hooks}
    payloads = [{version: payload(source, version, now) for version in versions}
                for source in sources]
    deliveries = Delivery.objects.bulk_create(
        [Delivery(webhook=hook, event=event_type, payload=built[hook.payload_version])
         for built in payloads for hook in hooks])
    queue_each_after_commit("accreditation.deliver_webhook",
                            [delivery.pk for delivery in deliveries],
                            splitter="accreditation.deliver_webhooks")
    return deliveries


def _status_payload(move, version, now):
    # As the application's sender sees it: any key may subscribe, a writing one too, and a
    # possible duplicate must read as a new application (enums.status_as_sent). No reason,
    # no note: ids and statuses only.
    application, transition = move
    event_type = WebhookEvent.APPLICATION_STATUS.value
    status = status_as_sent(transition.to_status)
    previous = status_as_sent(transition.from_status) or None
    if version == 1:
        return {"event": event_type,
                "application": {"id": application.pk, "reference": application.reference,
                                "status": status, "previous_status": previous},
                "at": now.isoformat()}
    return {"version": version, "event": event_type,
            "application": {"reference": application.reference, "status": status,
                            "previous_status": previous},
            "at": api_time(now, application.event)}


def webhooks_notify_statuses(moves):
    """application.status for each (application, transition) pair: the status its sender
    sees, never why."""
    return _fan_out_many(WebhookEvent.APPLICATION_STATUS, moves, _status_payload)


def webhooks_notify_badge(badge, event_type):
    """badge.issued, .suspended, .reinstated or .revoked: the badge's new status, never why."""
    event_type = WebhookEvent(event_type).value

    def payload(badge, version, now):
        if version == 1:
            return {"event": event_type,
                    "badge": {"id": badge.pk, "number": badge.number, "status": badge.status,
                              "application": badge.application_id},
                    "at": now.isoformat()}
        return {"version": version, "event": event_type,
                "badge": {"id": badge.pk, "number": badge.number, "status": badge.status,
                          "application": badge.application.reference},
                "at": api_time(now, badge.event)}

    return _fan_out(event_type, badge, payload)


def delivery_attempt(*, delivery_id, final=False):
    """One POST of a delivery. Returns True when delivered (or already delivered); raises
    DeliveryFailed for the task to retry, unless this was the last attempt, which marks the
    delivery failed."""
    delivery = Delivery.objects.select_related("webhook__api_key").filter(pk=delivery_id).first()
    if delivery is None:
        return False  # its webhook was deleted meanwhile
    if delivery.status != DeliveryStatus.PENDING:
        return delivery.status == DeliveryStatus.DELIVERED
    if not _claim_attempt(delivery):
        return False  # another copy of the message is posting it, or has just posted it
    hook = delivery.webhook
    if not (hook.active and hook.api_key.is_active):
        # Revoked or switched off after the event was queued: nothing more leaves for it.
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.FAILED, last_attempt_at=timezone.now(),
            error=(_("The webhook is switched off.") if not hook.active
                   else _("The webhook's API key is revoked.")))
        return False
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    try:
        # Resolved and judged again at each attempt (the name may answer elsewhere since
        # registration), and connected to at the addresses judged.
        addresses = webhook_network.destination(hook.url)
    except webhook_network.Refused as refused:
        return _record_attempt(delivery, None, str(refused), final=final)
    headers = {"Content-Type": "application/json", "User-Agent": "Accord-Webhooks/1",
               SIGNATURE_HEADER: sign(hook.secret, body),
               "Accord-Delivery": str(delivery.pk), "Accord-Event": delivery.event}
    status, error = webhook_network.post(hook.url, addresses, body=body, headers=headers,
                                         timeout=TIMEOUT_SECONDS)
    return _record_attempt(delivery, status, error, final=final)


def _claim_attempt(delivery):
    """Take the delivery's next attempt, in one conditional UPDATE: a second copy of the task
    (the resend sweep's copy of a publish that did reach the broker, a redelivery) finds it
    taken while the first posts, or its attempt already counted, and posts nothing."""
    now = timezone.now()
    return Delivery.objects.filter(
        Q(attempt_started_at__isnull=True) | Q(attempt_started_at__lt=now - ATTEMPT_CLAIM),
        pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=delivery.attempts,
    ).update(attempt_started_at=now) == 1


def _record_attempt(delivery, status, error, *, final):
    now = timezone.now()
    ok = status is not None and 200 <= status < 300
    new_status = (DeliveryStatus.DELIVERED if ok
                  else DeliveryStatus.FAILED if final else DeliveryStatus.PENDING)
    Delivery.objects.filter(pk=delivery.pk).update(
        attempts=delivery.attempts + 1, response_status=status, error=error,
        last_attempt_at=now, status=new_status, delivered_at=now if ok else None,
        attempt_started_at=None)
    if not ok and not final:
        raise DeliveryFailed(error or f"HTTP {status}")
    return ok


# Subscriptions: an API key registers, changes and deletes its own webhooks.

_http_url = URLValidator(schemes=["http", "https"],
                         message=gettext_lazy("Give an http:// or https:// address."))


def _clean_url(url):
    url = (url or "").strip()
    if not url:
        raise ValidationError({"url": [_("Give the address to post the events to.")]})
    if len(url) > Webhook._meta.get_field("url").max_length:
        raise ValidationError({"url": [_("The address is too long (500 characters at most).")]})
    try:
        _http_url(url)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from None
    try:
        webhook_network.destination(url)
    except webhook_network.Refused as refused:
        raise ValidationError({"url": [str(refused)]}) from None
    return url


@transaction.atomic
def webhook_register(*, api_key, url, events, payload_version=LATEST_PAYLOAD_VERSION):
    """A new subscription of `api_key`. Its signing secret is on the returned webhook: the
    API shows it in this answer only."""
    return Webhook.objects.create(api_key=api_key, url=_clean_url(url),
                                  events=clean_events(events),
                                  payload_version=_clean_version(payload_version))


def _clean_version(version):
    if version not in PAYLOAD_VERSIONS:
        raise ValidationError({"payload_version": [
            _("Choose one of: %(known)s.") % {"known": ", ".join(map(str, PAYLOAD_VERSIONS))}]})
    return version


@transaction.atomic
def webhook_update(*, webhook, url=None, events=None, active=None, payload_version=None):
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    if url is not None:
        webhook.url = _clean_url(url)
    if events is not None:
        webhook.events = clean_events(events)
    if active is not None:
        webhook.active = active
    if payload_version is not None:
        webhook.payload_version = _clean_version(payload_version)
    webhook.save(update_fields=["url", "events", "active", "payload_version"])
    return webhook


@transaction.atomic
def webhook_delete(*, webhook):
    """Gone with its delivery log; deliveries still queued find nothing and stop."""
    Webhook.objects.filter(pk=webhook.pk).delete()
