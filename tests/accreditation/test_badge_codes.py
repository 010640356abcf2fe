"""One code per badge: the signature's twin (r, n − s) is refused, every code names the key
that signed it, a key can be retired without reprinting, and a badge printed before key ids
opens with the one form of its code that the gates saw first."""

import base64
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone
from rest_framework.test import APIClient

from accreditation import codes
from accreditation.models import Badge
from accreditation.services import api_key_create
from tests.factories.accreditation import collected_badge, journalist

from . import gate_fixtures as gates
from .code_forms import high_s, kid, old_code, pem, spki, twin, unb64

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


def scan(scanner, code, gate):
    response = scanner.post(URL, {"code": code, "checkpoint": gate.pk,
                                  "client_scan_id": str(uuid.uuid4()),
                                  "scanned_at": timezone.now().isoformat()}, format="json")
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
def test_an_old_code_opens_in_the_form_first_scanned_only(scanner, event, press_gate,
                                                          first_high):
    printed = collected_badge(journalist(event))
    seen_first = old_code(printed, high=first_high)
    other_form = twin(seen_first)
    assert scan(scanner, seen_first, press_gate) == ("allow", "")
    assert scan(scanner, other_form, press_gate) == ("deny", "forged")
    assert scan(scanner, seen_first, press_gate) == ("allow", "")
    assert Badge.objects.get(pk=printed.pk).old_code_high_s is first_high
    kit = scanner.get(KIT_URL, {"checkpoint": press_gate.pk}).json()
    assert kit["old_codes"] == ({"low_s": [], "high_s": [printed.pk]} if first_high
                                else {"low_s": [printed.pk], "high_s": []})
    # Its new code (ACC2) opens as well: the rule holds the old format only.
    assert scan(scanner, codes.encode(printed), press_gate) == ("allow", "")


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
