import threading

import pytest
from django.db import connection, connections, transaction

from logistics.enums import Role, SessionKind
from logistics.errors import RoomClash
from logistics.models import Session
from logistics.services.programme import session_create
from tests.factories import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, VenueFactory, at


@pytest.mark.django_db(transaction=True)
def test_session_create_two_officers_booking_one_room_at_once_one_wins():
    event = EventFactory()
    room = RoomFactory(venue=VenueFactory(event=event), name="Plenary Hall")
    officers = [user_with_role(Role.PROGRAMME, username=f"officer{n}") for n in (1, 2)]
    barrier = threading.Barrier(2, timeout=10)
    # SQLite's BEGIN IMMEDIATE already makes the second writer wait at the start of its
    # transaction, so there the officers meet just before it; elsewhere inside it.
    meet_inside = connection.vendor != "sqlite"
    outcomes = []

    def book(officer, title, start, end):
        try:
            if not meet_inside:
                barrier.wait()
            with transaction.atomic():
                if meet_inside:
                    connections["default"].cursor().execute("SELECT 1")
                    barrier.wait()
                session_create(event=event, by=officer, room=room, kind=SessionKind.SEMINAR,
                               title=title, starts_at=at(event, *start), ends_at=at(event, *end))
            outcomes.append("booked")
        except RoomClash as error:
            outcomes.append(error.code)
        except Exception as error:  # reported below rather than lost in the thread
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(officers[0], "Seminar A", (10, 0), (12, 0))),
               threading.Thread(target=book, args=(officers[1], "Seminar B", (11, 0), (13, 0)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive()

    assert sorted(outcomes) == ["booked", "room_clash"]
    assert Session.objects.filter(room=room).count() == 1
