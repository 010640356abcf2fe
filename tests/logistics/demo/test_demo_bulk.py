"""The demo's lean bulk insert (logistics/demo/bulk.py) stores what save() would: aware
times, dates, enums, JSON, foreign keys given as objects, auto_now fields, defaults and the
encrypted ID number read back equal, on SQLite and PostgreSQL alike; and the primary keys
come back in order, across statements."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.forms.models import model_to_dict

from accreditation.enums import DenyReason, Direction, ScanResult
from accreditation.gates.models import Scan
from logistics.delegations.enums import Gender
from logistics.delegations.models import DelegationMember
from logistics.demo import bulk
from logistics.programme.enums import SessionKind
from logistics.programme.models import Session
from tests.factories.delegations import DelegationFactory, country

pytestmark = pytest.mark.django_db

COMPARED_OUT = {"id", "created_at", "updated_at"}


def _member(delegation, n, **extra):
    return DelegationMember(
        delegation=delegation, family_name=f"Nguyễn {n}", given_names="Thị Hương",
        gender=Gender.FEMALE, date_of_birth=date(1984, 3, 1 + n % 28),
        nationality=country("VN"), email=f"huong{n}@example.org", title="Legal Officer",
        arrival_at=datetime(2026, 12, 13, 7, 30, tzinfo=UTC) + timedelta(minutes=n),
        arrival_flight="VN19", is_head=n == 0, id_document_number=f"C{n:07d}", **extra)


def test_rows_read_back_as_save_would_store_them(event):
    delegation = DelegationFactory(event=event, size_quota=50)
    saved = _member(delegation, 1)
    saved.save()
    inserted = bulk.insert(DelegationMember, [_member(delegation, 1)])[0]
    assert inserted.pk and inserted.pk != saved.pk
    first, second = (DelegationMember.objects.get(pk=m.pk) for m in (saved, inserted))
    fields = set(model_to_dict(first)) - COMPARED_OUT
    assert {f: getattr(second, f) for f in fields} == {f: getattr(first, f) for f in fields}
    assert second.id_document_number == "C0000001"  # decrypted again
    assert second.arrival_at == datetime(2026, 12, 13, 7, 31, tzinfo=UTC)
    assert second.created_at is not None  # auto_now_add, as save() sets it


def test_json_enums_and_related_objects(event, venue, hall):
    starts = datetime(2026, 12, 15, 2, 0, tzinfo=UTC)
    sessions = bulk.insert(Session, [
        Session(event=event, room=hall, kind=SessionKind.SEMINAR, title=f"Seminar {n}",
                starts_at=starts + timedelta(hours=n),
                ends_at=starts + timedelta(hours=n, minutes=45),
                languages=["en", "vi"], status="scheduled")
        for n in range(3)])
    stored = list(Session.objects.filter(pk__in=[s.pk for s in sessions]).order_by("pk"))
    assert [s.title for s in stored] == ["Seminar 0", "Seminar 1", "Seminar 2"]
    assert [s.pk for s in stored] == [s.pk for s in sessions]
    assert stored[0].languages == ["en", "vi"] and stored[0].room_id == hall.pk
    assert stored[2].starts_at == starts + timedelta(hours=2)


def test_many_rows_over_several_statements_keep_their_keys_in_order(event):
    delegation = DelegationFactory(event=event, size_quota=5000)
    members = bulk.insert(DelegationMember, [_member(delegation, n) for n in range(2500)])
    stored = dict(DelegationMember.objects.filter(delegation=delegation)
                  .values_list("pk", "email"))
    assert len(stored) == 2500
    assert all(stored[m.pk] == m.email for m in members)


def test_values_without_instances(event, venue):
    from accreditation.gates.models import Checkpoint
    from accreditation.setup.models import Zone

    zone = Zone.objects.create(event=event, code="9", name="Plenary")
    gate = Checkpoint.objects.create(event=event, zone=zone, name="Main entrance")
    moment = datetime(2026, 12, 15, 1, 15, tzinfo=UTC)
    names = ("checkpoint_id", "badge_id", "direction", "result", "reason", "scanned_at",
             "received_at", "offline", "operator", "code_excerpt", "client_scan_id")
    count = bulk.insert_values(Scan, names, [
        (gate.pk, None, Direction.IN, ScanResult.DENY, DenyReason.UNKNOWN, moment,
         moment + timedelta(seconds=1), False, "gate", "WIFI:T:WPA", f"id-{n}")
        for n in range(3)])
    assert count == 3
    scan = Scan.objects.get(client_scan_id="id-2")
    assert (scan.direction, scan.result, scan.scanned_at, scan.offline) == (
        Direction.IN, ScanResult.DENY, moment, False)
