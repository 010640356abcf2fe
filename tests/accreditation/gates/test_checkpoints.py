"""Checkpoints set up by the accreditation office, and the scanner page the gates open."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from accreditation.badges import codes
from accreditation.enums import CheckpointMode
from accreditation.gates.models import Checkpoint
from accreditation.gates.services import checkpoints as services
from accreditation.gates.services import scans
from accreditation.setup.models import Zone
from logistics.core.enums import Role
from logistics.core.errors import NotAllowed
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.plan import EventFactory, user_with_role
from tests.queries import same_queries

_fresh_gates, event, badge = gates._fresh_gates, gates.event, gates.badge
press_gate, plenary_gate = gates.press_gate, gates.plenary_gate
at = gates.at

LIST = "/accreditation/gates/"
ADD = "/accreditation/gates/add/"
SCANNER = "/accreditation/gates/scan/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(officer):
    return client_for(officer)


def zone(event, code):
    return Zone.objects.get(event=event, code=code)


def test_officer_adds_a_checkpoint(office, event, cats):
    response = office.post(ADD, {"zone": zone(event, "2").pk, "name": "  Press centre, north ",
                                 "mode": "both", "active": "on"})
    assert response.status_code == 302
    checkpoint = Checkpoint.objects.get()
    assert (checkpoint.event, checkpoint.zone.code, checkpoint.name, checkpoint.mode,
            checkpoint.active) == (event, "2", "Press centre, north", "both", True)
    page = office.get(LIST)
    assert "Press centre, north" in page.content.decode()


def test_a_second_checkpoint_with_the_same_name_is_refused(office, event, press_gate):
    response = office.post(ADD, {"zone": zone(event, "1").pk, "name": "press centre door",
                                 "mode": "entry", "active": "on"})
    assert response.status_code == 400
    assert "already exists" in response.context["form"].errors["name"][0]
    assert Checkpoint.objects.count() == 1


@pytest.mark.parametrize("change", [{"zone": ""}, {"name": ""}, {"mode": "sideways"}])
def test_incomplete_checkpoint_is_refused(office, event, cats, change):
    data = {"zone": zone(event, "2").pk, "name": "Gate A", "mode": "entry", **change}
    response = office.post(ADD, data)
    assert response.status_code == 400
    assert Checkpoint.objects.count() == 0


def test_zone_of_another_event_is_refused(office, event, cats):
    other = EventFactory()
    foreign = Zone.objects.create(event=other, code="9", name="Elsewhere")
    response = office.post(ADD, {"zone": foreign.pk, "name": "Gate A", "mode": "entry"})
    assert response.status_code == 400
    assert "zone" in response.context["form"].errors
    with pytest.raises(services.InvalidCheckpoint):
        services.checkpoint_create(event=event, by=None, zone=foreign, name="Gate A",
                                   mode=CheckpointMode.ENTRY)
    assert Checkpoint.objects.count() == 0


def test_closing_a_checkpoint_stops_its_scans_at_once(office, event, badge, press_gate,
                                                      django_capture_on_commit_callbacks):
    assert scans.scan_record(code=codes.encode(badge), checkpoint_id=press_gate.pk,
                             client_scan_id="before", scanned_at=at(event)).allowed
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(f"/accreditation/gates/{press_gate.pk}/edit/", {
            "zone": press_gate.zone_id, "name": "Press centre door", "mode": "exit"})
    assert response.status_code == 302
    press_gate.refresh_from_db()
    assert (press_gate.active, press_gate.mode) == (False, "exit")
    with pytest.raises(scans.UnknownCheckpoint):
        scans.scan_record(code=codes.encode(badge), checkpoint_id=press_gate.pk,
                          client_scan_id="after", scanned_at=at(event))


def test_edit_shows_the_checkpoint_and_404s_for_another_events(office, press_gate):
    page = office.get(f"/accreditation/gates/{press_gate.pk}/edit/")
    assert page.status_code == 200
    assert page.context["form"].initial["name"] == "Press centre door"
    other = EventFactory()
    foreign = Checkpoint.objects.create(
        event=other, zone=Zone.objects.create(event=other, code="9", name="Elsewhere"),
        name="Elsewhere gate")
    assert office.get(f"/accreditation/gates/{foreign.pk}/edit/").status_code == 404


def test_only_the_accreditation_office_manages_checkpoints(event, cats, gate, press_gate):
    for role in (Role.GATE, Role.PROTOCOL, Role.VETTING):
        client = client_for(user_with_role(role, username=f"user-{role}"))
        assert client.get(LIST).status_code == 403
        assert client.post(ADD, {"zone": zone(event, "2").pk, "name": "X",
                                 "mode": "entry"}).status_code == 403
    assert Client().get(LIST).status_code == 302  # to the login page
    with pytest.raises(NotAllowed):
        services.checkpoint_update(checkpoint=press_gate, by=gate, active=False)
    assert Checkpoint.objects.get(pk=press_gate.pk).active is True


def test_checkpoint_list_queries_do_not_grow(office, event, cats):
    def add(n):
        for _ in range(n):
            Checkpoint.objects.create(event=event, zone=zone(event, "1"),
                                      name=f"Gate {Checkpoint.objects.count() + 1}")

    add(1)
    response = same_queries(lambda: office.get(LIST), lambda: add(2))
    assert len(response.context["page"]) == 3


def test_scanner_without_a_checkpoint_offers_the_open_ones(event, cats, gate, press_gate,
                                                           plenary_gate):
    Checkpoint.objects.filter(pk=plenary_gate.pk).update(active=False)
    page = client_for(gate).get(SCANNER)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="?checkpoint={press_gate.pk}"' in html
    assert f'href="?checkpoint={plenary_gate.pk}"' not in html


def test_scanner_with_an_unknown_or_closed_checkpoint_says_so(event, cats, gate, plenary_gate):
    Checkpoint.objects.filter(pk=plenary_gate.pk).update(active=False)
    for value in (plenary_gate.pk, 999999, "x"):
        page = client_for(gate).get(SCANNER, {"checkpoint": value})
        assert page.status_code == 404
        assert "does not exist or is closed" in page.content.decode()


def test_scanner_page_carries_its_configuration_and_no_inline_script(gate, press_gate):
    page = client_for(gate).get(SCANNER, {"checkpoint": press_gate.pk})
    assert page.status_code == 200
    html = page.content.decode()
    config = json.loads(re.search(
        r'<script id="scanner-config" type="application/json">(.*?)</script>', html,
        re.S).group(1))
    assert config["checkpoint"] == {"id": press_gate.pk, "name": "Press centre door",
                                    "zone_code": "2", "mode": "both"}
    assert config["scan_url"] == "/api/v1/scans/"
    assert config["kit_url"] == f"/api/v1/scans/offline-kit/?checkpoint={press_gate.pk}"
    assert config["reasons"]["revoked"] == "Badge revoked"
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert 'name="direction"' in html  # counts both ways: the guard says which
    for asset in ("vendor/jsqr/jsQR.js", "accreditation/scanner.js",
                  "accreditation/scanner.css"):
        assert finders.find(asset), asset
        assert f"/static/{asset}" in html


def test_scanner_at_an_entry_only_checkpoint_has_no_direction_toggle(gate, plenary_gate):
    html = client_for(gate).get(SCANNER, {"checkpoint": plenary_gate.pk}).content.decode()
    assert 'name="direction"' not in html


def test_scanner_is_for_the_gates(event, cats, press_gate):
    client = client_for(user_with_role(Role.PROTOCOL, username="protocol-officer"))
    assert client.get(SCANNER, {"checkpoint": press_gate.pk}).status_code == 403
