"""Builds what the protocol office runs in the demo scenario: the signing appointments
with their full powers and the plenary order (through the signing services), the list of
speakers and the bilateral meetings (rows written directly; their sessions are booked
through the programme service, with its clash checks)."""

from datetime import timedelta

from django.utils import timezone

from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.models import BilateralMeeting
from logistics.delegations.enums import DelegationKind, DelegationLevel
from logistics.demo import programme_data as data
from logistics.demo.names import statement_language
from logistics.demo.programme import at
from logistics.demo.scenario import REFERENCE
from logistics.programme.enums import MediaAccess, SessionKind, SpeakerStatus
from logistics.signing import services as signing_services
from logistics.signing.enums import PlenaryOrderRule, SigningPlace
from logistics.signing.models import Signing
from logistics.speakers.models import SpeakerSlot

# Full powers received but not yet verified, to show the state: in the plenary and at the
# treaty desk; and not received at all, at the treaty desk.
UNVERIFIED = {SigningPlace.PLENARY: 4, SigningPlace.TREATY_DESK: 1}
NOT_RECEIVED_AT_DESK = 2
SIGNATURE_MINUTES = 2  # each plenary signature, from the tenth minute of the ceremony
LEVEL_RANK = {level: rank for rank, level in enumerate(DelegationLevel.values)}
DESK_SLOTS = [(0, "14:00"), (0, "15:00"), (0, "16:00"), (1, "10:00"), (1, "11:00"),
              (1, "14:00"), (1, "15:00"), (1, "16:00")]


def _signings(event, cast, programme, users, rng):
    """Signing appointments through the services: full powers received and verified by
    the protocol office (a few not yet), the plenary ordered by precedence, and a time for
    every signature the rules allow."""
    protocol = users.get("protocol")
    now = timezone.now()
    signings = {
        place: [signing_services.signing_create(event=event, by=None, delegation=d, where=place)
                for d in delegations]
        for place, delegations in ((SigningPlace.PLENARY, cast.plenary_signatories),
                                   (SigningPlace.TREATY_DESK, cast.desk_signatories))}
    for place, rows in signings.items():
        needing = [s for s in rows if s.needs_full_powers]
        rng.shuffle(needing)
        missing = NOT_RECEIVED_AT_DESK if place == SigningPlace.TREATY_DESK else 0
        unverified = needing[missing:missing + UNVERIFIED[place]]
        for signing in needing[missing:]:
            received = now - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 12))
            signing_services.full_powers_receive(signing=signing, by=None, received_at=received)
            if signing not in unverified:
                signing_services.full_powers_verify(signing=signing, by=protocol)
    signing_services.plenary_order(event=event, by=None, rule=PlenaryOrderRule.PRECEDENCE)
    ceremony = programme.sessions["signing"].starts_at + timedelta(minutes=10)
    desk = 0
    for signing in (Signing.objects.filter(event=event).select_related("delegation__country")
                    .order_by("where", "order", "pk")):
        if not signing.may_sign:
            continue  # the service refuses it until the full powers are verified
        if signing.where == SigningPlace.PLENARY:
            when = ceremony + timedelta(minutes=SIGNATURE_MINUTES * (signing.order - 1))
        else:
            day, clock = DESK_SLOTS[desk % len(DESK_SLOTS)]
            when = at(event, day, clock) + timedelta(minutes=20 * (desk // len(DESK_SLOTS)))
            desk += 1
        signing = signing_services.signing_schedule(signing=signing, by=None, where=signing.where,
                                                    scheduled_at=when, order=signing.order)
        if when <= now:  # the scenario dated in the past: the ceremony took place
            signing_services.signing_mark_signed(signing=signing, by=None, signed_at=when)


def _speakers(event, cast, programme, counts, rng):
    """The list of speakers: states, organisations and companies, by protocol precedence
    (level, then inscription); the highest-ranked speak in the high-level debate."""
    now = timezone.now()
    mix = {kind: round(n * counts.speakers / REFERENCE.speakers)
           for kind, n in data.SPEAKER_MIX.items()}
    pools = {
        "state": [d for d in cast.attending if d.kind == DelegationKind.STATE],
        "organisation": [d for d in cast.attending
                         if d.kind in (DelegationKind.UN_ENTITY, DelegationKind.IGO)],
        "private_sector": [d for d in cast.attending if d.kind == DelegationKind.PRIVATE_SECTOR],
    }
    chosen = []
    for kind, number in mix.items():
        chosen += rng.sample(pools[kind], min(number, len(pools[kind])))
    spare = [d for d in cast.attending if d not in chosen and d.kind != DelegationKind.RESEARCH]
    chosen += spare[:max(0, counts.speakers - len(chosen))]  # a mix the cast cannot fill
    slots = [SpeakerSlot(
        delegation=d, speaker_name=d.head_name, speaker_title=d.head_title,
        level=d.head_level or DelegationLevel.SENIOR_OFFICIAL,
        inscribed_at=now - timedelta(days=rng.randint(3, 45), minutes=rng.randint(0, 1440)),
        time_limit_minutes=5, status=SpeakerStatus.INSCRIBED,
        language=statement_language(d.country) if d.country_id
        else rng.choice(["en", "en", "en", "fr", "es"]))
        for d in chosen[:counts.speakers]]
    # Protocol precedence: the speaker's level, then who inscribed first.
    slots.sort(key=lambda s: (LEVEL_RANK[s.level], s.inscribed_at, s.delegation.name))
    first = round(data.SPEAKER_SESSIONS["debate"] * len(slots) / REFERENCE.speakers)
    for key, group in (("debate", slots[:first]), ("plenary", slots[first:])):
        for order, slot in enumerate(group, start=1):
            slot.session, slot.order = programme.sessions[key], order
            slot.full_clean()
    SpeakerSlot.objects.bulk_create(slots)


def _slots(event, windows, step=45, length=30):
    for day, start, end in windows:
        starts, last = at(event, day, start), at(event, day, end)
        while starts + timedelta(minutes=length) <= last:
            yield starts, starts + timedelta(minutes=length)
            starts += timedelta(minutes=step)


def _place(programme, copy, requester, counterpart, leader, windows):
    """The first slot and bilateral room where everyone concerned is free."""
    calendar, event = programme.calendar, programme.event
    people = calendar.keys(delegations=[d for d in (requester, counterpart) if d],
                           leader=leader)
    for starts, ends in _slots(event, windows):
        if not calendar.free(people, starts, ends):
            continue
        for name in data.BILATERAL_ROOMS:
            room = programme.room(copy, name)
            if calendar.free(calendar.keys(room), starts, ends):
                return room, starts, ends
    return None


def _bilaterals(event, cast, programme, counts, rng):
    """Requests from heads of delegation to meet a host leader or another delegation; most
    scheduled into the bilateral rooms, some waiting, a few declined."""
    now = timezone.now()
    copy = cast.copy
    heads = [d for d in cast.attending if d.kind == DelegationKind.STATE] or cast.attending
    requesters = rng.sample(heads, min(counts.bilaterals, len(heads)))
    meetings = []
    for n, requester in enumerate(requesters):
        with_whom, status = data.BILATERALS[n % len(data.BILATERALS)]
        if copy > 1:
            with_whom = "delegation"  # the host's leaders are in one place, the first copy's
        leader = programme.leaders.get(with_whom)
        counterpart = None
        if leader is None:
            counterpart = rng.choice([d for d in heads if d is not requester])
        subject = rng.choice(data.BILATERAL_SUBJECTS)
        session = None
        if status == "scheduled":
            placed = _place(programme, copy, requester, counterpart, leader,
                            data.BILATERAL_WINDOWS[with_whom])
            if placed is None:
                status = "requested"
            else:
                room, starts, ends = placed
                other = counterpart.name if counterpart else leader.name
                session = programme.book(
                    room=room, starts=starts, ends=ends, kind=SessionKind.BILATERAL,
                    title=f"Bilateral meeting: {requester.name} – {other}",
                    delegations=[d for d in (requester, counterpart) if d], leader=leader,
                    expected_audience=12, media_access=MediaAccess.CLOSED,
                    organiser="Protocol Office", copy=copy)
                if ends <= now:
                    status = "held"
        meeting = BilateralMeeting(
            event=event, requester=requester, counterpart=counterpart, host_leader=leader,
            subject=subject, duration_minutes=30, status=BilateralStatus(status),
            session=session,
            notes="The counterpart's schedule is full." if status == "declined" else "")
        meeting.full_clean()
        meetings.append(meeting)
    BilateralMeeting.objects.bulk_create(meetings)


def build(event, *, cast, programme, counts=REFERENCE, users, rng):
    """The signing ceremony and the speakers list once (the first copy's states); the
    bilaterals in every copy."""
    _signings(event, cast[0], programme, users, rng)
    _speakers(event, cast[0], programme, counts, rng)
    for copy_cast in cast:
        _bilaterals(event, copy_cast, programme, counts, rng)
