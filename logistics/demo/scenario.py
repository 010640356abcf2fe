"""The delegations and programme of the reference event (SCENARIO.md) as counts, and the
builder that loads them after the plan. `scale` repeats the cast and the programme around
the one signing ceremony (more organisations, rooms, sessions, proposals), for the bench
and for load tests; the counts themselves are parameters too."""

import dataclasses
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from logistics.core.permissions import role_group
from logistics.programme.services.publishing import programme_publish


@dataclass(frozen=True)
class Counts:
    """One copy of the scenario. States are capped by the countries there are."""

    states: int = 110
    organisations: int = 150  # UN entities, IGOs, NGOs and companies
    research: int = 50
    members: int = 2500
    signatories: int = 72
    plenary_signings: int = 64
    speakers: int = 71
    bilaterals: int = 20
    proposals: int = 50
    accepted: int = 37
    seminars: int = 8

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)


REFERENCE = Counts()


def staff_users(accounts, role, *, password):
    """Staff users in one role, created once (idempotent by username), with the demo
    users' password."""
    from logistics.demo.plan import password_hash

    User = get_user_model()
    hashed = password_hash(password)
    group = role_group(role)
    users = []
    for username, full_name in accounts:
        given, _, family = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": given, "last_name": family,
                      "email": f"{username}@example.org", "password": hashed})
        if not created:
            user.password = hashed
            user.save(update_fields=["password"])
        user.groups.add(group)
        users.append(user)
    return users


def demo_users():
    """The demo users plan.build() created, by username."""
    from logistics.demo.plan_data import DEMO_USERS

    names = [username for username, *_ in DEMO_USERS]
    return {u.username: u for u in get_user_model().objects.filter(username__in=names)}


@transaction.atomic
def build(event, *, counts=REFERENCE, scale=1, password=None, seed=2025):
    """Delegations, their members, the venue and programme, the signing ceremony, the
    speakers list, bilaterals and side events, after plan.build() made the event and the
    demo users."""
    from logistics.demo import ceremony, delegations, programme, side_events

    users = demo_users()
    rng = random.Random(seed)
    cast = delegations.build(event, counts=counts, scale=scale, password=password,
                             rng=random.Random(rng.random()))
    booked = programme.build(event, cast=cast, counts=counts, scale=scale,
                             rng=random.Random(rng.random()))
    ceremony.build(event, cast=cast, programme=booked, counts=counts, users=users,
                   rng=random.Random(rng.random()))
    side_events.build(event, cast=cast, programme=booked, counts=counts, users=users,
                      password=password, rng=random.Random(rng.random()))
    # The first published version: the public page shows it (a first version mails nobody).
    programme_publish(event=event, by=users.get("programme"),
                      note="The programme as first published.")
    return cast


def member_count(event):
    from logistics.delegations.models import DelegationMember

    return DelegationMember.objects.filter(delegation__event=event).count()
