"""`seed_demo` loads the reference event of SCENARIO.md: its delegations, members, signing
ceremony, speakers, bilaterals, programme and side events, without a clash. The whole
scenario is loaded once for this module (it takes seconds) and rolled back afterwards."""

import re
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.models import BilateralMeeting
from logistics.core.enums import Role
from logistics.core.models.event import Event
from logistics.core.permissions import has_role
from logistics.delegations.enums import DelegationKind, DelegationLevel, DelegationStatus
from logistics.delegations.models import Delegation, DelegationMember, Invitation
from logistics.demo import scenario
from logistics.demo.delegations_data import EUROPEAN_UNION
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.models import HostLeader, ProgrammeVersion, Room, Session
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import ProposalReview, SideEventProposal
from logistics.signing.enums import SigningPlace
from logistics.signing.models import Signing
from logistics.speakers.models import SpeakerSlot
from tests.factories.plan import EventFactory
from tests.samples import spread

ATTENDING = (DelegationStatus.REGISTERED, DelegationStatus.ARRIVED, DelegationStatus.DEPARTED)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The scenario, loaded once inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(seeded, db):
    return Event.objects.get()


def test_the_scenario_has_the_reference_events_delegations(demo):
    kinds = Counter(Delegation.objects.filter(event=demo).values_list("kind", flat=True))
    assert kinds[DelegationKind.STATE] == 110
    assert sum(kinds[k] for k in (DelegationKind.UN_ENTITY, DelegationKind.IGO,
                                  DelegationKind.NGO, DelegationKind.PRIVATE_SECTOR)) == 150
    assert kinds[DelegationKind.RESEARCH] == 50
    groups = Counter(Delegation.objects.filter(event=demo, kind=DelegationKind.STATE)
                     .values_list("country__regional_group", flat=True))
    assert set(groups) == {"african", "asia_pacific", "eastern_european",
                           "latin_american_caribbean", "western_european_others"}
    assert not Delegation.objects.filter(event=demo, country__code="VN").exists()  # the host


def test_most_delegations_attend_and_a_few_decline(demo):
    statuses = Counter(Delegation.objects.filter(event=demo).values_list("status", flat=True))
    attending = sum(statuses[s] for s in ATTENDING)
    assert attending > 250
    assert 0 < statuses[DelegationStatus.DECLINED] < 15
    assert statuses[DelegationStatus.INVITED] > 0 and statuses[DelegationStatus.CONFIRMED] > 0


def test_about_2500_members_with_one_head_per_attending_delegation(demo):
    members = DelegationMember.objects.filter(delegation__event=demo)
    assert members.count() == 2500
    attending = Delegation.objects.filter(event=demo, status__in=ATTENDING)
    assert members.filter(is_head=True).count() == attending.count()
    assert not members.exclude(delegation__status__in=ATTENDING).exists()
    over_quota = [d.name for d in attending if d.members.count() > d.size_quota]
    assert over_quota == []


def test_members_have_names_in_many_scripts_and_no_id_numbers_or_photos(demo):
    members = DelegationMember.objects.filter(delegation__event=demo)
    names = "".join(members.values_list("family_name", flat=True))
    scripts = {"Arabic": r"[\u0600-\u06ff]", "Chinese": r"[\u4e00-\u9fff]",
               "Cyrillic": r"[\u0400-\u04ff]", "Greek": r"[\u0370-\u03ff]",
               "Vietnamese": r"Nguyễn|Trần|Đặng", "Latin accents": r"[éèüöñç]"}
    for script, pattern in scripts.items():
        assert re.search(pattern, names), script
    assert not members.exclude(id_document_index="").exists()
    assert not members.exclude(photo="").exists()
    assert {email.rsplit("@", 1)[1] for email in members.values_list("email", flat=True)} \
        <= {"example.org", "example.net"}
    assert Counter(members.values_list("gender", flat=True)).keys() >= {"female", "male"}


def test_members_arrive_before_the_event_and_leave_after_it(demo):
    members = DelegationMember.objects.filter(delegation__event=demo)
    opening = Session.objects.get(event=demo, kind=SessionKind.OPENING)
    closing = Session.objects.get(event=demo, title="Closing session")
    assert not members.filter(arrival_at__gte=opening.starts_at).exists()
    assert not members.filter(departure_at__lt=closing.ends_at).exists()
    days = {m.astimezone(demo.tz).date() for m in members.values_list("arrival_at", flat=True)}
    assert len(days) >= 5
    assert set(members.values_list("arrival_airport", flat=True)) == {"HAN", "SGN", "DAD"}
    assert all(re.fullmatch(r"[A-Z0-9]{2}\d{2,3}", flight)
               for flight in members.values_list("arrival_flight", flat=True))


def test_bulk_inserted_rows_pass_validation(demo):
    for member in spread(DelegationMember.objects.filter(delegation__event=demo), 200):
        member.full_clean()
    for review in ProposalReview.objects.filter(proposal__event=demo)[:50]:
        review.full_clean()


def test_delegations_have_focal_points_hotels_and_liaison_officers(demo):
    states = Delegation.objects.filter(event=demo, kind=DelegationKind.STATE)
    assert not states.filter(liaison_officer__isnull=True).exists()
    assert all(has_role(d.liaison_officer, Role.PROTOCOL)
               for d in states.select_related("liaison_officer")[:20])
    assert not Delegation.objects.filter(event=demo, focal_point_email="").exists()
    assert not Delegation.objects.filter(event=demo, status__in=ATTENDING, hotel="").exists()
    live = Invitation.objects.filter(delegation__event=demo, revoked_at__isnull=True)
    assert live.count() == Delegation.objects.filter(event=demo).exclude(
        status=DelegationStatus.DECLINED).count()
    assert demo.registration_deadline is not None


def test_72_signatories_64_in_the_plenary_in_order_of_precedence(demo):
    signings = Signing.objects.filter(event=demo).select_related("delegation__country")
    assert signings.count() == 72
    assert all(s.delegation.intends_to_sign for s in signings)
    assert Delegation.objects.filter(event=demo, intends_to_sign=True).count() == 72
    plenary = signings.filter(where=SigningPlace.PLENARY).order_by("order")
    assert plenary.count() == 64
    assert [s.order for s in plenary] == list(range(1, 65))
    assert signings.filter(where=SigningPlace.TREATY_DESK, order__isnull=True).count() == 8
    ranks = [s.signatory_level for s in plenary]
    assert ranks[0] == "head_of_state" and ranks[-1] in ("ambassador", "senior_official")
    regions = Counter("european_union" if s.delegation.country.code in EUROPEAN_UNION
                      else s.delegation.country.regional_group for s in signings)
    assert (regions["african"], regions["asia_pacific"], regions["latin_american_caribbean"],
            regions["european_union"]) == (21, 19, 12, 19)
    assert not signings.filter(signed_at__isnull=False).exists()  # the ceremony is ahead


def test_no_signature_is_scheduled_without_verified_full_powers(demo):
    signings = list(Signing.objects.filter(event=demo))
    assert all(s.may_sign for s in signings if s.scheduled_at is not None)
    waiting = [s for s in signings if s.needs_full_powers and not s.full_powers_verified]
    assert 3 <= len(waiting) <= 10
    assert any(s.full_powers_received_at is not None for s in waiting)
    assert all(s.scheduled_at is None for s in waiting)
    ceremony = Session.objects.get(event=demo, kind=SessionKind.SIGNING_CEREMONY)
    assert all(ceremony.starts_at <= s.scheduled_at < ceremony.ends_at
               for s in signings if s.where == SigningPlace.PLENARY and s.scheduled_at)


def test_71_speakers_ordered_by_precedence(demo):
    slots = SpeakerSlot.objects.filter(session__event=demo).select_related("session")
    assert slots.count() == 71
    by_session = defaultdict(list)
    for slot in slots.order_by("session", "order"):
        by_session[slot.session.kind].append(slot)
    assert set(by_session) == {SessionKind.PLENARY, SessionKind.HIGH_LEVEL_DEBATE}
    rank = {level: n for n, level in enumerate(DelegationLevel.values)}
    for group in by_session.values():
        assert [s.order for s in group] == list(range(1, len(group) + 1))
        keys = [(rank[s.level], s.inscribed_at) for s in group]
        assert keys == sorted(keys)
        assert all(s.time_limit_minutes == 5 and s.speaker_name for s in group)
    assert {s.language for s in slots} <= {"en", "fr", "es", "ar", "ru", "zh", "vi"}
    assert len({s.language for s in slots}) >= 4
    kinds = Counter(slots.values_list("delegation__kind", flat=True))
    assert kinds[DelegationKind.STATE] > 50 and kinds[DelegationKind.PRIVATE_SECTOR] > 0


def test_bilaterals_requested_scheduled_and_declined(demo):
    meetings = BilateralMeeting.objects.filter(event=demo).select_related("session__room")
    assert meetings.count() == 20
    statuses = Counter(m.status for m in meetings)
    assert statuses[BilateralStatus.SCHEDULED] >= 10
    assert statuses[BilateralStatus.REQUESTED] > 0 and statuses[BilateralStatus.DECLINED] > 0
    for meeting in meetings:
        if meeting.status == BilateralStatus.SCHEDULED:
            assert meeting.session.kind == SessionKind.BILATERAL
            assert meeting.session.room.name.startswith("Bilateral Room")
            taking_part = set(meeting.session.delegations.values_list("pk", flat=True))
            assert meeting.requester_id in taking_part
            assert meeting.session.host_leader_id == meeting.host_leader_id
        else:
            assert meeting.session is None
    assert meetings.filter(host_leader__isnull=False).exists()
    assert meetings.filter(counterpart__isnull=False).exists()


def test_50_proposals_37_accepted_and_scheduled_with_reviews(demo):
    proposals = SideEventProposal.objects.filter(event=demo)
    assert proposals.count() == 50
    accepted = proposals.filter(status=ProposalStatus.ACCEPTED)
    assert accepted.count() == 37
    assert accepted.filter(session__status=SessionStatus.SCHEDULED,
                           session__kind=SessionKind.SIDE_EVENT).count() == 37
    assert accepted.filter(confirmed_at__isnull=False).count() > 25
    assert proposals.filter(status=ProposalStatus.WAITLISTED).exists()
    assert proposals.filter(status=ProposalStatus.REJECTED).exists()
    assert not proposals.exclude(status=ProposalStatus.ACCEPTED).filter(
        session__isnull=False).exists()
    for proposal in proposals.exclude(status=ProposalStatus.SUBMITTED).prefetch_related(
            "reviews__reviewer"):
        reviews = list(proposal.reviews.all())
        assert 2 <= len(reviews) <= 3
        assert all(has_role(r.reviewer, Role.PROGRAMME) for r in reviews)


def test_the_programme_has_every_kind_of_session(demo):
    kinds = Counter(Session.objects.filter(event=demo).values_list("kind", flat=True))
    for kind in (SessionKind.OPENING, SessionKind.SIGNING_CEREMONY, SessionKind.PLENARY,
                 SessionKind.HIGH_LEVEL_DEBATE, SessionKind.ROUNDTABLE,
                 SessionKind.PRESS_CONFERENCE, SessionKind.RECEPTION, SessionKind.CULTURAL,
                 SessionKind.REHEARSAL, SessionKind.EXHIBITION):
        assert kinds[kind] >= 1, kind
    assert kinds[SessionKind.SEMINAR] == 8
    assert kinds[SessionKind.SIDE_EVENT] == 37
    plenary_hall = Room.objects.get(venue__event=demo, name="Plenary Hall")
    assert plenary_hall.capacity == 3000
    assert set(HostLeader.objects.filter(event=demo).values_list("name", flat=True)) >= {
        "The President of Viet Nam", "The Prime Minister of Viet Nam",
        "The Minister for Foreign Affairs of Viet Nam"}
    version = ProgrammeVersion.objects.get(event=demo)
    assert version.number == 1 and len(version.sessions) > 60
    rehearsal = Session.objects.get(event=demo, kind=SessionKind.REHEARSAL,
                                    host_leader__isnull=False)
    assert rehearsal.starts_at.astimezone(demo.tz).date() == demo.start_date - timedelta(days=2)


def _overlaps(spans):
    spans = sorted(spans)
    return [(a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]]


def test_no_room_person_or_capacity_clash_among_scheduled_sessions(demo):
    sessions = (Session.objects.filter(event=demo, status=SessionStatus.SCHEDULED)
                .select_related("room").prefetch_related("delegations"))
    rooms, people = defaultdict(list), defaultdict(list)
    for s in sessions:
        span = (s.starts_at, s.ends_at, s.title)
        rooms[s.room_id].append(span)
        for delegation in s.delegations.all():
            people[("delegation", delegation.pk)].append(span)
        if s.host_leader_id:
            people[("leader", s.host_leader_id)].append(span)
        assert s.expected_audience is None or s.expected_audience <= s.room.capacity, s.title
    assert all(_overlaps(spans) == [] for spans in rooms.values())
    assert all(_overlaps(spans) == [] for spans in people.values())
    assert sum(len(spans) > 1 for spans in people.values()) > 10  # people do move around


def test_demo_users_for_protocol_and_programme(demo):
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["protocol", "programme"])}
    assert has_role(users["protocol"], Role.PROTOCOL)
    assert has_role(users["programme"], Role.PROGRAMME)


def test_running_it_again_does_not_duplicate(demo):
    before = (Delegation.objects.count(), DelegationMember.objects.count(),
              Session.objects.count())
    call_command("seed_demo", "--if-empty", verbosity=0)
    with pytest.raises(CommandError, match="already holds an event"):
        call_command("seed_demo", verbosity=0)
    assert Event.objects.count() == 1
    assert (Delegation.objects.count(), DelegationMember.objects.count(),
            Session.objects.count()) == before


SMALL = scenario.Counts(states=12, organisations=10, research=4, members=90, signatories=8,
                        plenary_signings=6, speakers=9, bilaterals=5, proposals=8, accepted=5,
                        seminars=3)


def _fingerprint(event):
    return (
        list(Delegation.objects.filter(event=event).order_by("pk").values_list(
            "kind", "country__code", "name", "head_name", "head_level", "status", "size_quota")),
        list(DelegationMember.objects.filter(delegation__event=event).order_by("pk")
             .values_list("family_name", "given_names", "arrival_flight")),
        list(Session.objects.filter(event=event).order_by("pk").values_list(
            "title", "room__name", "starts_at")),
    )


def test_counts_are_parameters_and_the_build_is_deterministic(db):
    first = EventFactory(start_date=timezone.localdate() + timedelta(days=20))
    scenario.build(first, counts=SMALL)
    second = EventFactory(start_date=first.start_date)
    scenario.build(second, counts=SMALL)
    assert Delegation.objects.filter(event=first, kind=DelegationKind.STATE).count() == 12
    assert DelegationMember.objects.filter(delegation__event=first).count() == 90
    assert Signing.objects.filter(event=first).count() == 8
    assert SpeakerSlot.objects.filter(session__event=first).count() == 9
    assert SideEventProposal.objects.filter(event=first, status="accepted").count() == 5
    assert _fingerprint(first) == _fingerprint(second)


def test_a_larger_scale_repeats_the_cast_and_the_programme_in_annexes(db):
    event = EventFactory(start_date=timezone.localdate() + timedelta(days=20))
    scenario.build(event, counts=SMALL, scale=3)
    assert Delegation.objects.filter(event=event).count() == 3 * (12 + 10 + 4)
    assert DelegationMember.objects.filter(delegation__event=event).count() == 3 * 90
    assert event.venues.count() == 3
    assert SideEventProposal.objects.filter(event=event).count() == 3 * 8
    assert Session.objects.filter(event=event, kind=SessionKind.SEMINAR).count() == 3 * 3
    # One ceremony and one list of speakers, whatever the scale.
    assert Signing.objects.filter(event=event).count() == 8
    assert SpeakerSlot.objects.filter(session__event=event).count() == 9


def test_a_scenario_dated_in_the_past_has_arrivals_and_signatures(db):
    event = EventFactory(start_date=timezone.localdate() - timedelta(days=1))
    scenario.build(event, counts=SMALL)
    statuses = Counter(Delegation.objects.filter(event=event).values_list("status", flat=True))
    assert statuses[DelegationStatus.ARRIVED] + statuses[DelegationStatus.DEPARTED] > 0
    assert statuses[DelegationStatus.REGISTERED] == 0
    assert Signing.objects.filter(event=event, signed_at__isnull=False).exists()
    assert BilateralMeeting.objects.filter(event=event, status=BilateralStatus.HELD).exists()
