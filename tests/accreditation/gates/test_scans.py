"""The gate's decision for every reason, recorded once per client scan id."""

import pytest

from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import badge_mark_lost, badge_reissue, badge_revoke
from accreditation.enums import CheckpointMode, DenyReason, Direction, ScanResult
from accreditation.gates.models import Checkpoint, Scan
from accreditation.gates.services import scans
from accreditation.setup.models import Zone
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.accreditation import approved, journalist
from tests.factories.plan import EventFactory
from tests.races import race

at = gates.at
_fresh_gates, event, badge = gates._fresh_gates, gates.event, gates.badge
press_gate, plenary_gate = gates.press_gate, gates.plenary_gate


_ids = iter(range(1, 10**9))


def scan(code, gate, *, when=None, direction=None, client_scan_id=None, **kwargs):
    return scans.scan_record(code=code, checkpoint_id=gate.pk, scanned_at=when or at(gate.event),
                             direction=direction,
                             client_scan_id=client_scan_id or f"test-{next(_ids)}", **kwargs)


def test_collected_badge_opens_its_zone(badge, press_gate):
    answer = scan(codes.encode(badge), press_gate)
    assert (answer.result, answer.reason, answer.badge, answer.repeated) == (
        ScanResult.ALLOW, "", badge, False)
    stored = Scan.objects.get()
    assert (stored.badge, stored.result, stored.direction, stored.code_excerpt) == (
        badge, ScanResult.ALLOW, Direction.IN, "")


def test_scan_on_the_badges_first_and_last_day_is_allowed(badge, press_gate):
    assert scan(codes.encode(badge), press_gate, when=at(press_gate.event, -3, 7)).allowed
    assert scan(codes.encode(badge), press_gate, when=at(press_gate.event, 2, 23)).allowed


def test_unknown_code_is_denied_and_kept_as_an_excerpt(press_gate):
    answer = scan("http://example.org/not-a-badge", press_gate)
    assert (answer.result, answer.reason, answer.badge) == (
        ScanResult.DENY, DenyReason.UNKNOWN, None)
    assert Scan.objects.get().code_excerpt == "http://example.org/not-a-badge"


def test_tampered_body_is_refused_as_forged(badge, press_gate):
    prefix, kid, body, signature = codes.encode(badge).split(".")
    text = codes._unb64(body).decode().replace("2,5,6", "1,2,3,4,5,6")
    tampered = ".".join([prefix, kid, codes._b64(text.encode()), signature])
    answer = scan(tampered, press_gate)
    assert (answer.result, answer.reason, answer.badge) == (
        ScanResult.DENY, DenyReason.FORGED, None)


def test_code_signed_with_another_key_is_refused_as_forged(badge, press_gate, settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    other = ec.generate_private_key(ec.SECP256R1())
    settings.BADGE_SIGNING_KEY = other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    codes.forget_keys()
    try:
        forged = codes.encode(badge)
    finally:
        settings.BADGE_SIGNING_KEY = ""
        codes.forget_keys()
    assert scan(forged, press_gate).reason == DenyReason.FORGED


def test_signed_code_of_a_badge_that_does_not_exist_is_unknown(badge, press_gate):
    code = codes.encode(badge)
    Badge.objects.filter(pk=badge.pk).update(nonce="0123456789abcdef")
    assert scan(code, press_gate).reason == DenyReason.UNKNOWN


def test_badge_of_another_event_is_unknown(badge, cats):
    other = EventFactory(start_date=badge.event.start_date, end_date=badge.event.end_date)
    zone = Zone.objects.create(event=other, code="2", name="Press centre")
    gate = Checkpoint.objects.create(event=other, zone=zone, name="Other door")
    assert scan(codes.encode(badge), gate).reason == DenyReason.UNKNOWN


def test_revoked_badge_is_denied(badge, press_gate, officer):
    badge_revoke(badge=badge, by=officer, reason="Press card withdrawn by the outlet.")
    answer = scan(codes.encode(badge), press_gate)
    assert (answer.result, answer.reason, answer.badge) == (
        ScanResult.DENY, DenyReason.REVOKED, badge)


def test_lost_badge_is_denied(badge, press_gate, officer):
    badge_mark_lost(badge=badge, by=officer)
    assert scan(codes.encode(badge), press_gate).reason == DenyReason.LOST


def test_replaced_badge_is_denied_and_its_successor_needs_collecting(badge, press_gate,
                                                                       officer):
    new = badge_reissue(badge=badge, by=officer, reason="Photo damaged.")
    assert scan(codes.encode(badge), press_gate).reason == DenyReason.REPLACED
    assert scan(codes.encode(new), press_gate).reason == DenyReason.NOT_COLLECTED


def test_badge_not_yet_collected_is_denied(event, cats, press_gate):
    from accreditation.badges.services.badges import badge_issue

    fresh = badge_issue(application_id=approved(journalist(event)).pk)
    answer = scan(codes.encode(fresh), press_gate)
    assert (answer.result, answer.reason, answer.badge) == (
        ScanResult.DENY, DenyReason.NOT_COLLECTED, fresh)


def test_badge_is_denied_outside_its_zones(badge, plenary_gate):
    assert badge.zone_codes == "2,5,6"
    assert scan(codes.encode(badge), plenary_gate).reason == DenyReason.WRONG_ZONE


@pytest.mark.parametrize("when", [(-4, 23), (3, 0)])
def test_badge_is_denied_outside_its_dates(badge, press_gate, when):
    answer = scan(codes.encode(badge), press_gate, when=at(press_gate.event, *when))
    assert answer.reason == DenyReason.OUTSIDE_DATES


def test_exit_at_an_entry_only_checkpoint_is_the_wrong_direction(badge, plenary_gate):
    answer = scan(codes.encode(badge), plenary_gate, direction=Direction.OUT)
    assert (answer.result, answer.reason) == (ScanResult.DENY, DenyReason.WRONG_DIRECTION)


def test_entry_at_an_exit_only_checkpoint_is_the_wrong_direction(badge, press_gate):
    Checkpoint.objects.filter(pk=press_gate.pk).update(mode=CheckpointMode.EXIT)
    assert scan(codes.encode(badge), press_gate,
                direction=Direction.IN).reason == DenyReason.WRONG_DIRECTION


def test_exit_only_checkpoint_counts_out_by_default(badge, press_gate):
    Checkpoint.objects.filter(pk=press_gate.pk).update(mode=CheckpointMode.EXIT)
    answer = scan(codes.encode(badge), press_gate)
    assert answer.allowed
    assert answer.scan.direction == Direction.OUT


def test_unknown_or_closed_checkpoint_raises_and_records_nothing(badge, press_gate):
    with pytest.raises(scans.UnknownCheckpoint):
        scans.scan_record(code=codes.encode(badge), checkpoint_id=press_gate.pk + 1000,
                          client_scan_id="a")
    Checkpoint.objects.filter(pk=press_gate.pk).update(active=False)
    with pytest.raises(scans.UnknownCheckpoint):
        scan(codes.encode(badge), press_gate)
    assert Scan.objects.count() == 0


def test_retry_answers_as_the_first_time_even_after_a_revocation(badge, press_gate, officer):
    first = scan(codes.encode(badge), press_gate, client_scan_id="gate-7:0001", offline=True)
    badge_revoke(badge=badge, by=officer, reason="Misconduct in the press centre.")
    again = scan(codes.encode(badge), press_gate, client_scan_id="gate-7:0001")
    assert (again.result, again.reason, again.repeated, again.scan.pk, again.badge) == (
        ScanResult.ALLOW, "", True, first.scan.pk, badge)
    assert Scan.objects.count() == 1
    assert scan(codes.encode(badge), press_gate).reason == DenyReason.REVOKED


@pytest.mark.django_db(transaction=True)
def test_two_scans_with_one_client_id_at_once_count_once(badge, press_gate):
    """Two requests of one retried scan racing in: one row, and both get its answer."""
    code = codes.encode(badge)

    def send():
        answer = scan(code, press_gate, client_scan_id="race-1")
        return answer.result, answer.scan.pk

    answers = race(send, send, atomic=False)
    assert Scan.objects.filter(client_scan_id="race-1").count() == 1
    scan_id = Scan.objects.get(client_scan_id="race-1").pk
    assert answers == [(ScanResult.ALLOW, scan_id), (ScanResult.ALLOW, scan_id)]


def test_retry_after_the_gate_closed_still_gets_the_first_answer(badge, press_gate):
    first = scan(codes.encode(badge), press_gate, client_scan_id="gate-3:0042")
    Checkpoint.objects.filter(pk=press_gate.pk).update(active=False)
    scans.forget_checkpoints()
    again = scan(codes.encode(badge), press_gate, client_scan_id="gate-3:0042")
    assert (again.result, again.repeated, again.scan.pk) == (ScanResult.ALLOW, True,
                                                             first.scan.pk)
    assert again.holder == first.holder
    assert again.holder.name == badge.application.full_name
