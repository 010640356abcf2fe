"""One code per badge: the signature's twin (r, n − s) is refused, every code names the key
that signed it, and a key can be retired without reprinting. A badge printed before key ids
opens in either form of its code (no one can tell which was printed) up to the last day
BADGE_OLD_CODES_UNTIL gives, at the venue."""

import base64
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone
from rest_framework.test import APIClient

from accreditation.badges import codes
from accreditation.keys.services import api_key_create
from logistics.core.models.event import Event
from tests.accreditation.badges.code_forms import high_s, kid, old_code, pem, spki, twin, unb64
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.accreditation import collected_badge, journalist

_fresh_gates, event, badge = gates._fresh_gates, gates.event, gates.badge
press_gate = gates.press_gate

URL = "/api/v1/scans/"
KIT_URL = "/api/v1/scans/offline-kit/"
@pytest.fixture
def scanner(db):
    _key, raw = api_key_create(name="gate", scopes=["scan"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def scan(scanner, code, gate, *, offline_at=None):
    """(result, reason) of a scan now, or of one read offline at `offline_at`."""
    at = offline_at or timezone.now()
    response = scanner.post(URL, {"code": code, "checkpoint": gate.pk,
                                  "client_scan_id": str(uuid.uuid4()),
                                  "scanned_at": at.isoformat(),
                                  "offline": offline_at is not None}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["result"], response.json()["reason"]


@pytest.fixture
def keys(settings):
    """Sets the signing key and the previous public keys; the codes module reads them
    again each time."""

    def use(signing, previous=()):
        settings.BADGE_SIGNING_KEY = pem(signing)
        settings.BADGE_PREVIOUS_PUBLIC_KEYS = [base64.b64encode(spki(k.public_key())).decode()
                                              for k in previous]
        codes.forget_keys()

    yield use
    codes.forget_keys()


def test_a_badges_code_has_one_form_and_its_twin_is_refused(scanner, badge, press_gate):
    code = codes.encode(badge)
    assert codes.encode(badge) == code  # deterministic: the same text at every print
    assert not high_s(code)
    assert scan(scanner, twin(code), press_gate) == ("deny", "forged")
    assert scan(scanner, code, press_gate) == ("allow", "")


def test_a_new_badge_names_its_signing_key(badge, keys):
    signing = ec.generate_private_key(ec.SECP256R1())
    keys(signing)
    prefix, key_id, body, _signature = codes.encode(badge).split(".")
    assert (prefix, key_id) == ("ACC2", kid(signing.public_key()))
    assert unb64(body).decode().startswith(f"{badge.pk}~{badge.nonce}~")


def test_a_retired_key_verifies_while_it_is_listed(scanner, badge, press_gate, keys):
    first, second = (ec.generate_private_key(ec.SECP256R1()) for _ in range(2))
    keys(first)
    printed = codes.encode(badge)
    keys(second, previous=[first])
    assert codes.encode(badge).split(".")[1] == kid(second.public_key())
    assert scan(scanner, printed, press_gate) == ("allow", "")
    assert scan(scanner, twin(printed), press_gate) == ("deny", "forged")
    kit = scanner.get(KIT_URL, {"checkpoint": press_gate.pk}).json()
    assert kit["public_keys"] == {
        kid(key.public_key()): base64.b64encode(spki(key.public_key())).decode()
        for key in (second, first)}
    keys(second)  # the first key taken off the list: what it signed no longer opens
    assert scan(scanner, printed, press_gate) == ("deny", "forged")
    assert list(scanner.get(KIT_URL, {"checkpoint": press_gate.pk}).json()["public_keys"]) == [
        kid(second.public_key())]


@pytest.mark.parametrize("first_high", [False, True])
def test_an_old_code_opens_in_either_form_whichever_a_gate_sees_first(
        scanner, event, press_gate, first_high):
    """Someone who photographed an old badge shows its twin at a gate before the holder
    comes: the printed code still opens, and so does the twin (it opens nothing more)."""
    printed = collected_badge(journalist(event))
    seen_first = old_code(printed, high=first_high)
    for code in (seen_first, twin(seen_first), seen_first, twin(seen_first)):
        assert scan(scanner, code, press_gate) == ("allow", "")
    assert scanner.get(KIT_URL, {"checkpoint": press_gate.pk}).json()["old_codes_until"] is None
    assert scan(scanner, codes.encode(printed), press_gate) == ("allow", "")


def test_an_old_code_opens_up_to_its_last_day_at_the_venue(scanner, event, press_gate,
                                                           settings):
    """BADGE_OLD_CODES_UNTIL is the last day, at the venue, old codes open in either form;
    from the next they are refused as forged, and the badge's new code still opens. Read
    offline one second either side of the venue's midnight, in a time zone far from the
    server's and from UTC: the same day in both of those, not at the venue."""
    Event.objects.filter(pk=event.pk).update(time_zone="Pacific/Kiritimati")  # UTC+14
    printed = collected_badge(journalist(event))
    forms = [old_code(printed, high=False), old_code(printed, high=True)]
    venue = ZoneInfo("Pacific/Kiritimati")
    midnight = datetime.combine(timezone.localdate(timezone=venue), time(), tzinfo=venue)
    settings.BADGE_OLD_CODES_UNTIL = (midnight - timedelta(days=1)).date()
    answers = {when: [scan(scanner, code, press_gate, offline_at=at) for code in forms]
               for when, at in (("last day", midnight - timedelta(seconds=1)),
                                ("next day", midnight + timedelta(seconds=1)))}
    assert answers == {"last day": [("allow", "")] * 2, "next day": [("deny", "forged")] * 2}
    assert [scan(scanner, code, press_gate) for code in forms] == [("deny", "forged")] * 2
    assert scan(scanner, codes.encode(printed), press_gate) == ("allow", "")
    kit = scanner.get(KIT_URL, {"checkpoint": press_gate.pk}).json()
    assert (kit["old_codes_until"], kit["time_zone"]) == (
        f"{settings.BADGE_OLD_CODES_UNTIL:%Y-%m-%d}", "Pacific/Kiritimati")


def test_an_old_code_is_refused_once_its_key_is_retired(scanner, badge, press_gate, keys):
    first, second = (ec.generate_private_key(ec.SECP256R1()) for _ in range(2))
    keys(first)
    printed = old_code(badge, high=True)
    keys(second, previous=[first])
    assert scan(scanner, printed, press_gate) == ("allow", "")
    keys(second)
    assert scan(scanner, printed, press_gate) == ("deny", "forged")


def test_no_second_spelling_of_a_code(badge):
    code = codes.encode(badge)
    prefix, key_id, body, signature = code.split(".")
    # The signature's 64 bytes leave 4 bits of its last base64 character unused.
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    spelled = [signature[:-1] + c for c in last if c != signature[-1]
               and unb64(signature[:-1] + c) == unb64(signature)]
    assert spelled
    for other in [*spelled, signature + "=", signature + "=="]:
        assert codes.decode(f"{prefix}.{key_id}.{body}.{other}") is None
    assert codes.decode(code) is not None
