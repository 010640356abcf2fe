"""Builds the side events of the demo scenario: proposals from the organisations and
institutes, reviewed by the programme office (scores and comments), decided, and the
accepted ones booked into the side-event rooms and exhibition stands through the
programme service. Proposals and reviews are written directly, the reviews in bulk."""

import random
from datetime import timedelta

from django.utils import timezone

from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind, DelegationStatus
from logistics.demo import programme_data as data
from logistics.demo.names import person, short_slug
from logistics.demo.programme import at
from logistics.demo.scenario import REFERENCE, staff_users
from logistics.programme.enums import MediaAccess, SessionKind
from logistics.side_events.enums import ProposalStatus, SideEventFormat
from logistics.side_events.models import ProposalReview, SideEventProposal

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _scaled(mapping, total, reference):
    return {key: round(n * total / reference) for key, n in mapping.items()}


def _event_days(event):
    return range((event.end_date - event.start_date).days + 1)


def _reference(rng, taken):
    """A reference like the form gives, from its own generator: a draw that collides with
    another event's reference must not shift the rest of the scenario."""
    while True:
        reference = "SE-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(6))
        if reference not in taken:
            taken.add(reference)
            return reference


def _slot_candidates(event, preferred):
    """(day, start, end) slots, the organiser's preferred parts of days first."""
    wanted = set(preferred)
    slots = [(day, start, end, f"{event.start_date + timedelta(days=day)}:{part}")
             for day in _event_days(event) for start, end, part in data.SIDE_EVENT_SLOTS]
    return sorted(slots, key=lambda s: s[3] not in wanted)


def _schedule(programme, copy, proposal):
    """Book an accepted proposal: the smallest room that seats its audience at the first
    slot it prefers where one is free. None when nothing fits."""
    event, calendar = programme.event, programme.calendar
    booth = proposal.format == SideEventFormat.EXHIBITION_BOOTH
    if booth:
        days = sorted(_event_days(event), key=lambda d: not any(
            s.startswith(str(event.start_date + timedelta(days=d)))
            for s in proposal.preferred_slots))
        candidates = [(day, *data.BOOTH_HOURS.get(day, ("09:00", "17:00"))) for day in days]
        rooms = [programme.room(copy, name) for name in data.STANDS]
    else:
        candidates = [s[:3] for s in _slot_candidates(event, proposal.preferred_slots)]
        rooms = sorted((programme.room(copy, name) for name in data.SIDE_EVENT_ROOMS),
                       key=lambda r: r.capacity)
    for day, start, end in candidates:
        starts, ends = at(event, day, start), at(event, day, end)
        for room in rooms:
            if room.capacity >= proposal.expected_audience and calendar.free(
                    calendar.keys(room), starts, ends):
                return programme.book(
                    room=room, starts=starts, ends=ends, kind=SessionKind.SIDE_EVENT,
                    title=proposal.title, organiser=proposal.organiser_organisation,
                    organiser_email=proposal.organiser_email, languages=proposal.languages,
                    expected_audience=proposal.expected_audience,
                    media_access=MediaAccess.OPEN, copy=copy)
    return None


def _proposal(event, n, fmt, organiser, others, rng, references, copy):
    subject = data.SIDE_EVENT_SUBJECTS[n % len(data.SIDE_EVENT_SUBJECTS)]
    variants = data.SIDE_EVENT_TITLES[fmt]
    title = variants[(n // len(data.SIDE_EVENT_SUBJECTS)) % len(variants)].format(
        subject=subject)
    audience = {"panel": (60, 200), "workshop": (25, 80), "exhibition_booth": (20, 40)}[fmt]
    parts = [f"{event.start_date + timedelta(days=day)}:{part}"
             for day in _event_days(event) for part in ("am", "pm", "eve")]
    contact = person(rng, None, None)
    return SideEventProposal(
        event=event, reference=references(),
        organiser_name=contact.full_name, organiser_organisation=organiser.name,
        organiser_email=f"events.{short_slug(organiser.name)}@example.net",
        co_organisers="\n".join(d.name for d in rng.sample(
            [d for d in others if d is not organiser], rng.randint(0, 2))),
        title=title if copy == 1 else f"{title} · {copy}",
        abstract=(f"{subject} is one of the harms the Convention asks states to act on "
                  f"together. This {SideEventFormat(fmt).label.lower()} brings practitioners "
                  "from law enforcement, prosecution, industry and civil society to share "
                  "what works, what does not, and what help they need."),
        format=fmt, languages=rng.choice([["en"], ["en", "fr"], ["en", "vi"], ["en", "es"],
                                          ["ar", "en"], ["en", "ru", "zh"]]),
        expected_audience=rng.randrange(*audience, 5),
        technical_needs=rng.choice(data.TECHNICAL_NEEDS),
        preferred_slots=sorted(rng.sample(parts, rng.randint(1, 3))),
    )


def _reviews(proposal, reviewers, rng):
    decided = proposal.status != ProposalStatus.SUBMITTED
    count = rng.randint(2, 3) if decided else rng.randint(0, 1)
    scores = {ProposalStatus.ACCEPTED: [3, 4, 4, 5, 5], ProposalStatus.WAITLISTED: [2, 3, 3, 4],
              ProposalStatus.REJECTED: [1, 2, 2, 3]}.get(proposal.status, [2, 3, 4, 5])
    reviews = []
    for reviewer in rng.sample(reviewers, min(count, len(reviewers))):
        score = rng.choice(scores)
        reviews.append(ProposalReview(proposal=proposal, reviewer=reviewer, score=score,
                                      comment=data.REVIEW_COMMENTS[score]))
    return reviews


def _copy(event, cast, programme, counts, reviewers, rng, taken):
    now = timezone.now()
    reference_rng = random.Random(rng.random())

    def references():
        return _reference(reference_rng, taken)

    organisers = [d for d in cast.delegations if d.kind != DelegationKind.STATE
                  and d.status != DelegationStatus.DECLINED]
    formats = [fmt for fmt, n in _scaled(data.SIDE_EVENT_FORMATS, counts.proposals,
                                         REFERENCE.proposals).items() for _ in range(n)]
    formats = (formats + ["panel"] * counts.proposals)[:counts.proposals]
    proposals = [_proposal(event, n, fmt, organiser, organisers, rng, references, cast.copy)
                 for n, (fmt, organiser) in enumerate(zip(
                     formats, rng.sample(organisers * 2, counts.proposals), strict=True))]
    outcomes = [ProposalStatus.ACCEPTED] * counts.accepted + [
        ProposalStatus(status) for status, n in _scaled(
            data.SIDE_EVENT_OUTCOMES, counts.proposals - counts.accepted,
            REFERENCE.proposals - REFERENCE.accepted).items() for _ in range(n)]
    outcomes = (outcomes + [ProposalStatus.SUBMITTED] * counts.proposals)[:counts.proposals]
    rng.shuffle(outcomes)
    for proposal, status in zip(proposals, outcomes, strict=True):
        proposal.status = status
    accepted = sorted((p for p in proposals if p.status == ProposalStatus.ACCEPTED),
                      key=lambda p: -p.expected_audience)
    confirmed = set(rng.sample(range(len(accepted)), round(len(accepted) * data.CONFIRMED_SHARE)))
    for n, proposal in enumerate(accepted):
        proposal.session = _schedule(programme, cast.copy, proposal)
        if proposal.session is None:  # no room left that seats it: on the waiting list
            proposal.status = ProposalStatus.WAITLISTED
        elif n in confirmed:
            proposal.confirmed_at = now - timedelta(days=rng.randint(1, 7))
    for proposal in proposals:
        if proposal.status != ProposalStatus.SUBMITTED:
            proposal.decided_by = reviewers[0]
            proposal.decided_at = now - timedelta(days=rng.randint(8, 14))
        proposal.full_clean()
    SideEventProposal.objects.bulk_create(proposals)
    for proposal in proposals:  # submitted over the weeks the call was open
        proposal.submitted_at = now - timedelta(days=rng.randint(20, 60), hours=rng.randint(0, 23))
    SideEventProposal.objects.bulk_update(proposals, ["submitted_at"])
    # Bulk insert (a few hundred rows at scale): the first review is validated.
    reviews = [r for p in proposals for r in _reviews(p, reviewers, rng)]
    if reviews:
        reviews[0].full_clean()
    ProposalReview.objects.bulk_create(reviews)


def build(event, *, cast, programme, counts=REFERENCE, users, password=None, rng):
    """Proposals, reviews and side-event sessions for each copy of the cast. The programme
    office's demo user and two more programme officers review."""
    reviewers = [users["programme"]] if "programme" in users else []
    reviewers += staff_users(data.REVIEWERS, Role.PROGRAMME, password=password)
    taken = set(SideEventProposal.objects.values_list("reference", flat=True))
    for copy_cast in cast:
        _copy(event, copy_cast, programme, counts, reviewers, rng, taken)
