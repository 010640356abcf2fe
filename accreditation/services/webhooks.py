"""Webhooks: an outbox. The change and its Delivery rows are written in one transaction; after
commit, Celery posts each delivery, signed, and retries with backoff until the subscriber
answers 2xx or the attempts run out. Every attempt's outcome is on the Delivery row, which
the subscriber can read through the API.

Signature (documented for subscribers): header `Accord-Signature: t=<unix time>,
v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`. A subscriber recomputes it
and refuses a time more than five minutes old (a replay).
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.enums import DeliveryStatus, WebhookEvent
from accreditation.models import Delivery, Webhook

SIGNATURE_HEADER = "Accord-Signature"
TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 8  # with the task's backoff: about four hours of a subscriber being down


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


def _fan_out(event_type, payload):
    hooks = [hook for hook in Webhook.objects.filter(active=True, api_key__revoked_at=None)
             if event_type in hook.events]
    if not hooks:
        return []
    deliveries = Delivery.objects.bulk_create(
        [Delivery(webhook=hook, event=event_type, payload=payload) for hook in hooks])
    from accreditation.tasks import deliver_webhook

    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: [deliver_webhook.delay(pk) for pk in ids])
    return deliveries


def webhooks_notify_status(application, transition):
    return _fan_out(WebhookEvent.APPLICATION_STATUS, {
        "event": WebhookEvent.APPLICATION_STATUS.value,
        "application": {"id": application.pk, "reference": application.reference,
                        "status": transition.to_status,
                        "previous_status": transition.from_status or None},
        "at": timezone.now().isoformat(),
    })


def webhooks_notify_badge(badge, event_type):
    return _fan_out(event_type, {
        "event": event_type,
        "badge": {"id": badge.pk, "number": badge.number, "status": badge.status,
                  "application": badge.application_id},
        "at": timezone.now().isoformat(),
    })


def delivery_attempt(*, delivery_id, final=False):
    """One POST of a delivery. Returns True when delivered (or already delivered); raises
    DeliveryFailed for the task to retry, unless this was the last attempt, which marks the
    delivery failed."""
    delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    if delivery.status != DeliveryStatus.PENDING:
        return delivery.status == DeliveryStatus.DELIVERED
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    request = urllib.request.Request(delivery.webhook.url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "Accord-Webhooks/1",
        SIGNATURE_HEADER: sign(delivery.webhook.secret, body),
        "Accord-Delivery": str(delivery.pk), "Accord-Event": delivery.event})
    status, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as failure:
        status, error = failure.code, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError) as failure:
        error = str(getattr(failure, "reason", failure))[:500]
    now = timezone.now()
    ok = status is not None and 200 <= status < 300
    new_status = (DeliveryStatus.DELIVERED if ok
                  else DeliveryStatus.FAILED if final else DeliveryStatus.PENDING)
    Delivery.objects.filter(pk=delivery.pk).update(
        attempts=delivery.attempts + 1, response_status=status, error=error,
        last_attempt_at=now, status=new_status, delivered_at=now if ok else None)
    if not ok and not final:
        raise DeliveryFailed(error or f"HTTP {status}")
    return ok
