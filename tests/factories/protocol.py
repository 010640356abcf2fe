"""Speakers, bilateral meetings and host leaders. Pass the event's delegations and sessions;
the defaults make a plenary statement and a request between two states of one event."""

import factory
from django.utils import timezone

from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.models import BilateralMeeting
from logistics.delegations.enums import DelegationLevel
from logistics.programme.enums import SessionKind, SpeakerStatus
from logistics.programme.models import HostLeader
from logistics.speakers.models import SpeakerSlot
from tests.factories.delegations import DelegationFactory
from tests.factories.programme import SessionFactory


class PlenaryFactory(SessionFactory):
    """A scheduled plenary, 10:00 to 12:00 on the event's first day."""

    kind = SessionKind.PLENARY
    title = factory.Sequence(lambda n: f"Plenary {n}")


class HostLeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostLeader

    event = factory.SubFactory("tests.factories.plan.EventFactory")
    name = factory.Sequence(lambda n: f"Leader {n}")
    title = "Prime Minister"


class SpeakerSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerSlot

    session = factory.SubFactory(PlenaryFactory)
    delegation = factory.SubFactory(DelegationFactory,
                                    event=factory.SelfAttribute("..session.event"))
    speaker_name = factory.LazyAttribute(lambda s: s.delegation.head_name or "The speaker")
    level = DelegationLevel.MINISTER
    inscribed_at = factory.LazyFunction(timezone.now)
    order = None
    time_limit_minutes = 5
    language = "en"
    status = SpeakerStatus.INSCRIBED


class BilateralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilateralMeeting

    event = factory.SubFactory("tests.factories.plan.EventFactory")
    requester = factory.SubFactory(DelegationFactory, event=factory.SelfAttribute("..event"))
    counterpart = factory.SubFactory(DelegationFactory, event=factory.SelfAttribute("..event"))
    subject = "Cooperation on cybercrime"
    duration_minutes = 30
    status = BilateralStatus.REQUESTED
