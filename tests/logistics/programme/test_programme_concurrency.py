from functools import partial

import pytest

from logistics.core.enums import Role
from logistics.programme.enums import SessionKind
from logistics.programme.errors import RoomClash
from logistics.programme.models import Session
from logistics.programme.services.sessions import session_create
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, VenueFactory, at
from tests.races import codes, race


@pytest.mark.django_db(transaction=True)
def test_session_create_two_officers_booking_one_room_at_once_one_wins():
    event = EventFactory()
    room = RoomFactory(venue=VenueFactory(event=event), name="Plenary Hall")
    officers = [user_with_role(Role.PROGRAMME, username=f"officer{n}") for n in (1, 2)]

    def book(officer, title, start, end):
        session_create(event=event, by=officer, room=room, kind=SessionKind.SEMINAR,
                       title=title, starts_at=at(event, *start), ends_at=at(event, *end))
        return "booked"

    outcomes = race(partial(book, officers[0], "Seminar A", (10, 0), (12, 0)),
                    partial(book, officers[1], "Seminar B", (11, 0), (13, 0)),
                    refusals=(RoomClash,))
    assert sorted(codes(outcomes)) == ["booked", "room_clash"]
    assert Session.objects.filter(room=room).count() == 1
