"""`seed_demo` loads the accreditation side of the reference event (SCENARIO.md): 189 media
outlets, 400+ journalists in every state of the pipeline, delegate applications for the
delegation members, badges for the approved, the convention centre's checkpoints and a day
of scans, without a mail or a webhook. The scenario is loaded once for this module and
rolled back afterwards."""

import io
import re
from collections import Counter, defaultdict
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.delegation_media import DIGNITARY_LEVELS
from accreditation.applications.services.duplicates import duplicates_of
from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import badge_number
from accreditation.demo import scenario as demo
from accreditation.enums import (
    DELEGATION_MEDIA_ROLES,
    LIVE_STATUSES,
    TRANSITIONS,
    ApplicationSource,
    ApplicationStatus,
    BadgeStatus,
    CheckpointMode,
    DenyReason,
    Direction,
    MediaRole,
    OutletKind,
    PrintStatus,
    ScanResult,
    VettingStatus,
)
from accreditation.gates.models import Checkpoint, Scan
from accreditation.gates.services import scans
from accreditation.integrations.models import Delivery
from accreditation.permissions import can_manage_accreditation, can_scan, can_vet
from accreditation.setup.models import AccreditationCategory, MediaOutlet, OrganisationQuota
from logistics.core.crypto import document_index
from logistics.core.models.event import Event
from logistics.delegations.models import DelegationMember
from logistics.demo import scenario as logistics_scenario
from tests.factories.plan import EventFactory
from tests.samples import spread

S = ApplicationStatus
MEDIA = ("P", "T")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The whole demo, loaded once inside a transaction that is rolled back at the end. What
    seed_demo left to run after commit is run too, with Celery in-process, so that a mail or
    a webhook it would cause shows up here."""
    from config.celery import app as celery_app

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            mail.outbox = []
            output = io.StringIO()
            call_command("seed_demo", verbosity=0, stdout=output)
            after_commit = [func for _ids, func, _robust in connection.run_on_commit]
            conf = celery_app.conf
            saved = conf.task_always_eager
            conf.task_always_eager = True
            try:
                for func in after_commit:
                    func()
            finally:
                conf.task_always_eager = saved
            yield SimpleNamespace(output=output.getvalue(), sent=list(mail.outbox))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def event(seeded, db):
    return Event.objects.get()


@pytest.fixture
def applications(event):
    return Application.objects.filter(event=event)


@pytest.fixture
def journalists(applications):
    return applications.filter(category__code__in=MEDIA)


def test_189_outlets_domestic_and_foreign_of_every_kind(event):
    outlets = MediaOutlet.objects.filter(event=event)
    assert outlets.count() == 189
    names = set(outlets.values_list("name", flat=True))
    assert {"Vietnam News Agency", "Vietnam Television (VTV)", "Nhân Dân", "Tuổi Trẻ",
            "VnExpress", "Reuters", "Agence France-Presse", "Xinhua News Agency"} <= names
    domestic = outlets.filter(domestic=True)
    assert 30 <= domestic.count() <= 60
    assert set(domestic.values_list("country__code", flat=True)) == {"VN"}
    assert not outlets.filter(domestic=False, country__code="VN").exists()
    assert set(outlets.values_list("kind", flat=True)) == set(OutletKind.values)
    assert outlets.values("country").distinct().count() > 60
    assert outlets.get(name="Vietnam News Agency").quota > outlets.get(name="Reuters").quota > 1


def test_400_journalists_in_every_state_and_role(journalists):
    assert journalists.count() >= 400
    assert set(journalists.values_list("status", flat=True)) == set(S.values)
    assert set(journalists.values_list("media_role", flat=True)) == set(MediaRole.values)
    assert set(journalists.values_list("vetting", flat=True)) == {
        VettingStatus.PENDING, VettingStatus.CLEARED, VettingStatus.FLAGGED}
    statuses = Counter(journalists.values_list("status", flat=True))
    assert statuses[S.APPROVED] > journalists.count() / 3
    assert journalists.filter(outlet__isnull=False).values("outlet").distinct().count() == 189
    assert not journalists.filter(category__code="T").exclude(
        media_role=MediaRole.TECHNICIAN).exists()


def test_journalists_names_are_in_many_scripts_with_their_documents(journalists):
    names = " ".join(f"{g} {f}" for g, f in journalists.values_list("given_names",
                                                                   "family_name"))
    for script, pattern in {"Arabic": r"[\u0600-\u06ff]", "Chinese": r"[\u4e00-\u9fff]",
                            "Cyrillic": r"[\u0400-\u04ff]", "Vietnamese": r"Nguyễn|Trần|Đặng",
                            "Korean or Japanese": r"[\uac00-\ud7af\u3040-\u30ff]"}.items():
        assert re.search(pattern, names), script
    assert len(set(journalists.values_list("nationality__code", flat=True))) > 30
    for application in spread(journalists, 60):
        assert application.id_document_number
        assert application.id_document_index == document_index(application.id_document_number)
        assert application.email.endswith(("@example.com", "@example.net"))


def test_no_outlet_or_category_holds_more_than_its_quota(event, applications):
    outlets = MediaOutlet.objects.filter(event=event).annotate(
        approved=Count("applications", filter=Q(applications__status=S.APPROVED)))
    assert [o.name for o in outlets if o.approved > o.quota] == []
    categories = AccreditationCategory.objects.filter(event=event).annotate(
        approved=Count("applications", filter=Q(applications__status=S.APPROVED)))
    quotas = {c.code: c.quota for c in categories}
    assert quotas["P"] == 450
    assert [c.code for c in categories if c.quota is not None and c.approved > c.quota] == []
    organisation_quotas = OrganisationQuota.objects.filter(category__event=event)
    assert organisation_quotas.count() >= 3
    used = {quota.organisation: (applications.filter(
        category=quota.category, status=S.APPROVED,
        organisation__iexact=quota.organisation).count(), quota.quota)
        for quota in organisation_quotas}
    assert [name for name, (n, quota) in used.items() if n > quota] == []
    assert sum(n for n, _ in used.values()) >= 10


def test_proposed_outlets_wait_for_the_office(journalists):
    proposed = journalists.filter(outlet__isnull=True, delegation__isnull=True)
    assert proposed.count() >= 10
    assert not proposed.filter(proposed_outlet="").exists()
    assert not proposed.filter(proposed_outlet_country__isnull=True).exists()
    assert set(proposed.values_list("status", flat=True)) <= {
        S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFORMATION}


def test_likely_duplicates_are_there_for_the_review_queue(journalists):
    live = journalists.filter(status__in=(S.SUBMITTED, S.UNDER_REVIEW))
    same_name_and_birth = set()
    for application in live:
        for other in duplicates_of(application):
            if (other.family_name, other.date_of_birth) == (application.family_name,
                                                           application.date_of_birth):
                assert other.id_document_index != application.id_document_index
                same_name_and_birth.add(frozenset((application.pk, other.pk)))
    assert len(same_name_and_birth) >= 6
    closed = journalists.filter(status__in=(S.REJECTED, S.WITHDRAWN))
    again = live.filter(id_document_index__in=closed.values("id_document_index"))
    assert again.count() >= 3
    for application in again:
        earlier = closed.get(id_document_index=application.id_document_index)
        assert earlier.created_at < application.created_at
        assert earlier.transitions.order_by("-at").first().at <= application.created_at
    held = journalists.filter(status=S.POSSIBLE_DUPLICATE).select_related("duplicate_of")
    assert held.count() >= 2
    for application in held:
        other = application.duplicate_of
        assert other.status in LIVE_STATUSES and other.created_at < application.created_at
        assert (other.id_document_index, other.nationality_id) == (
            application.id_document_index, application.nationality_id)
        assert application.transitions.get().reason == f"Possible duplicate of {other.reference}."


def test_dignitary_delegations_bring_their_own_photographer_and_camera_operator(journalists):
    media = journalists.filter(delegation__isnull=False).select_related("delegation")
    assert media.count() >= 4
    by_delegation = defaultdict(list)
    for application in media:
        assert application.delegation.head_level in DIGNITARY_LEVELS
        assert application.outlet_id is None
        assert application.source == ApplicationSource.DELEGATION
        by_delegation[application.delegation_id].append(application.media_role)
    assert all(sorted(roles) == sorted(DELEGATION_MEDIA_ROLES)
               for roles in by_delegation.values())


def test_every_delegation_member_has_a_delegate_application(event, applications):
    members = DelegationMember.objects.filter(delegation__event=event)
    assert members.count() == 2500
    delegates = applications.filter(member__isnull=False).select_related(
        "member", "category", "delegation")
    assert delegates.count() == members.count()
    for application in delegates:
        assert application.category.code == ("E" if application.member.is_head else "D")
        assert application.delegation_id == application.member.delegation_id
        assert application.organisation == application.delegation.name[:200]
        assert application.source == ApplicationSource.DELEGATION
        assert (application.family_name, application.date_of_birth) == (
            application.member.family_name, application.member.date_of_birth)
    statuses = Counter(delegates.values_list("status", flat=True))
    assert statuses[S.APPROVED] > 0.8 * members.count()


def test_staff_security_and_liaison_officers_are_accredited(applications):
    for code, at_least in (("C", 40), ("Z", 60), ("L", 30)):
        team = applications.filter(category__code=code)
        assert team.filter(status=S.APPROVED).count() >= at_least, code
        assert set(team.values_list("nationality__code", flat=True)) == {"VN"}
    liaison = set(applications.filter(category__code="L").values_list("email", flat=True))
    assert "liaison.an@example.org" in liaison


def test_every_vetting_state_and_no_approval_before_clearance(applications):
    assert set(applications.values_list("vetting", flat=True)) == set(VettingStatus.values)
    approved = applications.filter(status=S.APPROVED)
    assert not approved.exclude(vetting__in=(VettingStatus.CLEARED,
                                             VettingStatus.NOT_REQUIRED)).exists()
    assert not applications.filter(vetting=VettingStatus.NOT_REQUIRED,
                                   category__vetting_required=True).exists()
    assert not applications.filter(vetting=VettingStatus.FLAGGED, vetting_note="").exists()
    assert not applications.filter(vetting=VettingStatus.FLAGGED, vetting_reason="").exists()
    vetted = applications.filter(vetting__in=(VettingStatus.CLEARED, VettingStatus.FLAGGED))
    assert not vetted.filter(Q(vetted_at__isnull=True) | Q(vetted_by__isnull=True)).exists()
    for application in spread(approved.filter(vetting=VettingStatus.CLEARED), 100):
        approval = application.transitions.get(to_status=S.APPROVED)
        assert application.created_at <= application.vetted_at <= approval.at


def test_each_history_is_a_chain_of_legal_moves_that_ends_in_the_status(applications):
    moves = defaultdict(list)
    for row in Transition.objects.filter(application__event=applications.first().event) \
            .order_by("at", "id").values("application_id", "from_status", "to_status", "at",
                                         "mailed_at", "reason"):
        moves[row["application_id"]].append(row)
    now = timezone.now()
    for application in applications.only("pk", "status", "created_at", "updated_at",
                                         "information_requested"):
        chain = moves[application.pk]
        assert chain[0]["from_status"] == ""
        assert chain[0]["to_status"] in (S.SUBMITTED, S.POSSIBLE_DUPLICATE)
        assert chain[0]["at"] == application.created_at
        for before, after in zip(chain, chain[1:], strict=False):
            assert after["from_status"] == before["to_status"]
            assert after["to_status"] in TRANSITIONS[before["to_status"]]
        assert chain[-1]["to_status"] == application.status
        assert chain[-1]["at"] <= application.updated_at <= now
        assert all(row["mailed_at"] is not None for row in chain)
        if application.status == S.NEEDS_INFORMATION:
            assert application.information_requested == chain[-1]["reason"] != ""
        if application.status == S.REJECTED:
            assert chain[-1]["reason"]


def test_bulk_inserted_applications_pass_validation(applications):
    for application in spread(applications, 60):
        application.full_clean()


def test_approved_applications_hold_exactly_one_active_badge(event, applications):
    approved = applications.filter(status=S.APPROVED).annotate(
        active=Count("badges", filter=Q(badges__status=BadgeStatus.ACTIVE)))
    assert Counter(a.active for a in approved) == {1: approved.count()}
    assert not Badge.objects.filter(event=event, status=BadgeStatus.ACTIVE).exclude(
        application__status=S.APPROVED).exists()


def test_badge_numbers_follow_the_issuing_scheme(event):
    badges = list(Badge.objects.filter(event=event).select_related("category"))
    numbers = [b.number for b in badges]
    assert len(numbers) == len(set(numbers)) > 2500
    sequences = defaultdict(list)
    for badge in badges:
        assert badge.number == badge_number(event, badge.category, badge.sequence)
        sequences[badge.category_id].append((badge.issued_at, badge.sequence))
        assert badge.valid_from <= badge.valid_until
    for issued in sequences.values():
        assert [s for _, s in sorted(issued)] == list(range(1, len(issued) + 1))


def test_badges_carry_their_categorys_zones(event):
    zones = {c.pk: ",".join(c.zones.order_by("code").values_list("code", flat=True))
             for c in AccreditationCategory.objects.filter(event=event)}
    for badge in spread(Badge.objects.filter(event=event).prefetch_related("zones"), 200):
        assert badge.zone_codes == zones[badge.category_id]
        assert ",".join(sorted(z.code for z in badge.zones.all())) == badge.zone_codes


def test_most_badges_are_collected_and_a_few_went_wrong(event):
    badges = Badge.objects.filter(event=event)
    statuses = Counter(badges.values_list("status", flat=True))
    assert statuses[BadgeStatus.REVOKED] >= 3
    assert statuses[BadgeStatus.LOST] >= 3 and statuses[BadgeStatus.REPLACED] >= 3
    active = badges.filter(status=BadgeStatus.ACTIVE)
    assert active.filter(collected_at__isnull=False).count() > 0.7 * active.count()
    assert active.filter(collected_at__isnull=True, print_status=PrintStatus.PRINTED).exists()
    assert not badges.filter(collected_at__isnull=False,
                             print_status=PrintStatus.NOT_PRINTED).exists()
    assert not badges.filter(collected_at__lt=F("printed_at")).exists()
    for badge in badges.filter(status__in=(BadgeStatus.LOST, BadgeStatus.REPLACED)):
        assert badge.replaced_by.status == BadgeStatus.ACTIVE
        assert badge.replaced_by.application_id == badge.application_id
        assert badge.replaced_by.issued_at > badge.collected_at
    assert set(badges.filter(status=BadgeStatus.REVOKED).values_list(
        "application__status", flat=True)) == {S.WITHDRAWN}


def test_side_event_speakers_hold_day_badges_without_vetting(event, applications):
    speakers = applications.filter(category__code="S")
    assert speakers.exists()
    assert set(speakers.values_list("vetting", flat=True)) == {VettingStatus.NOT_REQUIRED}
    badges = Badge.objects.filter(application__in=speakers)
    assert not badges.exclude(valid_from=F("valid_until")).exists()
    assert {b.valid_from for b in badges} == {event.start_date, event.end_date}


def test_checkpoints_of_the_convention_centre(event):
    gates = {c.name: (c.zone.code, c.mode) for c in
             Checkpoint.objects.filter(event=event).select_related("zone")}
    assert gates == {
        "Main entrance — plenary": ("1", CheckpointMode.BOTH),
        "Press centre gate": ("2", CheckpointMode.BOTH),
        "Bilateral wing": ("3", CheckpointMode.ENTRY),
        "VIP lounge door": ("4", CheckpointMode.ENTRY),
        "Exhibition hall": ("5", CheckpointMode.BOTH),
        "Media tribune stairs": ("6", CheckpointMode.ENTRY),
    }


def test_a_day_of_scans_on_the_first_day_allowed_and_denied(event):
    scanned = Scan.objects.filter(checkpoint__event=event)
    assert scanned.count() > 3000
    days = {moment.astimezone(event.tz).date()
            for moment in scanned.values_list("scanned_at", flat=True)}
    assert days == {event.start_date}
    results = Counter(scanned.values_list("result", flat=True))
    assert results[ScanResult.ALLOW] > 10 * results[ScanResult.DENY] > 0
    # Every denial but a suspension: the demo's story has no late security vetting flag.
    assert set(scanned.filter(result=ScanResult.DENY).values_list("reason", flat=True)) == set(
        DenyReason.values) - {DenyReason.SUSPENDED}
    assert not scanned.filter(result=ScanResult.ALLOW).exclude(reason="").exists()
    hours = Counter(m.astimezone(event.tz).hour for m in scanned.values_list("scanned_at",
                                                                          flat=True))
    assert hours[8] > hours[11] and hours[12] + hours[13] > hours[11]  # rush, then lunch
    main = scanned.filter(checkpoint__name="Main entrance — plenary", result=ScanResult.ALLOW)
    ins, outs = (main.filter(direction=d).count() for d in (Direction.IN, Direction.OUT))
    assert ins >= outs > 0.8 * ins
    offline = scanned.filter(offline=True)
    assert offline.exists()
    assert all(s.received_at > s.scanned_at for s in offline)
    unknown = scanned.filter(badge__isnull=True)
    assert not unknown.filter(code_excerpt="").exists()
    assert not scanned.filter(badge__isnull=False).exclude(code_excerpt="").exists()


@pytest.fixture
def gate_cache():
    scans.forget_checkpoints()
    yield
    scans.forget_checkpoints()  # the rolled-back gates must not outlive this module


def test_each_badges_scans_are_the_scan_services_answers(event, gate_cache):
    held = Scan.objects.filter(checkpoint__event=event, badge__isnull=False) \
        .select_related("badge")
    sample = [*spread(held.filter(result=ScanResult.ALLOW), 100),
              *held.filter(result=ScanResult.DENY)]
    assert len({scan.reason for scan in sample}) >= 7
    for scan in sample:
        gate = scans.gate_of(scan.checkpoint_id)
        result, reason, badge, *_ = scans.decide(codes.encode(scan.badge), gate,
                                                 scan.scanned_at, scan.direction)
        assert (result, reason, badge.pk) == (scan.result, scan.reason, scan.badge_id)


def test_no_mail_and_no_webhook(seeded, event):
    assert seeded.sent == []
    assert not Delivery.objects.exists()
    assert not Transition.objects.filter(mailed_at__isnull=True).exists()


def test_demo_users_for_the_office_vetting_and_the_gates(seeded, event):
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["accreditation", "vetting", "gate"])}
    assert can_manage_accreditation(users["accreditation"]) and not can_vet(
        users["accreditation"])
    assert can_vet(users["vetting"]) and not can_manage_accreditation(users["vetting"])
    assert can_scan(users["gate"]) and not can_manage_accreditation(users["gate"])
    # The tests run with DEBUG off: no well-known password.
    assert not any(u.has_usable_password() for u in users.values())
    assert "Accreditation: 189 media outlets" in seeded.output
    assert "Logins: accreditation, vetting, gate." in seeded.output


SMALL = logistics_scenario.Counts(states=12, organisations=10, research=4, members=90,
                                  signatories=8, plenary_signings=6, speakers=9, bilaterals=5,
                                  proposals=8, accepted=5, seminars=3)


def test_a_larger_scale_repeats_outlets_journalists_and_teams(db):
    event = EventFactory(start_date=timezone.localdate() + timedelta(days=20))
    logistics_scenario.build(event, counts=SMALL, scale=2)
    summary = demo.build(event, scale=2)
    outlets = MediaOutlet.objects.filter(event=event)
    assert outlets.count() == 2 * 189
    journalists = Application.objects.filter(event=event, category__code__in=MEDIA)
    assert journalists.count() >= 2 * 400
    assert AccreditationCategory.objects.get(event=event, code="P").quota == 2 * 450
    assert Application.objects.filter(event=event, member__isnull=False).count() == 2 * 90
    assert Scan.objects.filter(checkpoint__event=event).exists()
    assert summary.startswith("Accreditation: 378 media outlets")
