from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from logistics.delegations.enums import DelegationLevel
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus
from logistics.programme.models import HostLeader, Room, Session, Venue
from logistics.speakers.models import SpeakerSlot
from tests.factories.delegations import DelegationFactory
from tests.factories.plan import EventFactory


def at(event, hour, minute=0, *, day=0):
    """An aware time at the venue: `day` days after the event's first day."""
    return datetime.combine(event.start_date + timedelta(days=day), time(hour, minute),
                            tzinfo=event.tz)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Convention Centre {n}")
    address = "57 Pham Hung, Hanoi"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 200
    access_zone = "A"
    interpretation_booths = 6
    streaming = True


class SessionFactory(factory.django.DjangoModelFactory):
    """A scheduled session, 10:00 to 12:00 on the event's first day, in a room of the event."""

    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    room = factory.SubFactory(RoomFactory, venue__event=factory.SelfAttribute("...event"))
    kind = SessionKind.PLENARY
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda s: at(s.event, 10))
    ends_at = factory.LazyAttribute(lambda s: at(s.event, 12))
    languages = ["en", "fr"]
    media_access = MediaAccess.OPEN
    status = SessionStatus.SCHEDULED


class HostLeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostLeader

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Leader {n}")
    title = "Prime Minister"


class SpeakerSlotFactory(factory.django.DjangoModelFactory):
    """A statement on a session's list of speakers, by a delegation of the same event."""

    class Meta:
        model = SpeakerSlot

    session = factory.SubFactory(SessionFactory)
    delegation = factory.SubFactory(DelegationFactory,
                                    event=factory.SelfAttribute("..session.event"))
    speaker_name = factory.LazyAttribute(lambda s: s.delegation.head_name)
    level = DelegationLevel.MINISTER
    inscribed_at = factory.LazyFunction(timezone.now)
    language = "en"
