from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from logistics.core.enums import Role
from logistics.core.errors import InvalidTransition, NotAllowed, QuotaExceeded
from logistics.core.validators import airport_code, validate_airport, validate_id_document_expiry
from logistics.delegations.enums import (
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    RegionalGroup,
)
from logistics.delegations.models import Country, Delegation, DelegationMember
from logistics.delegations.services.delegations import (
    delegation_create,
    delegation_set_status,
    member_add,
    member_update,
)
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import user_with_role
from tests.races import race

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_countries_hold_every_un_member_state_with_its_group(db):
    members = Country.objects.filter(un_member=True)
    assert members.count() == 193
    assert country("VN").regional_group == RegionalGroup.ASIA_PACIFIC
    assert country("TR").regional_group == RegionalGroup.WESTERN_EUROPEAN_OTHERS
    assert country("KI").regional_group == RegionalGroup.ASIA_PACIFIC
    assert members.filter(regional_group=RegionalGroup.AFRICAN).count() == 54
    assert (country("PS").un_member, country("PS").regional_group) == (False, "")


def test_state_delegation_takes_its_countrys_name(event, protocol):
    delegation = delegation_create(event=event, by=protocol, kind=DelegationKind.STATE,
                                   country=country("FR"), head_level=DelegationLevel.MINISTER)
    assert delegation.name == "France"
    assert delegation.regional_group == RegionalGroup.WESTERN_EUROPEAN_OTHERS


def test_state_delegation_needs_a_country(event, protocol):
    with pytest.raises(ValidationError):
        delegation_create(event=event, by=protocol, kind=DelegationKind.STATE, name="Atlantis")
    assert Delegation.objects.count() == 0


def test_one_delegation_per_country_and_event(event, protocol):
    delegation_create(event=event, by=protocol, kind=DelegationKind.STATE, country=country("JP"))
    with pytest.raises(ValidationError):
        delegation_create(event=event, by=protocol, kind=DelegationKind.STATE,
                          country=country("JP"))


def test_only_the_protocol_office_and_secretariat_manage_delegations(event, focal_point,
                                                                    observer, secretariat):
    for user in (focal_point, observer):
        with pytest.raises(NotAllowed):
            delegation_create(event=event, by=user, kind=DelegationKind.NGO, name="Access Now")
    assert delegation_create(event=event, by=secretariat, kind=DelegationKind.NGO,
                             name="Access Now").pk


@pytest.mark.parametrize("level, needs", [
    (DelegationLevel.HEAD_OF_STATE, False), (DelegationLevel.HEAD_OF_GOVERNMENT, False),
    (DelegationLevel.FOREIGN_MINISTER, False), (DelegationLevel.MINISTER, True),
    (DelegationLevel.AMBASSADOR, True), (DelegationLevel.SENIOR_OFFICIAL, True)])
def test_full_powers_follow_the_vienna_convention(level, needs):
    assert Delegation(head_level=level).head_needs_full_powers is needs


def test_status_moves_along_the_protocol_path(protocol):
    delegation = DelegationFactory()
    for status in (DelegationStatus.CONFIRMED, DelegationStatus.REGISTERED,
                   DelegationStatus.ARRIVED, DelegationStatus.DEPARTED):
        delegation = delegation_set_status(delegation=delegation, by=protocol, status=status)
    assert delegation.status == DelegationStatus.DEPARTED


def test_status_refuses_an_illegal_move(protocol):
    delegation = DelegationFactory()
    with pytest.raises(InvalidTransition) as error:
        delegation_set_status(delegation=delegation, by=protocol,
                              status=DelegationStatus.DEPARTED)
    assert error.value.message == "A delegation that is invited cannot become departed."
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.INVITED


def test_members_beyond_the_quota_are_refused_with_the_quota_named(protocol):
    delegation = DelegationFactory(name="Interpol", size_quota=2)
    member_add(delegation=delegation, by=protocol, family_name="Stock", given_names="Jürgen")
    member_add(delegation=delegation, by=protocol, family_name="李", given_names="明")
    with pytest.raises(QuotaExceeded) as error:
        member_add(delegation=delegation, by=protocol, family_name="Okafor")
    assert error.value.message == ("The delegation of Interpol may register 2 members at most; "
                                   "it has 2.")
    assert delegation.members.count() == 2


def test_names_in_any_script_are_kept_as_written(protocol):
    delegation = DelegationFactory()
    member = member_add(delegation=delegation, by=protocol, family_name="عبد الله",
                        given_names="محمد", nationality=country("SA"))
    member.refresh_from_db()
    assert (member.family_name, member.given_names) == ("عبد الله", "محمد")


def test_a_delegation_has_one_head(protocol):
    delegation = DelegationFactory()
    first = member_add(delegation=delegation, by=protocol, family_name="Diallo", is_head=True)
    second = member_add(delegation=delegation, by=protocol, family_name="Sow", is_head=True)
    first.refresh_from_db()
    assert (first.is_head, second.is_head) == (False, True)
    member_update(member=first, by=protocol, is_head=True)
    second.refresh_from_db()
    assert list(delegation.members.filter(is_head=True)) == [first]


def test_departure_before_arrival_is_refused(protocol):
    member = MemberFactory()
    arrival = datetime(2026, 12, 13, 9, 0, tzinfo=HANOI)
    with pytest.raises(ValidationError):
        member_update(member=member, by=protocol, arrival_at=arrival,
                      departure_at=arrival - timedelta(hours=1))
    member.refresh_from_db()
    assert member.arrival_at is None


def test_unknown_member_field_is_a_programming_error(protocol):
    with pytest.raises(ValueError):
        member_add(delegation=DelegationFactory(), by=protocol, family_name="X", passport="1")
    assert DelegationMember.objects.count() == 0


def test_admin_lets_the_protocol_office_correct_countries_only(client, protocol, observer):
    protocol.is_staff = True
    protocol.save()
    client.force_login(protocol)
    kenya = country("KE")
    assert client.get(f"/admin/logistics/country/{kenya.pk}/change/").status_code == 200
    delegation = DelegationFactory()
    page = client.get(f"/admin/logistics/delegation/{delegation.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    observer.is_staff = True
    observer.save()
    client.force_login(observer)
    assert client.get(f"/admin/logistics/country/{kenya.pk}/change/").status_code == 403


def test_the_service_refuses_bad_airports_and_ids_with_the_forms_words(event, protocol):
    delegation = DelegationFactory(event=event)
    with pytest.raises(ValidationError) as error:
        member_add(delegation=delegation, by=protocol, family_name="Diallo",
                   arrival_airport="H4N", departure_airport=" sgn",
                   id_document_expiry=event.end_date)
    assert error.value.message_dict == {
        "arrival_airport": ["Enter the airport's three-letter IATA code, e.g. HAN."],
        "id_document_expiry": [
            f"The document expires on {event.end_date.isoformat()}: it must still be valid "
            f"after the event's last day, {event.end_date.isoformat()}."],
    }
    member = member_add(delegation=delegation, by=protocol, family_name="Diallo",
                        arrival_airport=" han", departure_airport="Sgn",
                        id_document_expiry=event.end_date + timedelta(days=1))
    assert (member.arrival_airport, member.departure_airport) == ("HAN", "SGN")


@pytest.mark.parametrize("value, error", [
    ("", None), ("HAN", None), ("H4N", "Enter the airport's three-letter IATA code, e.g. HAN."),
    ("HANO", "Enter the airport's three-letter IATA code, e.g. HAN."),
    ("ÅÄÖ", "Enter the airport's three-letter IATA code, e.g. HAN."),
])
def test_validate_airport(value, error):
    assert validate_airport(airport_code(value)) == error


def test_validate_id_document_expiry(event):
    assert validate_id_document_expiry(None, event) is None
    assert validate_id_document_expiry(event.end_date + timedelta(days=1), event) is None
    assert validate_id_document_expiry(event.end_date, event).startswith(
        f"The document expires on {event.end_date.isoformat()}")


@pytest.mark.django_db(transaction=True)
def test_two_edits_making_different_members_head_at_once_both_succeed_one_after_the_other():
    officer = user_with_role(Role.PROTOCOL, username="officer")
    delegation = DelegationFactory()
    first, second = (MemberFactory(delegation=delegation, family_name=name)
                     for name in ("Diallo", "Sow"))

    def make_head(member):
        member_update(member=member, by=officer, is_head=True)
        return "saved"

    assert race(partial(make_head, first), partial(make_head, second)) == ["saved", "saved"]
    assert delegation.members.filter(is_head=True).count() == 1


def test_declining_revokes_the_live_link(protocol):
    from tests.factories.registration import InvitationFactory

    delegation = DelegationFactory(status=DelegationStatus.CONFIRMED)
    old = InvitationFactory(delegation=delegation, revoked_at=datetime(2026, 1, 1, tzinfo=HANOI))
    live = InvitationFactory(delegation=delegation)
    delegation_set_status(delegation=delegation, by=protocol, status=DelegationStatus.DECLINED)
    live.refresh_from_db()
    old.refresh_from_db()
    assert live.revoked_at is not None
    assert old.revoked_at == datetime(2026, 1, 1, tzinfo=HANOI)  # kept as it was
    delegation_set_status(delegation=delegation, by=protocol, status=DelegationStatus.INVITED)
    assert not delegation.invitations.filter(revoked_at__isnull=True).exists()
