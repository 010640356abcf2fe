"""A plan of any size for the bench: the demo's agencies and committees, N tasks spread
around today (some done, some late, some due this week), each with two coordinating
agencies; one task in ten hangs under another."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model

from logistics.core.enums import Role
from logistics.core.models.event import Event
from logistics.core.permissions import role_group
from logistics.demo import plan as demo
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task


def build_plan(size, seed=7):
    Event.objects.all().delete()
    rng = random.Random(seed)
    from django.utils import timezone

    event = demo.create_event(start_date=timezone.localdate() + timedelta(days=21))
    agencies = demo.create_agencies(event)
    committees = list(demo.create_committees(event, agencies).values())
    agency_list = list(agencies.values())
    today = event.today()
    tasks = []
    for n in range(size):
        due = today + timedelta(days=rng.randint(-30, 40))
        status = rng.choice([TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.IN_PROGRESS,
                             TaskStatus.DONE])
        progress = 100 if status == TaskStatus.DONE else rng.randrange(0, 95, 5)
        tasks.append(Task(event=event, code=f"B-{n:05d}", title=f"Bench task {n}",
                          committee=rng.choice(committees), lead_agency=rng.choice(agency_list),
                          start_date=due - timedelta(days=30), due_date=due, status=status,
                          progress=progress))
    Task.objects.bulk_create(tasks, batch_size=2000)
    through = Task.coordinating_agencies.through
    links = []
    for task in tasks:
        others = [a for a in rng.sample(agency_list, 3) if a.pk != task.lead_agency_id][:2]
        links += [through(task_id=task.pk, agency_id=agency.pk) for agency in others]
    through.objects.bulk_create(links, batch_size=5000)
    parents = tasks[: max(1, size // 10)]
    children = tasks[len(parents):][: size // 10]
    for child, parent in zip(children, parents, strict=False):
        child.parent = parent
    Task.objects.bulk_update(children, ["parent"], batch_size=2000)

    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench-secretariat")
    user.groups.add(role_group(Role.SECRETARIAT))
    steering, _ = User.objects.get_or_create(username="bench-steering",
                                             defaults={"email": "steering@example.org"})
    steering.groups.add(role_group(Role.STEERING))
    return event, user


def _analyze():
    """Fresh planner statistics after a bulk load, as autovacuum would give them a minute
    later: without them PostgreSQL's first plans for the new tables can be very wrong."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build_scenario(scale, seed=2025):
    """The demo scenario of SCENARIO.md (seed_demo's plan, delegations and programme) at
    `scale` times the reference event's delegations, members, rooms and sessions."""
    from django.db import transaction
    from django.utils import timezone

    from logistics.demo import scenario

    Event.objects.all().delete()
    with transaction.atomic():
        event = demo.build(start_date=timezone.localdate() + timedelta(days=21), scale=scale)
        scenario.build(event, scale=scale, seed=seed)
    _analyze()
    user = get_user_model().objects.get(username="secretariat")
    return event, user


def registration_invitations(event, count, *, quota=10):
    """`count` invited organisations, each with a live registration link, for timing the
    form's first submission of a whole delegation."""
    from logistics.delegations.enums import DelegationKind
    from logistics.delegations.models import Invitation
    from logistics.delegations.services.delegations import delegation_create

    tokens = []
    for n in range(count):
        delegation = delegation_create(
            event=event, by=None, kind=DelegationKind.NGO, name=f"Bench registration {n}",
            size_quota=quota, focal_point_email=f"bench.focal{n}@example.org")
        invitation = Invitation.objects.create(delegation=delegation,
                                               email=delegation.focal_point_email,
                                               expires_at=event.registration_closes_at())
        tokens.append(invitation.token)
    return tokens


def registration_post(form_html, event, *, members=10):
    """The POST a focal point sends to register `members` people: the fields the form
    rendered (read from its HTML, so that new optional fields do not break the bench),
    filled as a person would, the first member the head of delegation."""
    import re

    from logistics.delegations.models import Country

    names = set(re.findall(r'name="([^"]+)"', form_html))
    nationality = Country.objects.get(code="FR").pk
    arrival = f"{event.start_date - timedelta(days=2)}T14:30"
    departure = f"{event.end_date + timedelta(days=1)}T10:00"
    data = {"d-head_name": "Hélène Lefèvre", "d-head_title": "Executive Director",
            "d-head_level": "senior_official", "d-focal_point_name": "Amélie Girard",
            "d-focal_point_email": "amelie.girard@example.org", "d-hotel": "Melia Hanoi",
            "privacy_consent": "on", "m-TOTAL_FORMS": str(members), "m-INITIAL_FORMS": "0",
            "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": str(members)}
    member = {"family_name": "Nguyễn", "given_names": "Thị Hương", "title": "Legal Officer",
              "gender": "female", "date_of_birth": "1984-03-09", "nationality": nationality,
              "email": "huong.nguyen@example.org", "arrival_at": arrival,
              "arrival_flight": "AF166", "arrival_airport": "HAN", "departure_at": departure,
              "departure_flight": "AF167", "departure_airport": "HAN",
              "hotel": "Melia Hanoi", "dietary_needs": "", "accessibility_needs": ""}
    for n in range(members):
        for name, value in member.items():
            if f"m-0-{name}" in names:
                data[f"m-{n}-{name}"] = f"{value} {n}" if name == "family_name" else value
        if n == 0 and "m-0-is_head" in names:
            data["m-0-is_head"] = "on"
    return {k: v for k, v in data.items() if k in names or k.startswith("m-")}
