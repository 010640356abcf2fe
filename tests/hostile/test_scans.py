"""The scan decoder and POST /api/v1/scans/ given hostile input: any text, mutated valid
codes, wrong types in every field. decode() never raises and never accepts a code that was
changed; the endpoint never fails, refuses bad fields with the JSON error shape and then
records nothing."""

import json
import uuid

import pytest
from django.utils import timezone
from hypothesis import assume, example, given
from hypothesis import strategies as st

from accreditation.badges import codes
from accreditation.gates.models import Scan
from tests.accreditation.gates import gate_fixtures as gates
from tests.hostile.strategies import text_cell

# An event on now, a collected press badge and the press centre's door.
_fresh_gates, event, badge, press_gate = (gates._fresh_gates, gates.event, gates.badge,
                                          gates.press_gate)
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@st.composite
def mutations(draw, code):
    """A valid code changed: characters replaced, inserted or removed, cut, or its parts
    shuffled."""
    kind = draw(st.sampled_from(["replace", "insert", "delete", "cut", "parts", "case"]))
    index = draw(st.integers(min_value=0, max_value=len(code) - 1))
    if kind == "replace":
        return code[:index] + draw(st.sampled_from(B64 + ".~=+/ \x00é")) + code[index + 1:]
    if kind == "insert":
        return code[:index] + draw(st.text(min_size=1, max_size=4)) + code[index:]
    if kind == "delete":
        return code[:index] + code[index + 1:]
    if kind == "cut":
        return code[:index]
    if kind == "case":
        return code.swapcase()
    parts = code.split(".")
    return ".".join(draw(st.permutations(parts)) + draw(st.lists(st.sampled_from(parts),
                                                                 max_size=2)))


@given(text=st.one_of(text_cell(max_size=500), st.text(max_size=2000),
                      st.text(alphabet=B64 + ".~", max_size=500).map(lambda t: "ACC1." + t),
                      st.text(alphabet=B64 + ".~", max_size=500).map(lambda t: "ACC2." + t)))
@example(text="ACC1.." )
@example(text="ACC1.====.====")
@example(text="ACC1." + "A" * 395)
@example(text="ACC2...")
def test_decode_never_raises_on_any_text(text):
    assert codes.decode(text) is None or codes.looks_like_ours(text.strip())


@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=50),
                       st.lists(st.text(max_size=5), max_size=3),
                       st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3)))
def test_decode_never_raises_on_other_types(value):
    assert codes.decode(value) is None


@given(data=st.data())
def test_a_changed_code_is_never_accepted_as_another(badge, data):
    code = codes.encode(badge)
    original = codes.decode(code)
    changed = data.draw(mutations(code))
    assume(changed != code)
    decoded = codes.decode(changed)
    # One code per badge: no other text reads as it (not even base64's unused low bits, or
    # the signature's twin); spaces around it are the scanner's, not the code's.
    assert decoded is None or (changed.strip() == code and decoded == original)


def _scan_body(badge, gate):
    return {"code": codes.encode(badge), "checkpoint": gate.pk,
            "client_scan_id": str(uuid.uuid4()), "scanned_at": timezone.now().isoformat(),
            "direction": "in", "offline": False}


hostile_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
              st.floats(allow_nan=False), text_cell(max_size=200)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=6)


@pytest.fixture
def scanner(key_client):
    return key_client("scan", name="north gate")


@given(data=st.data())
def test_scan_endpoint_refuses_hostile_fields_and_records_nothing(scanner, badge, press_gate,
                                                                  data):
    body = _scan_body(badge, press_gate)
    for name in data.draw(st.lists(st.sampled_from(sorted(body)), unique=True, min_size=1)):
        if data.draw(st.booleans()):
            body.pop(name)
        else:
            body[name] = data.draw(st.one_of(hostile_json, mutations(body["code"]))
                                   if name == "code" else hostile_json)
    before = Scan.objects.count()
    response = scanner.post("/api/v1/scans/", body, format="json")
    assert response.status_code in (200, 400), response.content
    answer = response.json()
    if response.status_code == 400:
        assert set(answer) == {"error"} and answer["error"]["code"] in (
            "invalid", "unknown_checkpoint", "parse_error")
        assert answer["error"]["message"]
        assert Scan.objects.count() == before
    else:
        assert answer["result"] in ("allow", "deny")
        assert Scan.objects.count() in (before, before + 1)


@given(body=st.one_of(st.binary(max_size=300), hostile_json.map(json.dumps).map(str.encode),
                      st.just(b"{"), st.just(b"\xff\xfe{}"), st.just(b"[]"), st.just(b"null")),
       content_type=st.sampled_from(["application/json", "text/plain",
                                     "application/x-www-form-urlencoded",
                                     "multipart/form-data; boundary=x", "application/json; "
                                     "charset=latin-1"]))
def test_scan_endpoint_answers_any_body_in_the_error_shape(scanner, press_gate, body,
                                                           content_type):
    before = Scan.objects.count()
    response = scanner.generic("POST", "/api/v1/scans/", body, content_type=content_type)
    assert response.status_code in (400, 415), response.content
    assert response.json()["error"]["message"]
    assert Scan.objects.count() == before
