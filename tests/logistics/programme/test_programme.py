from datetime import UTC, datetime, timedelta

import pytest

from logistics.core.enums import Role
from logistics.core.errors import NotAllowed
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.errors import CapacityExceeded, InvalidRoom, InvalidSession, RoomClash
from logistics.programme.models import Room, Session, Venue
from logistics.programme.queries import sessions_on
from logistics.programme.services.sessions import (
    room_create,
    session_cancel,
    session_create,
    session_update,
    venue_create,
)
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at


@pytest.fixture
def debate(event, hall):
    """The high-level debate, 10:00-12:00 at the venue, given in UTC (03:00-05:00)."""
    first_day = event.start_date
    return SessionFactory(event=event, room=hall, kind=SessionKind.HIGH_LEVEL_DEBATE,
                          title="High-level debate",
                          starts_at=datetime(first_day.year, first_day.month, first_day.day, 3,
                                             tzinfo=UTC),
                          ends_at=datetime(first_day.year, first_day.month, first_day.day, 5,
                                           tzinfo=UTC))


def book(event, by, room, start, end, **kwargs):
    kwargs.setdefault("kind", SessionKind.SEMINAR)
    kwargs.setdefault("title", "Seminar on cybercrime evidence")
    return session_create(event=event, by=by, room=room, starts_at=at(event, *start),
                          ends_at=at(event, *end), **kwargs)


def test_venue_and_room_create_by_programme_officer(event, officer):
    venue = venue_create(event=event, by=officer, name="National Convention Centre",
                         address="57 Pham Hung, Hanoi")
    room = room_create(venue=venue, by=officer, name="Plenary Hall", capacity=300,
                       access_zone="A", interpretation_booths=6, streaming=True)
    assert list(Venue.objects.filter(event=event)) == [venue]
    assert list(venue.rooms.all()) == [room]


def test_room_create_refuses_zero_capacity(venue, officer):
    with pytest.raises(InvalidRoom) as err:
        room_create(venue=venue, by=officer, name="Broom cupboard", capacity=0)
    assert err.value.fields == {"__all__": ["A room must have at least one seat."]}
    assert Room.objects.count() == 0


def test_session_create_books_a_free_room(event, hall, officer):
    session = book(event, officer, hall, (14, 0), (16, 0), languages=["en", "vi"],
                   chair="Minister of Public Security", expected_audience=250)
    assert session.status == SessionStatus.SCHEDULED
    assert list(Session.objects.filter(room=hall)) == [session]


def test_session_create_without_room_is_a_draft(event, officer):
    session = book(event, officer, None, (14, 0), (16, 0))
    assert session.status == SessionStatus.DRAFT


def test_session_create_refuses_overlap_naming_the_other_session(event, hall, debate, officer):
    with pytest.raises(RoomClash) as err:
        book(event, officer, hall, (11, 0), (13, 0))
    assert err.value.code == "room_clash"
    assert err.value.message == "Plenary Hall is booked 10:00–12:00 for “High-level debate”."
    assert list(Session.objects.all()) == [debate]


def test_session_create_refuses_a_session_inside_another(event, hall, debate, officer):
    with pytest.raises(RoomClash):
        book(event, officer, hall, (10, 30), (11, 30))
    assert Session.objects.count() == 1


def test_session_create_allows_touching_sessions(event, hall, debate, officer):
    before = book(event, officer, hall, (8, 0), (10, 0), title="Rehearsal",
                  kind=SessionKind.REHEARSAL)
    after = book(event, officer, hall, (12, 0), (13, 0))
    assert list(Session.objects.filter(room=hall)) == [before, debate, after]


def test_session_create_allows_another_room_at_the_same_time(event, hall, room_b, debate,
                                                             officer):
    session = book(event, officer, room_b, (10, 0), (12, 0))
    assert session.room == room_b
    assert Session.objects.count() == 2


def test_session_create_allows_a_draft_over_a_booking(event, hall, debate, officer):
    draft = book(event, officer, hall, (10, 0), (12, 0), status=SessionStatus.DRAFT)
    assert draft.status == SessionStatus.DRAFT


def test_session_cancel_frees_the_room(event, hall, debate, officer):
    session_cancel(session=debate, by=officer)
    session = book(event, officer, hall, (10, 0), (12, 0))
    assert Session.objects.get(pk=debate.pk).status == SessionStatus.CANCELLED
    assert session.status == SessionStatus.SCHEDULED


@pytest.mark.parametrize("fields", [{"status": SessionStatus.SCHEDULED},
                                    {"status": SessionStatus.DRAFT}, {"title": "Revived"}])
def test_session_update_keeps_a_cancelled_session_cancelled(event, hall, debate, officer,
                                                            fields):
    session_cancel(session=debate, by=officer)
    with pytest.raises(InvalidSession) as caught:
        session_update(session=debate, by=officer, **fields)
    assert caught.value.message == ("“High-level debate” is cancelled and stays cancelled: "
                                    "add a new session instead.")
    debate.refresh_from_db()
    assert (debate.status, debate.title) == (SessionStatus.CANCELLED, "High-level debate")


def test_session_update_moves_to_a_free_room(event, hall, room_b, debate, officer):
    session = session_update(session=debate, by=officer, room=room_b)
    assert Session.objects.get(pk=session.pk).room == room_b


def test_session_update_keeps_its_own_slot_when_retimed(event, hall, debate, officer):
    session_update(session=debate, by=officer, ends_at=at(event, 12, 30))
    assert Session.objects.get(pk=debate.pk).ends_at == at(event, 12, 30)


def test_session_update_refuses_move_into_a_clash(event, hall, room_b, debate, officer):
    seminar = book(event, officer, room_b, (11, 0), (13, 0))
    with pytest.raises(RoomClash) as err:
        session_update(session=seminar, by=officer, room=hall)
    assert err.value.message == "Plenary Hall is booked 10:00–12:00 for “High-level debate”."
    assert Session.objects.get(pk=seminar.pk).room == room_b


def test_session_update_refuses_retime_into_a_clash(event, hall, debate, officer):
    seminar = book(event, officer, hall, (13, 0), (14, 0))
    with pytest.raises(RoomClash):
        session_update(session=seminar, by=officer, starts_at=at(event, 11, 45))
    assert Session.objects.get(pk=seminar.pk).starts_at == at(event, 13, 0)


def test_session_update_refuses_unknown_fields(debate, officer):
    with pytest.raises(InvalidSession) as err:
        session_update(session=debate, by=officer, event=EventFactory())
    assert err.value.message == "Unknown fields: event"


def test_session_create_refuses_audience_over_capacity(event, room_b, officer):
    with pytest.raises(CapacityExceeded) as err:
        book(event, officer, room_b, (10, 0), (12, 0), expected_audience=120)
    assert err.value.code == "capacity_exceeded"
    assert err.value.message == "Room B seats 80; the session expects 120."
    assert Session.objects.count() == 0


def test_session_update_refuses_move_to_a_room_too_small(event, hall, room_b, officer):
    session = book(event, officer, hall, (14, 0), (16, 0), expected_audience=250)
    with pytest.raises(CapacityExceeded):
        session_update(session=session, by=officer, room=room_b)
    assert Session.objects.get(pk=session.pk).room == hall


def test_session_create_refuses_end_before_start(event, hall, officer):
    with pytest.raises(InvalidSession) as err:
        book(event, officer, hall, (12, 0), (10, 0))
    assert err.value.fields == {"ends_at": ["A session must end after it starts."]}
    assert Session.objects.count() == 0


def test_session_create_refuses_unknown_kind(event, hall, officer):
    with pytest.raises(InvalidSession) as err:
        book(event, officer, hall, (10, 0), (12, 0), kind="picnic")
    assert err.value.fields == {"kind": ["Value 'picnic' is not a valid choice."]}
    assert Session.objects.count() == 0


def test_session_create_refuses_negative_audience(event, hall, officer):
    with pytest.raises(InvalidSession) as err:
        book(event, officer, hall, (10, 0), (12, 0), expected_audience=-5)
    assert err.value.fields == {
        "expected_audience": ["Ensure this value is greater than or equal to 0."]}
    assert Session.objects.count() == 0


def test_session_create_refuses_time_without_time_zone(event, hall, officer):
    day = event.start_date
    with pytest.raises(InvalidSession) as err:
        session_create(event=event, by=officer, room=hall, kind=SessionKind.SEMINAR,
                       title="Seminar", starts_at=datetime(day.year, day.month, day.day, 10),
                       ends_at=datetime(day.year, day.month, day.day, 12))
    assert err.value.fields == {"starts_at": ["Give the time with its time zone."],
                                "ends_at": ["Give the time with its time zone."]}


def test_session_create_refuses_a_room_of_another_event(event, officer):
    elsewhere = RoomFactory(venue=VenueFactory(event=EventFactory()))
    with pytest.raises(InvalidSession) as err:
        book(event, officer, elsewhere, (10, 0), (12, 0))
    assert err.value.fields == {"room": ["This room belongs to another event."]}


def test_session_create_refuses_languages_that_are_not_a_list(event, hall, officer):
    with pytest.raises(InvalidSession) as err:
        book(event, officer, hall, (10, 0), (12, 0), languages="en")
    assert list(err.value.fields) == ["languages"]


def test_session_create_allowed_for_the_secretariat(event, hall, secretariat):
    session = book(event, secretariat, hall, (10, 0), (12, 0))
    assert session.status == SessionStatus.SCHEDULED


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.OBSERVER, Role.STEERING,
                                  Role.PROTOCOL])
def test_session_create_refused_for_other_roles(event, hall, role):
    with pytest.raises(NotAllowed):
        book(event, user_with_role(role), hall, (10, 0), (12, 0))
    assert Session.objects.count() == 0


def test_session_cancel_refused_for_a_focal_point(debate, focal_point):
    with pytest.raises(NotAllowed):
        session_cancel(session=debate, by=focal_point)
    assert Session.objects.get(pk=debate.pk).status == SessionStatus.SCHEDULED


def test_venue_create_refused_for_an_observer(event, observer):
    with pytest.raises(NotAllowed):
        venue_create(event=event, by=observer, name="Hotel ballroom")
    assert Venue.objects.count() == 0


def test_sessions_on_lists_the_local_day_by_start(event, hall, room_b, debate):
    late = SessionFactory(event=event, room=room_b, title="Reception",
                          starts_at=at(event, 19), ends_at=at(event, 23, 30))
    early = SessionFactory(event=event, room=room_b, title="Breakfast briefing",
                           starts_at=at(event, 0, 30), ends_at=at(event, 1, 30))
    SessionFactory(event=event, room=room_b, title="Tomorrow",
                   starts_at=at(event, 0, 0, day=1), ends_at=at(event, 1, 0, day=1))
    SessionFactory(event=event, room=room_b, title="Cancelled", status=SessionStatus.CANCELLED,
                   starts_at=at(event, 14), ends_at=at(event, 15))
    assert list(sessions_on(event, event.start_date)) == [early, debate, late]


@pytest.mark.parametrize("count", [1, 3])
def test_sessions_on_reads_rooms_and_venues_in_one_query(event, hall, count,
                                                         django_assert_num_queries):
    for hour in range(8, 8 + 2 * count, 2):
        SessionFactory(event=event, room=RoomFactory(venue=hall.venue),
                       starts_at=at(event, hour), ends_at=at(event, hour + 1))
    with django_assert_num_queries(1):
        names = [(s.room.name, s.room.venue.name) for s in sessions_on(event, event.start_date)]
    assert len(names) == count


def test_sessions_on_leaves_bilaterals_out_unless_asked(event, hall, debate):
    bilateral = SessionFactory(event=event, room=hall, kind=SessionKind.BILATERAL,
                               title="Bilateral: France – Ghana", starts_at=at(event, 14),
                               ends_at=at(event, 15))
    assert list(sessions_on(event, event.start_date)) == [debate]
    assert list(sessions_on(event, event.start_date, with_bilaterals=True)) == [
        debate, bilateral]


def test_sessions_on_includes_a_session_over_midnight(event, hall):
    night = SessionFactory(event=event, room=hall, title="Night rehearsal",
                           starts_at=at(event, 22), ends_at=at(event, 22) + timedelta(hours=4))
    assert list(sessions_on(event, event.start_date + timedelta(days=1))) == [night]
