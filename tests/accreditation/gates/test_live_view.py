"""The zones' live view: people inside, scans a minute, denials and their reasons."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accreditation.badges import codes
from accreditation.badges.services.badges import badge_revoke
from accreditation.enums import CheckpointMode, DenyReason
from accreditation.gates.models import Checkpoint, Scan
from accreditation.gates.queries import gates as queries
from accreditation.gates.services import scans
from logistics.core.enums import Role
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.accreditation import collected_badge, journalist
from tests.factories.plan import user_with_role
from tests.queries import same_queries

_fresh_gates, event, badge = gates._fresh_gates, gates.event, gates.badge
press_gate, plenary_gate = gates.press_gate, gates.plenary_gate
at = gates.at

LIVE = "/accreditation/gates/live/"
_ids = iter(range(1, 10**9))


def scan(code, gate, when, direction=None):
    return scans.scan_record(code=code, checkpoint_id=gate.pk, scanned_at=when,
                             direction=direction, client_scan_id=f"live-{next(_ids)}")


@pytest.fixture
def noon(event):
    return at(event, 0, 12)


@pytest.fixture
def busy_morning(event, cats, badge, press_gate, plenary_gate, noon, officer):
    """At the press centre (zone 2): three journalists in, one out again, one revoked badge
    refused, one stranger's code refused; one journalist tried the plenary (zone 1)."""
    others = [collected_badge(journalist(event)) for _ in range(2)]
    revoked = collected_badge(journalist(event))
    badge_revoke(badge=revoked, by=officer, reason="Withdrawn by the outlet.")
    code = codes.encode
    scan(code(badge), press_gate, noon - timedelta(minutes=3))
    scan(code(others[0]), press_gate, noon - timedelta(minutes=3))
    scan(code(others[1]), press_gate, noon - timedelta(minutes=1))
    scan(code(badge), press_gate, noon - timedelta(seconds=20), direction="out")
    scan(code(revoked), press_gate, noon - timedelta(minutes=30))
    scan("not-a-badge", press_gate, noon - timedelta(minutes=50))
    scan(code(badge), plenary_gate, noon - timedelta(minutes=5))
    # Yesterday's entries and a denial of two hours ago count neither inside nor recently.
    scan(code(others[0]), press_gate, noon - timedelta(days=1))
    scan("old-garbage", press_gate, noon - timedelta(hours=2))


def by_zone(rows):
    return {row["zone"].code: row for row in rows}


def test_people_inside_are_entries_minus_exits_since_midnight(event, busy_morning, noon):
    rows = by_zone(queries.zone_live(event, now=noon))
    assert (rows["2"]["inside"], rows["1"]["inside"], rows["5"]["inside"]) == (2, 0, 0)


def test_more_exits_than_entries_count_nobody_inside(event, badge, press_gate, noon):
    Checkpoint.objects.filter(pk=press_gate.pk).update(mode=CheckpointMode.BOTH)
    scan(codes.encode(badge), press_gate, noon - timedelta(minutes=1), direction="out")
    assert by_zone(queries.zone_live(event, now=noon))["2"]["inside"] == 0


def test_scans_a_minute_over_the_last_quarter_hour(event, busy_morning, noon):
    press = by_zone(queries.zone_live(event, now=noon))["2"]
    assert len(press["per_minute"]) == 15
    assert press["per_minute"][-4:] == [2, 0, 2, 0]  # 11:57, 11:58, 11:59, 12:00 (now)
    assert sum(press["per_minute"]) == 4
    assert press["rate"] == round(4 / 15, 1)


def test_denials_of_the_last_hour_by_reason(event, busy_morning, noon):
    rows = by_zone(queries.zone_live(event, now=noon))
    assert sorted(rows["2"]["denials"]) == [(DenyReason.REVOKED, 1), (DenyReason.UNKNOWN, 1)]
    assert rows["2"]["denied"] == 2
    assert rows["1"]["denials"] == [(DenyReason.WRONG_ZONE, 1)]


def test_live_view_queries_do_not_grow_with_scans(event, busy_morning, noon,
                                                  django_assert_num_queries):
    with django_assert_num_queries(4):
        queries.zone_live(event, now=noon)
    for n in range(30):
        Scan.objects.create(checkpoint=Checkpoint.objects.first(), client_scan_id=f"bulk-{n}",
                            result="deny", reason=DenyReason.UNKNOWN,
                            scanned_at=noon - timedelta(minutes=n % 15))
    with django_assert_num_queries(4):
        queries.zone_live(event, now=noon)


@pytest.fixture
def gate_client(gate):
    client = Client()
    client.force_login(gate)
    return client


def test_live_page_shows_each_zone_and_refreshes_itself(gate_client, event, badge,
                                                        press_gate):
    now = timezone.now()
    scan(codes.encode(badge), press_gate, now - timedelta(seconds=1))
    scan("stranger", press_gate, now - timedelta(seconds=1))
    page = gate_client.get(LIVE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-trigger="every 5s"' in html
    assert 'data-testid="zone-2"' in html
    press = by_zone(page.context["zones"])["2"]
    assert (press["inside"], press["denials"]) == (1, [("Unknown code", 1)])
    assert "Unknown code" in html
    partial = gate_client.get(LIVE, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert 'data-testid="zone-2"' in partial.content.decode()


def test_live_page_query_count_does_not_grow(gate_client, event, badge, press_gate):
    scan(codes.encode(badge), press_gate, timezone.now())

    def more_scans():
        for _ in range(5):
            scan(codes.encode(badge), press_gate, timezone.now())
            scan("stranger", press_gate, timezone.now())

    same_queries(lambda: gate_client.get(LIVE, HTTP_HX_REQUEST="true"), more_scans)


def test_live_page_is_for_the_gates_and_the_office(event, cats, officer):
    client = Client()
    client.force_login(officer)
    assert client.get(LIVE).status_code == 200
    client.force_login(user_with_role(Role.PROTOCOL, username="protocol-officer"))
    assert client.get(LIVE).status_code == 403
