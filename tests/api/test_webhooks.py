"""Webhooks: a key registers its URL and events, sees only its own, and gets signed
deliveries, retried until the subscriber takes them, all in a log it can read. The
subscriber here is a real HTTP server on 127.0.0.1."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from accreditation.applications.services.applications import application_reject
from accreditation.enums import DeliveryStatus
from accreditation.integrations.models import Delivery, Webhook
from accreditation.integrations.services.webhooks import (
    ATTEMPT_CLAIM,
    MAX_ATTEMPTS,
    DeliveryFailed,
    delivery_attempt,
    verify,
    webhook_register,
)
from accreditation.keys.services import api_key_revoke
from tests.api.test_webhook_network import NOT_PUBLIC
from tests.factories.accreditation import journalist

URL = "/api/v1/webhooks/"
STATUS = "application.status_changed"


def register(client, url, events=(STATUS,)):
    response = client.post(URL, {"url": url, "events": list(events)}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


# Registration and who sees what


def test_register_returns_the_secret_once(reader):
    body = register(reader, "https://registration.example.org/accord",
                    [STATUS, "badge.issued"])
    assert body["secret"].startswith("whsec_")
    assert (body["url"], body["events"], body["active"]) == (
        "https://registration.example.org/accord", [STATUS, "badge.issued"], True)
    hook = Webhook.objects.get(pk=body["id"])
    assert (hook.api_key, hook.secret) == (reader.key, body["secret"])
    listed = reader.get(URL).json()["results"]
    assert [row["id"] for row in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in reader.get(f"{URL}{body['id']}/").json()


@pytest.mark.parametrize(("payload", "field"), [
    ({"url": "ftp://files.example.org/in", "events": [STATUS]}, "url"),
    ({"url": "javascript:alert(1)", "events": [STATUS]}, "url"),
    ({"url": "registration.example.org/accord", "events": [STATUS]}, "url"),
    ({"url": "", "events": [STATUS]}, "url"),
    ({"url": "https://example.org/" + "a" * 500, "events": [STATUS]}, "url"),
    ({"url": "https://example.org/hook", "events": []}, "events"),
    ({"url": "https://example.org/hook", "events": ["application.deleted"]}, "events"),
    ({"url": "https://example.org/hook"}, "events"),
])
def test_register_refuses_bad_input(reader, payload, field):
    response = reader.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Webhook.objects.exists()


def test_another_keys_webhooks_are_not_found(reader, key_client):
    mine = register(reader, "https://a.example.org/hook")
    other = key_client("accreditation:write", name="other system")
    assert other.get(URL).json()["results"] == []
    for method, path in [("get", f"{URL}{mine['id']}/"), ("patch", f"{URL}{mine['id']}/"),
                         ("delete", f"{URL}{mine['id']}/"),
                         ("get", f"{URL}{mine['id']}/deliveries/")]:
        response = getattr(other, method)(path, {"active": False}, format="json")
        assert response.status_code == 404, (method, path)
    assert Webhook.objects.get(pk=mine["id"]).active


def test_only_keys_with_an_accreditation_scope_have_webhooks(key_client, login, officer):
    for client in (key_client("scan"), key_client("read", "write"), login(officer)):
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"url": "https://x.example.org", "events": [STATUS]},
                           format="json").status_code == 403
    assert not Webhook.objects.exists()


def test_change_and_delete(reader):
    hook = register(reader, "https://a.example.org/hook")
    response = reader.patch(f"{URL}{hook['id']}/", {"url": "https://b.example.org/hook",
                                                    "events": ["badge.revoked"]},
                            format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["url"], response.json()["events"]) == (
        "https://b.example.org/hook", ["badge.revoked"])
    bad = reader.patch(f"{URL}{hook['id']}/", {"url": "gopher://x"}, format="json")
    assert bad.status_code == 400
    assert reader.delete(f"{URL}{hook['id']}/").status_code == 204
    assert not Webhook.objects.exists()


# Deliveries to a real subscriber


def test_delivery_is_signed_and_verifiable(writer, event, cats, outlet, subscriber,
                                           celery_eager, django_capture_on_commit_callbacks):
    hook = register(writer, subscriber.url)
    application = journalist(event, outlet=outlet)
    with django_capture_on_commit_callbacks(execute=True):
        application_reject(application=application, by=None, reason="No letter.")
    [(headers, body)] = subscriber.received
    assert json.loads(body) == {
        "version": 2, "event": STATUS, "at": json.loads(body)["at"],
        "application": {"reference": application.reference,
                        "status": "rejected", "previous_status": "submitted"}}
    assert headers["content-type"] == "application/json"
    assert headers["accord-event"] == STATUS
    signature = headers["accord-signature"]
    assert verify(hook["secret"], body, signature)
    assert not verify(hook["secret"], body, signature, now=time.time() + 301)
    assert not verify(hook["secret"], body.replace(b"rejected", b"approved"), signature)
    assert not verify("whsec_someone-else", body, signature)
    assert not verify(hook["secret"], body, "t=notanumber,v1=00")
    delivery = Delivery.objects.get(webhook_id=hook["id"], payload__application__status="rejected")
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.DELIVERED, 1, 200)


def test_a_failed_attempt_is_retried_until_delivered(writer, event, cats, outlet, subscriber):
    register(writer, subscriber.url)
    application = journalist(event, outlet=outlet)
    delivery = Delivery.objects.get(payload__application__reference=application.reference)
    subscriber.answers = [500]
    with pytest.raises(DeliveryFailed):
        delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status, delivery.error) == (
        DeliveryStatus.PENDING, 1, 500, "HTTP 500")
    assert delivery_attempt(delivery_id=delivery.pk) is True
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status, delivery.error) == (
        DeliveryStatus.DELIVERED, 2, 200, "")
    assert delivery.delivered_at is not None
    assert len(subscriber.received) == 2
    # Delivered once is delivered: a redelivered task posts nothing more.
    assert delivery_attempt(delivery_id=delivery.pk) is True
    assert len(subscriber.received) == 2


def test_a_second_copy_posts_nothing_while_the_first_is_posting(writer, event, cats, outlet,
                                                                 subscriber):
    register(writer, subscriber.url)
    application = journalist(event, outlet=outlet)
    delivery = Delivery.objects.get(payload__application__reference=application.reference)
    # The first copy of the message has claimed its attempt and is posting it.
    Delivery.objects.filter(pk=delivery.pk).update(attempt_started_at=timezone.now())
    assert delivery_attempt(delivery_id=delivery.pk) is False
    assert subscriber.received == []
    # A claim left by a worker that died mid-post lapses: the redelivered message posts.
    Delivery.objects.filter(pk=delivery.pk).update(
        attempt_started_at=timezone.now() - ATTEMPT_CLAIM - timedelta(seconds=1))
    assert delivery_attempt(delivery_id=delivery.pk) is True
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.attempt_started_at) == (
        DeliveryStatus.DELIVERED, 1, None)
    assert len(subscriber.received) == 1


def test_the_task_retries_through_celery(writer, event, cats, outlet, subscriber,
                                         celery_retrying, django_capture_on_commit_callbacks):
    register(writer, subscriber.url)
    subscriber.answers = [500, 503]
    with django_capture_on_commit_callbacks(execute=True):
        application = journalist(event, outlet=outlet)
    delivery = Delivery.objects.get(payload__application__reference=application.reference)
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.DELIVERED, 3, 200)
    assert len(subscriber.received) == 3


def test_the_last_attempt_marks_it_failed(writer, event, cats, outlet, subscriber,
                                          celery_retrying, django_capture_on_commit_callbacks):
    register(writer, subscriber.url)
    subscriber.answers = [500] * MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        application = journalist(event, outlet=outlet)
    delivery = Delivery.objects.get(payload__application__reference=application.reference)
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.FAILED, MAX_ATTEMPTS, 500)
    assert len(subscriber.received) == MAX_ATTEMPTS


def test_final_attempt_called_directly(writer, event, cats, outlet):
    register(writer, "http://127.0.0.1:9/closed")  # nothing listens there
    application = journalist(event, outlet=outlet)
    delivery = Delivery.objects.get(payload__application__reference=application.reference)
    assert delivery_attempt(delivery_id=delivery.pk, final=True) is False
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.FAILED, 1, None)
    assert delivery.error


def test_a_revoked_keys_webhooks_get_nothing(writer, event, cats, outlet, subscriber):
    register(writer, subscriber.url)
    application = journalist(event, outlet=outlet)
    queued = Delivery.objects.get()
    api_key_revoke(key=writer.key)
    application_reject(application=application, by=None, reason="No letter.")
    assert Delivery.objects.count() == 1  # the rejection was not sent to a revoked key
    assert delivery_attempt(delivery_id=queued.pk) is False
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.FAILED
    assert "revoked" in queued.error
    assert subscriber.received == []


def test_a_switched_off_webhook_gets_nothing(writer, event, cats, outlet, subscriber):
    hook = register(writer, subscriber.url)
    application = journalist(event, outlet=outlet)
    queued = Delivery.objects.get()
    writer.patch(f"{URL}{hook['id']}/", {"active": False}, format="json")
    application_reject(application=application, by=None, reason="No letter.")
    assert Delivery.objects.count() == 1
    assert delivery_attempt(delivery_id=queued.pk) is False
    assert subscriber.received == []


def test_only_the_events_asked_for(writer, event, cats, outlet):
    webhook_register(api_key=writer.key, url="https://gates.example.org/hook",
                     events=["badge.revoked"])
    journalist(event, outlet=outlet)
    assert not Delivery.objects.exists()


# The log


def test_delivery_log(writer, event, cats, outlet, subscriber):
    hook = register(writer, subscriber.url)
    application = journalist(event, outlet=outlet)
    delivery = Delivery.objects.get()
    subscriber.answers = [500]
    with pytest.raises(DeliveryFailed):
        delivery_attempt(delivery_id=delivery.pk)
    response = writer.get(f"{URL}{hook['id']}/deliveries/")
    assert response.status_code == 200, response.content
    [row] = response.json()["results"]
    assert (row["event"], row["status"], row["attempts"], row["response_status"],
            row["error"]) == (STATUS, "pending", 1, 500, "HTTP 500")
    assert row["payload"]["application"]["reference"] == application.reference
    assert row["last_attempt_at"] and row["delivered_at"] is None


def test_delivery_log_costs_the_same_queries_for_one_or_three_rows(writer, event, cats,
                                                                   outlet, same_query_count):
    hook = register(writer, "https://registration.example.org/hook")
    same_query_count(lambda: writer.get(f"{URL}{hook['id']}/deliveries/"),
                     lambda n: [journalist(event, outlet=outlet) for _ in range(n)])


def test_webhook_list_costs_the_same_queries_for_one_or_three_rows(reader, same_query_count):
    def add(n):
        for i in range(n):
            webhook_register(api_key=reader.key, url=f"https://example.org/hook/{i}",
                             events=[STATUS])

    same_query_count(lambda: reader.get(URL), add)


# Internal addresses: keys must not probe the committee's network through the deliveries.

INTERNAL = ["http://127.0.0.1:8000/hook", "http://10.0.0.5/hook", "http://192.168.1.20/hook",
            "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://0.0.0.0/"]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_are_refused_at_registration(reader, settings, url):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    response = reader.post("/api/v1/webhooks/", {"url": url, "events": [STATUS]},
                           format="json")
    assert response.status_code == 400, url
    assert response.json()["error"]["fields"]["url"] == [NOT_PUBLIC]
    assert not Webhook.objects.exists()


def test_a_public_address_is_accepted(reader, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    assert register(reader, "https://93.184.216.34/hook")["url"] == "https://93.184.216.34/hook"


def test_a_delivery_to_an_internal_address_is_not_sent(writer, event, cats, outlet,
                                                      subscriber, settings):
    hook = register(writer, subscriber.url)  # allowed then (a closed network's, say)
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    journalist(event, outlet=outlet)
    delivery = Delivery.objects.get(webhook_id=hook["id"])
    with pytest.raises(DeliveryFailed):
        delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert subscriber.received == []
    assert (delivery.error, delivery.attempts) == (NOT_PUBLIC, 1)
