from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from logistics.core.enums import Role
from logistics.core.errors import NotAllowed
from logistics.delegations.enums import DelegationKind, DelegationLevel, precedence_rank
from logistics.delegations.models import Country
from logistics.signing.enums import PlenaryOrderRule, SigningPlace
from logistics.signing.errors import (
    AlreadySigned,
    FullPowersMissing,
    FullPowersNotReceived,
    InvalidOrderRule,
    NotAState,
    NotSigned,
)
from logistics.signing.models import Signing
from logistics.signing.queries import run_of_show, signatory_count, signatory_progress
from logistics.signing.services import (
    full_powers_receive,
    full_powers_verify,
    plenary_move,
    plenary_order,
    signing_create,
    signing_mark_signed,
    signing_schedule,
    signing_unmark_signed,
)
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import user_with_role
from tests.factories.signing import SigningFactory, StateDelegationFactory

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
CEREMONY = datetime(2025, 10, 25, 10, 0, tzinfo=HANOI)

L = DelegationLevel


def state(event, code, level=L.FOREIGN_MINISTER, head_name="H.E. the Minister"):
    return StateDelegationFactory(event=event, country=country(code), head_level=level,
                                  head_name=head_name)


def signing_of(event, code, level=L.FOREIGN_MINISTER, **fields):
    return SigningFactory(delegation=state(event, code, level), **fields)


@pytest.fixture
def six_states(event):
    """Real states at different levels, created in no particular order."""
    levels = {"FR": L.MINISTER, "CI": L.HEAD_OF_STATE, "MX": L.FOREIGN_MINISTER,
              "VN": L.HEAD_OF_STATE, "ZW": L.AMBASSADOR, "AL": L.FOREIGN_MINISTER}
    signings = {code: signing_of(event, code, level) for code, level in levels.items()}
    for code in ("FR", "ZW"):
        signings[code].full_powers_received_at = CEREMONY
        signings[code].full_powers_verified_at = CEREMONY
        signings[code].save()
    return signings


def names(signings):
    return [s.state_name for s in signings]


@pytest.mark.parametrize("level, needs", [
    (L.HEAD_OF_STATE, False), (L.HEAD_OF_GOVERNMENT, False), (L.FOREIGN_MINISTER, False),
    (L.MINISTER, True), (L.VICE_MINISTER, True), (L.AMBASSADOR, True),
    (L.SENIOR_OFFICIAL, True), ("", True)])
def test_needs_full_powers_follows_the_signatorys_level(level, needs):
    assert Signing(signatory_level=level).needs_full_powers is needs


def test_precedence_rank_runs_down_the_levels_and_puts_a_missing_level_last():
    ranks = [precedence_rank(level) for level in (
        L.HEAD_OF_STATE, L.HEAD_OF_GOVERNMENT, L.FOREIGN_MINISTER, L.MINISTER, L.VICE_MINISTER,
        L.AMBASSADOR, L.SENIOR_OFFICIAL, "", None, "emperor")]
    assert ranks == [0, 1, 2, 3, 4, 5, 6, 7, 7, 7]


def test_signing_create_takes_the_head_of_delegation_as_signatory(event, protocol):
    delegation = state(event, "FR", L.MINISTER, head_name="Ms Anne Martin")
    signing = signing_create(event=event, by=protocol, delegation=delegation)
    assert (signing.signatory_name, signing.signatory_level, signing.where, signing.order) == (
        "Ms Anne Martin", L.MINISTER, SigningPlace.PLENARY, None)
    assert signing.needs_full_powers is True


def test_signing_create_accepts_an_observer_state(event, protocol):
    delegation = StateDelegationFactory(event=event, country=country("PS"),
                                        kind=DelegationKind.OBSERVER_STATE)
    assert signing_create(event=event, by=protocol, delegation=delegation).state_name == (
        country("PS").name)


def test_signing_create_refuses_an_ngo(event, protocol):
    delegation = DelegationFactory(event=event, name="Access Now")
    with pytest.raises(NotAState) as error:
        signing_create(event=event, by=protocol, delegation=delegation)
    assert (error.value.code, error.value.message) == (
        "not_a_state", "Access Now is not a state: only states and observer states sign.")
    assert Signing.objects.count() == 0


def test_signing_create_refuses_a_second_signing_of_one_delegation(event, protocol):
    delegation = state(event, "JP")
    signing_create(event=event, by=protocol, delegation=delegation)
    with pytest.raises(ValidationError):
        signing_create(event=event, by=protocol, delegation=delegation)
    assert Signing.objects.count() == 1


def test_signing_create_refuses_a_delegation_of_another_event(event, protocol):
    delegation = StateDelegationFactory(country=country("JP"))
    with pytest.raises(ValidationError) as error:
        signing_create(event=event, by=protocol, delegation=delegation)
    assert error.value.message_dict == {"delegation": ["The delegation attends another event."]}


def test_signing_services_refuse_focal_point_and_observer(event, focal_point, observer):
    delegation = state(event, "FR")
    signing = SigningFactory(delegation=state(event, "DE"))
    for user in (focal_point, observer):
        with pytest.raises(NotAllowed):
            signing_create(event=event, by=user, delegation=delegation)
        with pytest.raises(NotAllowed):
            signing_mark_signed(signing=signing, by=user)
        with pytest.raises(NotAllowed):
            plenary_order(event=event, by=user, rule=PlenaryOrderRule.PRECEDENCE)
    signing.refresh_from_db()
    assert (Signing.objects.count(), signing.signed_at) == (1, None)


def test_signing_services_allow_the_secretariat(event, secretariat):
    signing = signing_create(event=event, by=secretariat, delegation=state(event, "FR"))
    assert signing_mark_signed(signing=signing, by=secretariat).signed_at is not None


def test_signing_schedule_refuses_unverified_full_powers_with_the_state_and_signatory(
        event, protocol):
    delegation = state(event, "FR", L.MINISTER, head_name="Ms Anne Martin")
    signing = signing_create(event=event, by=protocol, delegation=delegation)
    with pytest.raises(FullPowersMissing) as error:
        signing_schedule(signing=signing, by=protocol, where=SigningPlace.PLENARY,
                         scheduled_at=CEREMONY, order=1)
    assert (error.value.code, error.value.http_status) == ("full_powers_missing", 409)
    assert error.value.message == (
        "France cannot be scheduled to sign: Ms Anne Martin (Other minister) needs full powers, "
        "and they are not verified yet.")
    full_powers_receive(signing=signing, by=protocol)
    with pytest.raises(FullPowersMissing):
        signing_schedule(signing=signing, by=protocol, where=SigningPlace.TREATY_DESK)
    signing.refresh_from_db()
    assert (signing.scheduled_at, signing.order) == (None, None)


def test_signing_schedule_allowed_once_full_powers_are_verified(event, protocol, settings,
                                                                 tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signing = signing_create(event=event, by=protocol,
                             delegation=state(event, "FR", L.MINISTER, "Ms Anne Martin"))
    signing = full_powers_receive(signing=signing, by=protocol,
                                  document=ContentFile(b"%PDF-1.7", name="Pleins pouvoirs.PDF"))
    signing = full_powers_verify(signing=signing, by=protocol)
    signing = signing_schedule(signing=signing, by=protocol, where=SigningPlace.PLENARY,
                               scheduled_at=CEREMONY, order=3)
    signing.refresh_from_db()
    assert (signing.where, signing.order, signing.scheduled_at) == (
        SigningPlace.PLENARY, 3, CEREMONY)
    assert (signing.full_powers_verified_by, signing.full_powers_verified) == (protocol, True)
    assert signing.full_powers_document.name.startswith("full-powers/")
    assert signing.full_powers_document.name.endswith(".pdf")
    assert "Pleins" not in signing.full_powers_document.name


def test_a_new_full_powers_document_takes_back_the_verification(event, protocol, settings,
                                                                tmp_path,
                                                                django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    signing = signing_create(event=event, by=protocol,
                             delegation=state(event, "FR", L.MINISTER, "Ms Anne Martin"))
    signing = full_powers_receive(signing=signing, by=protocol,
                                  document=ContentFile(b"%PDF-1.7 copy", name="copy.pdf"))
    signing = full_powers_verify(signing=signing, by=protocol)
    first = signing.full_powers_document.name
    assert signing.may_sign is True
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signing = full_powers_receive(signing=signing, by=protocol,
                                      document=ContentFile(b"%PDF-1.7 new", name="new.pdf"))
    signing.refresh_from_db()
    assert (signing.full_powers_verified_at, signing.full_powers_verified_by) == (None, None)
    assert signing.may_sign is False
    with pytest.raises(FullPowersMissing):
        signing_schedule(signing=signing, by=protocol, where=SigningPlace.PLENARY)
    # The replaced document goes once the change is committed, not before.
    assert (tmp_path / first).exists()
    for callback in callbacks:
        callback()
    assert not (tmp_path / first).exists()
    assert (tmp_path / signing.full_powers_document.name).read_bytes() == b"%PDF-1.7 new"


def test_full_powers_received_again_without_a_document_keeps_the_verification(event,
                                                                              protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    full_powers_receive(signing=signing, by=protocol, received_at=CEREMONY)
    full_powers_verify(signing=signing, by=protocol)
    signing = full_powers_receive(signing=signing, by=protocol)
    assert (signing.full_powers_verified, signing.full_powers_verified_by) == (True, protocol)


def test_signing_schedule_needs_no_full_powers_for_a_foreign_minister(event, protocol):
    signing = signing_create(event=event, by=protocol,
                             delegation=state(event, "MX", L.FOREIGN_MINISTER))
    signing = signing_schedule(signing=signing, by=protocol, where=SigningPlace.TREATY_DESK,
                               scheduled_at=CEREMONY, order=4)
    assert (signing.where, signing.order) == (SigningPlace.TREATY_DESK, None)


def test_signing_schedule_refuses_an_order_already_taken(event, protocol):
    signing_of(event, "MX", order=1)
    second = signing_of(event, "AL")
    with pytest.raises(ValidationError):
        signing_schedule(signing=second, by=protocol, where=SigningPlace.PLENARY, order=1)


def test_signing_schedule_refuses_a_naive_time(event, protocol):
    signing = signing_of(event, "MX")
    with pytest.raises(ValidationError) as error:
        signing_schedule(signing=signing, by=protocol, where=SigningPlace.PLENARY,
                         scheduled_at=datetime(2025, 10, 25, 10, 0))
    assert error.value.message_dict == {
        "scheduled_at": ["Give a date and time with its time zone."]}


def test_full_powers_verify_refused_before_receipt(event, protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    with pytest.raises(FullPowersNotReceived) as error:
        full_powers_verify(signing=signing, by=protocol)
    assert error.value.message == ("The full powers of Zimbabwe have not been received yet: "
                                   "record them before verifying them.")
    signing.refresh_from_db()
    assert (signing.full_powers_verified_at, signing.full_powers_verified_by) == (None, None)


def test_full_powers_verify_by_the_system_records_no_officer(event):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    full_powers_receive(signing=signing, by=None, received_at=CEREMONY)
    signing = full_powers_verify(signing=signing, by=None)
    assert (signing.full_powers_verified, signing.full_powers_verified_by,
            signing.full_powers_received_at) == (True, None, CEREMONY)


def test_signing_mark_signed_once_then_refused(event, protocol):
    signing = signing_of(event, "VN", L.HEAD_OF_STATE)
    signed = signing_mark_signed(signing=signing, by=protocol, signed_at=CEREMONY)
    assert signed.signed_at == CEREMONY
    with pytest.raises(AlreadySigned) as error:
        signing_mark_signed(signing=signing, by=protocol)
    assert (error.value.code, error.value.message) == ("already_signed",
                                                       "Viet Nam has already signed.")
    signing.refresh_from_db()
    assert signing.signed_at == CEREMONY


def test_signing_mark_signed_refuses_unverified_full_powers(event, protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    signing.signatory_name = "Mr Tendai Moyo"
    signing.save()
    with pytest.raises(FullPowersMissing) as error:
        signing_mark_signed(signing=signing, by=protocol)
    assert error.value.message == ("Zimbabwe cannot sign: Mr Tendai Moyo (Ambassador) needs full "
                                   "powers, and they are not verified yet.")
    assert signatory_count(event) == 0


def test_signing_unmark_signed_undoes_a_mis_click_and_logs_it(event, protocol, caplog):
    signing = signing_of(event, "VN", L.HEAD_OF_STATE)
    signing_mark_signed(signing=signing, by=protocol, signed_at=CEREMONY)
    with caplog.at_level("INFO", logger="logistics.signing.services"):
        undone = signing_unmark_signed(signing=signing, by=protocol)
    assert undone.signed_at is None
    assert signatory_count(event) == 0
    assert caplog.messages == [
        f"Signature of Viet Nam (signing {signing.pk}, event {event.pk}) undone by protocol; "
        f"it was marked signed at {CEREMONY.astimezone(UTC).isoformat()}."]
    # Signed again afterwards, as at the ceremony.
    assert signing_mark_signed(signing=signing, by=protocol).signed_at is not None


def test_signing_unmark_signed_refuses_an_unsigned_state(event, protocol):
    signing = signing_of(event, "VN", L.HEAD_OF_STATE)
    with pytest.raises(NotSigned) as error:
        signing_unmark_signed(signing=signing, by=protocol)
    assert (error.value.code, error.value.http_status, error.value.message) == (
        "not_signed", 409, "Viet Nam has not signed: there is nothing to undo.")


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.PROGRAMME, Role.STEERING])
def test_signing_unmark_signed_is_for_the_protocol_office(event, role):
    signing = signing_of(event, "VN", L.HEAD_OF_STATE, signed_at=CEREMONY)
    with pytest.raises(NotAllowed):
        signing_unmark_signed(signing=signing, by=user_with_role(role))
    signing.refresh_from_db()
    assert signing.signed_at == CEREMONY


def test_plenary_order_by_precedence_then_name(event, protocol, six_states):
    signing_of(event, "JP", where=SigningPlace.TREATY_DESK)
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.PRECEDENCE)
    assert names(run_of_show(event)) == [
        "Côte d'Ivoire", "Viet Nam", "Albania", "Mexico", "France", "Zimbabwe"]
    assert [s.order for s in run_of_show(event)] == [1, 2, 3, 4, 5, 6]
    assert Signing.objects.get(delegation__country__code="JP").order is None


def test_plenary_order_alphabetical_from_a_drawn_letter_wraps_round(event, protocol,
                                                                     six_states):
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.PRECEDENCE)
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.ALPHABETICAL_FROM_LETTER,
                  letter="m")
    assert names(run_of_show(event)) == [
        "Mexico", "Viet Nam", "Zimbabwe", "Albania", "Côte d'Ivoire", "France"]


def test_plenary_order_from_c_sorts_cote_divoire_under_c(event, protocol, six_states):
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.ALPHABETICAL_FROM_LETTER,
                  letter="C")
    assert names(run_of_show(event)) == [
        "Côte d'Ivoire", "France", "Mexico", "Viet Nam", "Zimbabwe", "Albania"]


def test_plenary_order_refuses_a_bad_draw(event, protocol, six_states):
    with pytest.raises(InvalidOrderRule) as error:
        plenary_order(event=event, by=protocol,
                      rule=PlenaryOrderRule.ALPHABETICAL_FROM_LETTER, letter="MX")
    assert error.value.message == "Draw one letter, from A to Z."
    with pytest.raises(InvalidOrderRule):
        plenary_order(event=event, by=protocol, rule="by_height")


def test_plenary_move_shifts_the_others_and_keeps_orders_unique(event, protocol, six_states):
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.PRECEDENCE)
    plenary_move(signing=six_states["ZW"], by=protocol, new_order=2)
    assert [(s.order, s.state_name) for s in run_of_show(event)] == [
        (1, "Côte d'Ivoire"), (2, "Zimbabwe"), (3, "Viet Nam"), (4, "Albania"), (5, "Mexico"),
        (6, "France")]
    plenary_move(signing=six_states["CI"], by=protocol, new_order=6)
    assert names(run_of_show(event)) == [
        "Zimbabwe", "Viet Nam", "Albania", "Mexico", "France", "Côte d'Ivoire"]


def test_plenary_move_inserts_a_late_signing(event, protocol, six_states):
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.PRECEDENCE)
    late = signing_of(event, "JP", L.HEAD_OF_GOVERNMENT)
    plenary_move(signing=late, by=protocol, new_order=3)
    assert [(s.order, s.state_name) for s in run_of_show(event)] == [
        (1, "Côte d'Ivoire"), (2, "Viet Nam"), (3, "Japan"), (4, "Albania"), (5, "Mexico"),
        (6, "France"), (7, "Zimbabwe")]


def test_plenary_move_refuses_a_place_out_of_range(event, protocol, six_states):
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.PRECEDENCE)
    with pytest.raises(ValidationError) as error:
        plenary_move(signing=six_states["FR"], by=protocol, new_order=7)
    assert error.value.message_dict == {"order": ["Choose a place from 1 to 6."]}


def test_plenary_order_is_unique_in_the_database(event):
    signing_of(event, "FR", order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signing.objects.create(event=event, delegation=state(event, "MX"), order=1)


def test_signatory_count_against_the_events_threshold_of_40(event, protocol):
    codes = Country.objects.filter(un_member=True).values_list("code", flat=True)[:41]
    signings = [signing_of(event, code) for code in codes]
    for signing in signings[:39]:
        signing_mark_signed(signing=signing, by=protocol)
    assert signatory_count(event) == 39
    assert event.signing_threshold == 40  # the Convention against Cybercrime's
    assert signatory_progress(event) == {"signed": 39, "threshold": 40, "reached": False,
                                         "missing": 1, "percent": 98}
    signing_mark_signed(signing=signings[39], by=protocol)
    assert signatory_progress(event) == {"signed": 40, "threshold": 40, "reached": True,
                                         "missing": 0, "percent": 100}


def test_the_threshold_is_the_events_and_at_least_one(event, secretariat):
    from logistics.plan.services.frame import event_update

    event_update(event=event, by=secretariat, signing_threshold=55)
    assert signatory_progress(event) == {"signed": 0, "threshold": 55, "reached": False,
                                         "missing": 55, "percent": 0}
    with pytest.raises(ValidationError) as error:
        event_update(event=event, by=secretariat, signing_threshold=0)
    assert list(error.value.message_dict) == ["signing_threshold"]


def test_run_of_show_selects_delegation_and_country(event, protocol, six_states,
                                                    django_assert_num_queries):
    plenary_order(event=event, by=protocol, rule=PlenaryOrderRule.PRECEDENCE)
    with django_assert_num_queries(1):
        rows = [(s.order, s.delegation.country.regional_group) for s in run_of_show(event)]
    assert rows[0] == (1, "african")
