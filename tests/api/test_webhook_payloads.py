"""Every webhook event's payload names things as the API does and gives times as the API does,
so that a subscriber can look up what it is told: a walk through every event type, each
payload's ids looked up through the API. Webhooks of the old shape keep it until changed."""

import re
from datetime import datetime

import pytest

from accreditation.badges.services.badges import badge_issue, badge_reinstate, badge_revoke
from accreditation.enums import WebhookEvent
from accreditation.integrations.api.views import PAYLOAD_EXAMPLES
from accreditation.integrations.models import Delivery, Webhook
from accreditation.integrations.services.webhooks import webhook_register
from accreditation.vetting.services.decisions import application_vet
from tests.factories.accreditation import approved, journalist

URL = "/api/v1/webhooks/"
EVERY_EVENT = list(WebhookEvent.values)
# As DRF writes a date-time: ISO 8601 with the zone's offset ("Z" for UTC).
API_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


@pytest.fixture
def walked(writer, event, cats, outlet, officer, vetter):
    """A webhook of this version (registered through the API) and one of the old shape
    (as the migration leaves those registered before), then every event once."""
    response = writer.post(URL, {"url": "https://hooks.example.org/accord",
                                 "events": EVERY_EVENT}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["payload_version"] == 2
    current = Webhook.objects.get(pk=response.json()["id"])
    old = webhook_register(api_key=writer.key, url="https://old.example.org/accord",
                           events=EVERY_EVENT, payload_version=1)
    application = approved(journalist(event, outlet=outlet), vetter=vetter)
    badge = badge_issue(application_id=application.pk)
    application_vet(application=application, by=vetter, cleared=False, reason="A doubt.")
    application_vet(application=application, by=vetter, cleared=True)
    badge_reinstate(badge=badge, by=officer)
    badge_revoke(badge=badge, by=officer, reason="Lent to someone else.")
    return current, old, application, badge


def deliveries(hook):
    return list(Delivery.objects.filter(webhook=hook).order_by("pk"))


def test_every_event_names_what_the_api_looks_up_with_its_times(writer, event, walked):
    current, _, application, badge = walked
    sent = deliveries(current)
    assert {delivery.event for delivery in sent} == set(EVERY_EVENT)
    for delivery in sent:
        payload = delivery.payload
        assert (payload["version"], payload["event"]) == (2, delivery.event)
        if "application" in payload:
            reference = payload["application"]["reference"]
            found = writer.get(f"/api/v1/applications/{reference}/")
            assert found.status_code == 200, (delivery.event, reference)
            assert found.json()["status"] in {payload["application"]["status"], "approved"}
            api_time = found.json()["updated_at"]
        if "badge" in payload:
            shown = writer.get(f"/api/v1/badges/{payload['badge']['id']}/")
            assert shown.status_code == 200, delivery.event
            # The badge's application, by the identifier the applications route takes.
            reference = payload["badge"]["application"]
            assert shown.json()["application"] == reference
            assert writer.get(f"/api/v1/applications/{reference}/").status_code == 200
            assert payload["badge"]["number"] == shown.json()["number"]
            api_time = shown.json()["updated_at"]
        # The API's time format, in the event's zone: the same offset as the API's own times.
        assert API_TIME.match(payload["at"]), payload["at"]
        at = datetime.fromisoformat(payload["at"])
        assert at.utcoffset() == datetime.fromisoformat(api_time).utcoffset() \
            == at.astimezone(event.tz).utcoffset(), (delivery.event, payload["at"], api_time)


def test_each_documented_example_has_the_shape_sent(walked):
    current, *_ = walked

    def shape(value):
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        return type(value).__name__

    sent = {delivery.event: delivery.payload for delivery in deliveries(current)}
    assert set(PAYLOAD_EXAMPLES) == set(EVERY_EVENT)
    for event_type, example in PAYLOAD_EXAMPLES.items():
        assert shape(example) == shape(sent[event_type]), event_type
        assert API_TIME.match(example["at"])


def test_webhooks_of_the_old_shape_keep_it(walked):
    _, old, application, badge = walked
    sent = deliveries(old)
    assert {delivery.event for delivery in sent} == set(EVERY_EVENT)
    for delivery in sent:
        assert "version" not in delivery.payload
        assert delivery.payload["at"].endswith("+00:00")
        if "badge" in delivery.payload:
            assert delivery.payload["badge"]["application"] == application.pk
        else:
            assert delivery.payload["application"]["id"] == application.pk


@pytest.mark.parametrize(("version", "expected"), [
    (1, 201), (2, 201), (3, 400), (0, 400), ("two", 400), (None, 400)])
def test_a_webhook_chooses_its_payload_version(writer, version, expected):
    response = writer.post(URL, {"url": "https://hooks.example.org/accord",
                                 "events": EVERY_EVENT, "payload_version": version},
                           format="json")
    assert response.status_code == expected, response.content
    if expected == 201:
        assert Webhook.objects.get(pk=response.json()["id"]).payload_version == version
    else:
        assert "payload_version" in response.json()["error"]["fields"]


def test_a_subscriber_of_the_old_shape_moves_on(writer):
    old = webhook_register(api_key=writer.key, url="https://old.example.org/accord",
                           events=EVERY_EVENT, payload_version=1)
    assert writer.get(f"{URL}{old.pk}/").json()["payload_version"] == 1
    response = writer.patch(f"{URL}{old.pk}/", {"payload_version": 2}, format="json")
    assert response.status_code == 200, response.content
    assert Webhook.objects.get(pk=old.pk).payload_version == 2
    assert writer.patch(f"{URL}{old.pk}/", {"payload_version": 9},
                        format="json").status_code == 400
    assert Webhook.objects.get(pk=old.pk).payload_version == 2
