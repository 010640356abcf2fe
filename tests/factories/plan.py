from datetime import date, timedelta

import factory
import pytest
from django.contrib.auth import get_user_model

from logistics.core.enums import AgencyKind, CommitteeKind
from logistics.core.models.event import Agency, Committee, Event
from logistics.core.permissions import role_group
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pass-for-tests")


def staff_fixture(role, username, doc=None, **kwargs):
    """A fixture giving a staff user in `role`: `officer = staff_fixture(Role.X, "name")` in a
    conftest or a test module, the fixture taking the name it is assigned to."""

    def person(db):
        return user_with_role(role, username=username, **kwargs)

    person.__doc__ = doc or f"A staff user in the {role} role."
    return pytest.fixture(person)


def user_with_role(role, *, agencies=(), **kwargs):
    """A staff user in one role; a focal point answers for the agencies given."""
    user = UserFactory(**kwargs)
    user.groups.add(role_group(role))
    for agency in agencies:
        agency.focal_points.add(user)
    return user


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Signing ceremony {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    venue = "National Convention Center"
    city = "Hanoi"
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    end_date = factory.LazyAttribute(lambda e: e.start_date + timedelta(days=1))
    time_zone = "Asia/Ho_Chi_Minh"
    languages = ["en", "vi"]


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"AG{n}")
    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.MINISTRY
    emails = factory.LazyAttribute(lambda a: [f"{a.code.lower()}@example.org"])


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    name = factory.Sequence(lambda n: f"Subcommittee {n}")
    kind = CommitteeKind.SUBCOMMITTEE


class TaskFactory(factory.django.DjangoModelFactory):
    """A task of one event: its committee and lead agency belong to the same event."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"T{n:03d}")
    title = factory.Sequence(lambda n: f"Task {n}")
    committee = factory.SubFactory(CommitteeFactory, event=factory.SelfAttribute("..event"))
    lead_agency = factory.SubFactory(AgencyFactory, event=factory.SelfAttribute("..event"))
    due_date = factory.LazyFunction(lambda: date.today() + timedelta(days=10))
    status = TaskStatus.PLANNED
    progress = 0

    @factory.post_generation
    def coordinating_agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinating_agencies.set(extracted)
