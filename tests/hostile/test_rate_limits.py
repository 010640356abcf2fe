"""Rate limits: the public forms per client address, the API per key (and per address for
session requests). The request past the limit gets 429 with Retry-After, in the API's JSON
error shape or as a page; other addresses and keys go on; the window ends; a scan key has
a far higher limit than the others. An IPv6 client is its /64."""

import time
import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accreditation.applications.models.applications import Application
from accreditation.badges import codes
from accreditation.gates.models import Scan
from logistics.core.enums import Role
from logistics.side_events.models import SideEventProposal
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.plan import user_with_role

# An event on now, a collected press badge and the press centre's door.
_fresh_gates, event, badge = gates._fresh_gates, gates.event, gates.badge
press_gate = gates.press_gate

FORMS = ["/apply/media/", "/apply/status/", "/apply/correct/no-such-link/",
         "/register/no-such-link/", "/register/no-such-link/bilaterals/",
         "/side-events/propose/", "/side-events/confirm/no-such-link/"]
FEEDS = ["/public/programme.ics", "/public/programme/delegation/no-such-link.ics"]


@pytest.fixture
def limits(settings):
    """Low limits: 3 posts of a form, 4 reads of a feed, per address; 3 API calls per key
    or address, 8 per scan key."""

    def set_limits(form="3/h", feed="4/h", key="3/h", scan="8/h", address="3/h"):
        settings.PUBLIC_RATE_LIMITS = {"form": form, "feed": feed}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
            "key": key, "scan": scan, "address": address}}

    set_limits()
    return set_limits


def _fresh_window(seconds=1):
    """Wait for the start of a window of `seconds`, so that a test's requests share one."""
    time.sleep(seconds - time.time() % seconds + 0.02)


@pytest.mark.parametrize("url", FORMS)
def test_a_public_form_refuses_the_post_past_the_limit_with_a_page_and_retry_after(
        client, event, cats, url, limits):
    for _ in range(3):
        assert client.post(url, {"email": "x@example.org"}).status_code != 429
    response = client.post(url, {"email": "x@example.org"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many requests" in response.content.decode()
    assert "sent too often from your address" in response.content.decode()
    # Reading the form is not counted; another address posts as before.
    assert client.get(url).status_code != 429
    assert Client(REMOTE_ADDR="192.0.2.7").post(url, {}).status_code != 429


def test_a_refused_post_writes_nothing(client, event, cats, limits):
    limits(form="0/h")
    response = client.post("/side-events/propose/", {"title": "Electronic evidence"})
    assert response.status_code == 429
    assert not SideEventProposal.objects.exists()
    assert client.post("/apply/media/", {"family_name": "Nguyễn"}).status_code == 429
    assert not Application.objects.exists()


def test_the_page_is_in_the_readers_language(client, event, limits):
    limits(form="0/h")
    response = client.post("/apply/status/", {}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 429
    assert response["Content-Language"] == "ar"
    assert 'dir="rtl"' in response.content.decode()


def test_each_form_counts_on_its_own(client, event, cats, limits):
    for _ in range(3):
        client.post("/apply/status/", {})
    assert client.post("/apply/status/", {}).status_code == 429
    assert client.post("/side-events/propose/", {}).status_code != 429


@pytest.mark.parametrize("url", FEEDS)
def test_the_ical_feeds_are_limited_per_address(client, event, url, limits):
    for _ in range(4):
        assert client.get(url).status_code != 429
    response = client.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Client(REMOTE_ADDR="192.0.2.7").get(url).status_code != 429


def test_the_window_ends_and_the_form_is_open_again(client, event, limits):
    limits(form="2/s")
    _fresh_window()
    assert [client.post("/apply/status/", {}).status_code for _ in range(3)][-1] == 429
    _fresh_window()
    assert client.post("/apply/status/", {}).status_code != 429


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(client, event, limits, settings):
    for number in range(3):
        client.post("/apply/status/", {}, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    # Sending another X-Forwarded-For each time does not escape the limit.
    assert client.post("/apply/status/", {}, HTTP_X_FORWARDED_FOR="198.51.100.9"
                       ).status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    # Behind one proxy of ours, the address it saw (the last entry) is the client's; what
    # the client wrote in front of it is not believed.
    behind = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(3):
        assert behind.post("/apply/status/", {}, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5"
                           ).status_code != 429
    assert behind.post("/apply/status/", {}, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5"
                       ).status_code == 429
    assert behind.post("/apply/status/", {}, HTTP_X_FORWARDED_FOR="203.0.113.6"
                       ).status_code != 429


# The API


def test_an_api_key_past_its_limit_gets_429_in_the_error_shape(key_client, event, limits):
    reader, other = key_client("read"), key_client("read", name="another integration")
    for _ in range(3):
        assert reader.get("/api/v1/tasks/").status_code == 200
    response = reader.get("/api/v1/tasks/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert "throttled" in error["message"] or "seconds" in error["message"]
    # Another key, even from the same address, is not held back.
    assert other.get("/api/v1/tasks/").status_code == 200


def test_a_session_is_limited_per_address(event, limits):
    secretariat = user_with_role(Role.SECRETARIAT, username="secretariat")
    here, elsewhere = APIClient(REMOTE_ADDR="192.0.2.1"), APIClient(REMOTE_ADDR="192.0.2.2")
    here.force_login(secretariat)
    elsewhere.force_login(secretariat)
    for _ in range(3):
        assert here.get("/api/v1/tasks/").status_code == 200
    assert here.get("/api/v1/tasks/").status_code == 429
    assert elsewhere.get("/api/v1/tasks/").status_code == 200


def test_the_api_window_ends(key_client, event, limits):
    limits(key="2/s")
    reader = key_client("read")
    _fresh_window()
    assert [reader.get("/api/v1/tasks/").status_code for _ in range(3)] == [200, 200, 429]
    _fresh_window()
    assert reader.get("/api/v1/tasks/").status_code == 200


def _scan(client, badge, gate):
    return client.post("/api/v1/scans/", {
        "code": codes.encode(badge), "checkpoint": gate.pk, "client_scan_id": str(uuid.uuid4()),
        "scanned_at": timezone.now().isoformat()}, format="json")


def test_a_scan_key_has_its_own_higher_limit(key_client, badge, press_gate, limits):
    scanner, reader = key_client("scan"), key_client("read")
    answers = [_scan(scanner, badge, press_gate) for _ in range(8)]
    assert [a.status_code for a in answers] == [200] * 8
    assert [a.json()["result"] for a in answers] == ["allow"] * 8
    refused = _scan(scanner, badge, press_gate)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert Scan.objects.count() == 8  # the refused scan is not recorded
    for _ in range(3):
        assert reader.get("/api/v1/tasks/").status_code == 200
    assert reader.get("/api/v1/tasks/").status_code == 429
    # Another gate's key goes on scanning.
    assert _scan(key_client("scan", name="north gate"), badge, press_gate).status_code == 200


def test_default_scan_rate_is_far_above_the_others():
    from config.settings import REST_FRAMEWORK
    from config.throttling import parse_rate

    rates = REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    scan, key = parse_rate(rates["scan"]), parse_rate(rates["key"])
    assert scan[0] / scan[1] >= 500  # per second: a gate's morning rush, with room
    assert scan[0] / scan[1] >= 20 * key[0] / key[1]


def test_a_gate_operators_session_scans_at_the_scan_rate(badge, press_gate, limits):
    operator = APIClient(REMOTE_ADDR="10.1.1.1")
    operator.force_login(user_with_role(Role.GATE, username="lane-3"))
    assert [_scan(operator, badge, press_gate).status_code for _ in range(8)] == [200] * 8
    assert _scan(operator, badge, press_gate).status_code == 429
    # Its other API calls count at the address rate, apart.
    assert operator.get("/api/v1/scans/offline-kit/").status_code == 200


# IPv6: one host or home line holds a whole /64, so its addresses count as one client.

NETWORK = [f"2001:db8:7:7::{n:x}" for n in range(1, 6)]
NEIGHBOUR = "2001:db8:7:8::1"  # the next /64: another client


def _form(url):
    return lambda address: Client(REMOTE_ADDR=address).post(url, {})


def _feed(url):
    return lambda address: Client(REMOTE_ADDR=address).get(url)


def _api_session(address):
    secretariat = (User.objects.filter(username="secretariat").first()
                   or user_with_role(Role.SECRETARIAT, username="secretariat"))
    session = APIClient(REMOTE_ADDR=address)
    session.force_login(secretariat)
    return session.get("/api/v1/tasks/")


# Every limit counted per client: (the request, how many pass).
PER_CLIENT = {**{f"form {url}": (_form(url), 3) for url in FORMS},
              **{f"feed {url}": (_feed(url), 4) for url in FEEDS},
              "API session": (_api_session, 3)}


@pytest.mark.parametrize("limit", PER_CLIENT)
def test_every_per_client_limit_counts_an_ipv6_network_as_one_client(event, cats, limits,
                                                                     limit):
    send, allowed = PER_CLIENT[limit]
    answers = [send(address).status_code for address in NETWORK[:allowed + 1]]
    assert [answer == 429 for answer in answers] == [False] * allowed + [True]
    assert send(NEIGHBOUR).status_code != 429
