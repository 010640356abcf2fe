"""Times no one can mean, typed without an offset: year 1 at the venue is before the first
instant UTC can hold, and saving one failed in the database adapter (a 500). The forms and
the API now refuse them at the field."""

import uuid

import pytest

from accreditation.badges import codes
from accreditation.gates.models import Scan
from logistics.delegations.models import DelegationMember
from logistics.programme.models import Session
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import EventFactory
from tests.factories.registration import InvitationFactory
from tests.hostile.test_public_forms import REGISTRATION

_fresh_gates, event, badge, press_gate = (gates._fresh_gates, gates.event, gates.badge,
                                          gates.press_gate)
NEVER = ["0001-01-01T00:00", "0001-01-01T03:00:00", "1899-12-31T23:00"]


@pytest.mark.parametrize("when", NEVER)
@pytest.mark.parametrize("field", ["m-0-arrival_at", "m-1-departure_at"])
def test_registration_refuses_a_time_out_of_range(client, db, field, when):
    delegation = DelegationFactory(event=EventFactory(), country=country("KE"), size_quota=3,
                                   focal_point_email="mission@kenya.example")
    invitation = InvitationFactory(delegation=delegation)
    response = client.post(f"/register/{invitation.token}/",
                           {**REGISTRATION, "m-0-nationality": country("KE").pk, field: when})
    assert response.status_code == 400
    assert "cannot be right" in response.content.decode()
    assert not DelegationMember.objects.exists()


@pytest.mark.parametrize("when", NEVER)
def test_api_refuses_a_scan_time_out_of_range(key_client, badge, press_gate, when):
    response = key_client("scan").post("/api/v1/scans/", {
        "code": codes.encode(badge), "checkpoint": press_gate.pk,
        "client_scan_id": str(uuid.uuid4()), "scanned_at": when, "offline": True},
        format="json")
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["scanned_at"][0]
    assert "cannot be right" in message or "out of range" in message
    assert not Scan.objects.exists()


@pytest.mark.parametrize("when", NEVER)
def test_api_refuses_an_arrival_out_of_range(key_client, event, when):
    member = MemberFactory(delegation=DelegationFactory(event=event))
    response = key_client("read", "write").patch(f"/api/v1/members/{member.pk}/",
                                                 {"arrival_at": when}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["arrival_at"]
    member.refresh_from_db()
    assert member.arrival_at is None


@pytest.mark.parametrize("when", NEVER)
def test_api_refuses_a_session_out_of_range(key_client, event, hall, when):
    before = Session.objects.count()
    response = key_client("read", "write").post("/api/v1/sessions/", {
        "event": event.pk, "title": "Opening", "room": hall.pk, "starts_at": when,
        "ends_at": when}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["starts_at"]
    assert Session.objects.count() == before
