"""The gate's manual path: a badge looked up by its printed number or its holder's name shows
candidates and admits no one; an admission names a badge the operator's own recent lookup
showed, is judged by the scan path's rule and recorded as manual, with who and why."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accreditation.badges.models import Badge
from accreditation.badges.services.badges import (
    badge_mark_lost,
    badge_reissue,
    badge_revoke,
    badges_suspend,
)
from accreditation.enums import CheckpointMode, DenyReason, Direction, ManualReason, ScanResult
from accreditation.gates.models import Checkpoint, GateLookup, Scan
from accreditation.gates.services import gate_lookups, scans
from accreditation.setup.models import Zone
from logistics.core.enums import Role
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.accreditation import categories, collected_badge, journalist
from tests.factories.plan import EventFactory, staff_fixture, user_with_role

_fresh_gates, event, badge = gates._fresh_gates, gates.event, gates.badge
press_gate, plenary_gate = gates.press_gate, gates.plenary_gate

SCANNER = reverse("accreditation:scanner")
LOOKUP = reverse("accreditation:gate_lookup")
ADMIT = reverse("accreditation:gate_admit")


operator = staff_fixture(Role.GATE, "gate-north")


colleague = staff_fixture(Role.GATE, "gate-south")


def look_up(gate, query, by):
    return gate_lookups.gate_lookup(checkpoint=gate, by=by, query=query)


def admit(lookup, badge, by, reason=ManualReason.CAMERA_FAILED, **kwargs):
    return gate_lookups.scan_record_manual(lookup_id=lookup.record.pk, badge_id=badge.pk,
                                           by=by, reason=reason, **kwargs)


def shown(lookup):
    return [badge for badge, _holder in lookup.badges]


# Looking up


def test_a_printed_number_shows_its_badge_and_admits_no_one(badge, press_gate, operator):
    lookup = look_up(press_gate, badge.number, operator)
    assert shown(lookup) == [badge]
    assert lookup.badges[0][1].name == badge.application.full_name
    assert Scan.objects.count() == 0
    record = GateLookup.objects.get()
    assert (record.checkpoint, record.operator, record.query, record.by_number, record.found,
            record.more, list(record.badges.all())) == (
        press_gate, operator, badge.number, True, 1, False, [badge])


@pytest.mark.parametrize("typed", [
    "{number}", "{lower}", "  {number}  ", "{spaced}",
], ids=["as printed", "lower case", "padded", "spaced out"])
def test_a_number_is_matched_whole_in_any_case(badge, press_gate, operator, typed):
    number = badge.number
    query = typed.format(number=number, lower=number.lower(),
                         spaced=number.replace("-", " - "))
    assert shown(look_up(press_gate, query, operator)) == [badge]


@pytest.mark.parametrize("typed", [
    "{number}0", "{head}", "{tail}", "{next}",
], ids=["longer", "its start", "its sequence alone", "the next number"])
def test_a_number_near_a_badges_finds_nothing(badge, press_gate, operator, typed):
    number = badge.number
    prefix, sequence = number.rsplit("-", 1)
    query = typed.format(number=number, head=number[:-1], tail=sequence,
                         next=f"{prefix}-{int(sequence) + 1:0{len(sequence)}d}")
    lookup = look_up(press_gate, query, operator)
    assert (lookup.badges, lookup.record.found) == ([], 0)
    assert GateLookup.objects.get().query == query  # logged all the same


@pytest.mark.parametrize("typed", ["Mai", "thị mai", "Trần", "mai trần", "  Thị   Mai "])
def test_a_name_of_three_letters_or_more_finds_the_holder(badge, press_gate, operator, typed):
    assert shown(look_up(press_gate, typed, operator)) == [badge]
    assert GateLookup.objects.get().by_number is False


@pytest.mark.parametrize("typed", ["", "   ", "M", "Ma", "M a", "..", "--", "Ma!"])
def test_a_name_of_fewer_than_three_letters_is_refused_and_runs_no_search(
        badge, press_gate, operator, typed):
    with pytest.raises(gate_lookups.LookupRefused) as refused:
        look_up(press_gate, typed, operator)
    assert "query" in refused.value.fields
    assert GateLookup.objects.count() == 0


def _revoked(badge):
    badge_revoke(badge=badge, by=None, reason="Press card withdrawn.")


def _suspended(badge):
    badges_suspend(application=badge.application)


def _lost(badge):
    badge_mark_lost(badge=badge, by=None)


def _replaced(badge):
    badge_reissue(badge=badge, by=None)


def _not_collected(badge):
    Badge.objects.filter(pk=badge.pk).update(collected_at=None)


def _expired(badge):
    yesterday = timezone.localdate(timezone=badge.event.tz) - timedelta(days=1)
    Badge.objects.filter(pk=badge.pk).update(valid_from=yesterday - timedelta(days=3),
                                             valid_until=yesterday)


def _not_yet_valid(badge):
    tomorrow = timezone.localdate(timezone=badge.event.tz) + timedelta(days=1)
    Badge.objects.filter(pk=badge.pk).update(valid_from=tomorrow,
                                             valid_until=tomorrow + timedelta(days=3))


# Each way a badge stops opening the press centre's door, and what its code would be told.
CLOSED = [
    (_revoked, DenyReason.REVOKED),
    (_suspended, DenyReason.SUSPENDED),
    (_lost, DenyReason.LOST),
    (_replaced, DenyReason.REPLACED),
    (_not_collected, DenyReason.NOT_COLLECTED),
    (_expired, DenyReason.OUTSIDE_DATES),
    (_not_yet_valid, DenyReason.OUTSIDE_DATES),
]
CLOSED_IDS = [close.__name__.strip("_") for close, _reason in CLOSED]


@pytest.mark.parametrize(("close", "reason"), CLOSED, ids=CLOSED_IDS)
def test_a_badge_that_opens_nothing_here_is_not_shown(badge, press_gate, operator, close,
                                                      reason):
    number, name = badge.number, badge.application.given_names
    close(badge)
    assert look_up(press_gate, number, operator).badges == []
    assert look_up(press_gate, name, operator).badges == []
    assert GateLookup.objects.filter(found=0).count() == 2


def test_a_badge_for_another_zone_is_not_shown(badge, plenary_gate, operator):
    # A press badge opens zones 2, 5 and 6; the plenary entrance is zone 1.
    assert look_up(plenary_gate, badge.number, operator).badges == []
    assert look_up(plenary_gate, "Thị Mai", operator).badges == []


def test_another_events_badge_is_not_shown(badge, operator):
    today = timezone.localdate(timezone=EventFactory.build().tz)
    other = EventFactory(start_date=today, end_date=today + timedelta(days=1))
    categories(other)
    gate = Checkpoint.objects.create(event=other, zone=Zone.objects.get(event=other, code="2"),
                                     name="Other press door")
    assert look_up(gate, badge.number, operator).badges == []
    assert look_up(gate, "Thị Mai", operator).badges == []


def test_six_matches_show_five_and_say_there_are_more(event, cats, press_gate, operator):
    for n in range(6):
        collected_badge(journalist(event, family_name=f"Nguyễn {n}", given_names="Văn An"))
    lookup = look_up(press_gate, "Văn An", operator)
    assert (len(lookup.badges), lookup.more) == (5, True)
    record = GateLookup.objects.get()
    assert (record.found, record.more, record.badges.count()) == (5, True, 5)


def test_five_matches_say_no_more(event, cats, press_gate, operator):
    for n in range(5):
        collected_badge(journalist(event, family_name=f"Nguyễn {n}", given_names="Văn An"))
    assert look_up(press_gate, "Văn An", operator).more is False


def test_a_closed_checkpoint_looks_nothing_up(badge, press_gate, operator):
    Checkpoint.objects.filter(pk=press_gate.pk).update(active=False)
    with pytest.raises(scans.UnknownCheckpoint):
        look_up(press_gate, badge.number, operator)
    assert GateLookup.objects.count() == 0


# Admitting by hand


def test_the_face_confirmed_admits_and_records_a_manual_scan(badge, press_gate, operator):
    lookup = look_up(press_gate, badge.number, operator)
    answer = admit(lookup, badge, operator, reason=ManualReason.CODE_UNREADABLE)
    assert (answer.result, answer.reason, answer.repeated) == (ScanResult.ALLOW, "", False)
    scan = Scan.objects.get()
    assert (scan.badge, scan.checkpoint, scan.result, scan.direction, scan.operator,
            scan.manual, scan.lookup_id, scan.manual_reason, scan.offline) == (
        badge, press_gate, ScanResult.ALLOW, Direction.IN, "gate-north", True,
        lookup.record.pk, ManualReason.CODE_UNREADABLE, False)


def test_a_scanned_code_is_not_manual(badge, press_gate):
    from accreditation.badges import codes

    scans.scan_record(code=codes.encode(badge), checkpoint_id=press_gate.pk,
                      client_scan_id="read-1")
    scan = Scan.objects.get()
    assert (scan.manual, scan.manual_reason) == (False, "")


def test_a_second_click_records_nothing_twice(badge, press_gate, operator):
    lookup = look_up(press_gate, badge.number, operator)
    first = admit(lookup, badge, operator)
    again = admit(lookup, badge, operator)
    assert (again.result, again.repeated, again.scan.pk) == (ScanResult.ALLOW, True,
                                                             first.scan.pk)
    assert Scan.objects.count() == 1


def test_one_lookup_admits_one_person(event, cats, press_gate, operator):
    one = collected_badge(journalist(event, family_name="Lê", given_names="Văn An"))
    two = collected_badge(journalist(event, family_name="Phạm", given_names="Văn An"))
    lookup = look_up(press_gate, "Văn An", operator)
    admit(lookup, one, operator)
    with pytest.raises(gate_lookups.AdmissionRefused):
        admit(lookup, two, operator)
    assert list(Scan.objects.values_list("badge", flat=True)) == [one.pk]


def test_an_admission_without_a_lookup_is_refused(badge, press_gate, operator):
    with pytest.raises(gate_lookups.AdmissionRefused):
        gate_lookups.scan_record_manual(lookup_id=12345, badge_id=badge.pk, by=operator,
                                        reason=ManualReason.CAMERA_FAILED)
    assert Scan.objects.count() == 0


def test_a_badge_the_lookup_did_not_show_is_refused(event, cats, badge, press_gate,
                                                    operator):
    # A guessed id (the next badge's) on a real lookup of another badge.
    other = collected_badge(journalist(event, family_name="Đỗ", given_names="Minh"))
    lookup = look_up(press_gate, badge.number, operator)
    with pytest.raises(gate_lookups.AdmissionRefused):
        admit(lookup, other, operator)
    empty = look_up(press_gate, "Nobody Here", operator)
    with pytest.raises(gate_lookups.AdmissionRefused):
        admit(empty, badge, operator)
    assert Scan.objects.count() == 0


def test_another_operators_lookup_admits_no_one(badge, press_gate, operator, colleague):
    lookup = look_up(press_gate, badge.number, colleague)
    with pytest.raises(gate_lookups.AdmissionRefused):
        admit(lookup, badge, operator)
    assert Scan.objects.count() == 0


def test_an_old_lookup_admits_no_one(badge, press_gate, operator):
    lookup = look_up(press_gate, badge.number, operator)
    GateLookup.objects.filter(pk=lookup.record.pk).update(
        looked_up_at=timezone.now() - gate_lookups.LOOKUP_VALID_FOR - timedelta(seconds=1))
    with pytest.raises(gate_lookups.AdmissionRefused):
        admit(lookup, badge, operator)
    assert Scan.objects.count() == 0


@pytest.mark.parametrize("reason", ["", "other", "because"])
def test_an_admission_says_why_the_code_was_not_read(badge, press_gate, operator, reason):
    lookup = look_up(press_gate, badge.number, operator)
    with pytest.raises(gate_lookups.AdmissionRefused) as refused:
        admit(lookup, badge, operator, reason=reason)
    assert "reason" in refused.value.fields
    assert Scan.objects.count() == 0


@pytest.mark.parametrize(("close", "reason"), CLOSED, ids=CLOSED_IDS)
def test_a_badge_closed_after_its_lookup_is_refused_and_the_refusal_recorded(
        badge, press_gate, operator, close, reason):
    lookup = look_up(press_gate, badge.number, operator)
    close(badge)
    answer = admit(lookup, badge, operator)
    assert (answer.result, answer.reason) == (ScanResult.DENY, reason)
    scan = Scan.objects.get()
    assert (scan.result, scan.reason, scan.manual) == (ScanResult.DENY, reason, True)


def test_the_direction_follows_the_checkpoint(badge, event, cats, operator):
    exit_gate = Checkpoint.objects.create(
        event=event, zone=Zone.objects.get(event=event, code="2"), name="Press exit",
        mode=CheckpointMode.EXIT)
    lookup = look_up(exit_gate, badge.number, operator)
    assert admit(lookup, badge, operator).scan.direction == Direction.OUT
    entry = look_up(exit_gate, badge.number, operator)
    answer = admit(entry, badge, operator, direction=Direction.IN)
    assert (answer.result, answer.reason) == (ScanResult.DENY, DenyReason.WRONG_DIRECTION)


# The pages


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_scanner_page_offers_the_lookup_the_kit_age_and_a_logout(press_gate, operator):
    html = client_for(operator).get(SCANNER, {"checkpoint": press_gate.pk}).content.decode()
    assert f'action="{LOOKUP}"' in html
    assert 'data-testid="kit-age"' in html
    assert f'action="{reverse("logout")}" method="post"' in html


def test_the_operator_looks_up_sees_the_photo_and_admits_by_hand(badge, press_gate,
                                                                 operator):
    from accreditation.applications.models.applications import Application

    Application.objects.filter(pk=badge.application_id).update(photo="photos/x.jpg")
    client = client_for(operator)
    page = client.post(LOOKUP, {"checkpoint": press_gate.pk, "query": badge.number})
    html = page.content.decode()
    assert page.status_code == 200
    photo = reverse("accreditation:application_file",
                    kwargs={"pk": badge.application_id, "kind": "photo"})
    assert f'src="{photo}"' in html
    assert badge.application.full_name in html
    assert Scan.objects.count() == 0
    lookup = GateLookup.objects.get()
    answer = client.post(ADMIT, {"checkpoint": press_gate.pk, "lookup": lookup.pk,
                                 "badge": badge.pk, "reason": ManualReason.CAMERA_FAILED,
                                 "direction": Direction.IN}, follow=True)
    assert answer.redirect_chain == [(f"{SCANNER}?checkpoint={press_gate.pk}", 302)]
    assert "entered by hand" in answer.content.decode()
    scan = Scan.objects.get()
    assert (scan.result, scan.manual, scan.operator) == (ScanResult.ALLOW, True, "gate-north")


def test_a_forged_admission_is_refused_on_the_page(badge, press_gate, operator, colleague):
    theirs = look_up(press_gate, badge.number, colleague)
    client = client_for(operator)
    # Another operator's lookup, one that does not exist, none at all.
    for lookup_id in (theirs.record.pk, theirs.record.pk + 1, ""):
        answer = client.post(ADMIT, {"checkpoint": press_gate.pk, "lookup": lookup_id,
                                     "badge": badge.pk, "reason": ManualReason.CAMERA_FAILED},
                             follow=True)
        assert answer.redirect_chain == [(f"{SCANNER}?checkpoint={press_gate.pk}", 302)]
        assert 'class="alert alert-danger"' in answer.content.decode()
    assert Scan.objects.count() == 0


@pytest.mark.parametrize("query", ["Ma", ""])
def test_a_short_name_gets_the_form_back_with_its_error(press_gate, operator, query):
    page = client_for(operator).post(LOOKUP, {"checkpoint": press_gate.pk, "query": query})
    assert page.status_code == 400
    assert 'data-testid="lookup-error"' in page.content.decode()
    assert GateLookup.objects.count() == 0


def test_a_lookup_at_a_closed_or_foreign_checkpoint_is_refused(badge, press_gate, operator):
    client = client_for(operator)
    Checkpoint.objects.filter(pk=press_gate.pk).update(active=False)
    for checkpoint in (press_gate.pk, 0, "x", ""):
        page = client.post(LOOKUP, {"checkpoint": checkpoint, "query": badge.number})
        assert page.status_code == 400
    assert GateLookup.objects.count() == 0


def test_lookups_are_limited_per_operator(badge, press_gate, operator, colleague, settings):
    settings.GATE_LOOKUP_RATE = "3/d"  # a window no four requests straddle
    client = client_for(operator)
    answers = [client.post(LOOKUP, {"checkpoint": press_gate.pk, "query": badge.number})
               for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[-1]["Retry-After"]
    assert GateLookup.objects.count() == 3
    # Another operator at the same gate is counted on their own.
    other = client_for(colleague).post(LOOKUP, {"checkpoint": press_gate.pk,
                                                "query": badge.number})
    assert other.status_code == 200


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.VETTING, Role.OBSERVER, Role.STEERING])
def test_other_roles_cannot_look_up_or_admit(badge, press_gate, role):
    client = client_for(user_with_role(role, username=f"user-{role}"))
    assert client.post(LOOKUP, {"checkpoint": press_gate.pk,
                                "query": badge.number}).status_code == 403
    assert client.post(ADMIT, {"checkpoint": press_gate.pk}).status_code == 403
    assert GateLookup.objects.count() == 0



def test_the_purge_removes_what_was_typed(badge, press_gate, operator):
    from logistics.core.models.event import Event
    from privacy.services.purge import PLACEHOLDER, personal_data_purge

    look_up(press_gate, "Thị Mai", operator)
    look_up(press_gate, badge.number, operator)
    event = press_gate.event
    Event.objects.filter(pk=event.pk).update(start_date=event.start_date - timedelta(days=40),
                                             end_date=event.start_date - timedelta(days=38))
    event.refresh_from_db()
    report = personal_data_purge(event=event, days=30)
    assert report.counts["gate lookups"] == 2
    assert set(GateLookup.objects.values_list("query", flat=True)) == {PLACEHOLDER}
    assert personal_data_purge(event=event, days=30).counts["gate lookups"] == 0
