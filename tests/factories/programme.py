from datetime import datetime, time, timedelta

import factory

from logistics.enums import MediaAccess, SessionKind, SessionStatus
from logistics.models import Room, Session, Venue

from .plan import EventFactory


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
