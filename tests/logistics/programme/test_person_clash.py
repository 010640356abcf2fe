"""A head of delegation, or a host leader, is in one place at a time."""

import pytest

from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.errors import InvalidSession, PersonClash
from logistics.programme.models import HostLeader, Session
from logistics.programme.services.sessions import session_create, session_update
from tests.factories.delegations import country
from tests.factories.plan import EventFactory
from tests.factories.programme import RoomFactory, VenueFactory, at
from tests.factories.signing import StateDelegationFactory


@pytest.fixture
def rooms(event):
    venue = VenueFactory(event=event)
    return [RoomFactory(venue=venue, name=f"Room {n}", capacity=20) for n in (1, 2, 3)]


@pytest.fixture
def president(event):
    return HostLeader.objects.create(event=event, name="Lương Cường", title="President")


def meet(event, officer, room, start, end, **kwargs):
    return session_create(event=event, by=officer, kind=SessionKind.BILATERAL,
                          title=kwargs.pop("title", "Bilateral"), room=room,
                          starts_at=start, ends_at=end, **kwargs)


def test_a_head_of_delegation_in_two_rooms_at_once_is_refused(event, officer, rooms, france,
                                                                ghana):
    meet(event, officer, rooms[0], at(event, 10), at(event, 10, 30), title="France–Ghana",
         delegations=[france, ghana])
    with pytest.raises(PersonClash) as caught:
        meet(event, officer, rooms[1], at(event, 10, 15), at(event, 10, 45),
             title="France–Viet Nam", delegations=[france])
    assert caught.value.message == ("The head of delegation of France is at “France–Ghana” "
                                    "10:00–10:30.")
    assert Session.objects.count() == 1


def test_back_to_back_meetings_and_other_delegations_are_fine(event, officer, rooms, france,
                                                               ghana):
    meet(event, officer, rooms[0], at(event, 10), at(event, 10, 30), delegations=[france])
    meet(event, officer, rooms[1], at(event, 10, 30), at(event, 11), delegations=[france])
    meet(event, officer, rooms[2], at(event, 10), at(event, 10, 30), delegations=[ghana])
    assert set(Session.objects.filter(delegations=france).values_list("room__name", flat=True)) \
        == {"Room 1", "Room 2"}


def test_a_host_leader_in_two_meetings_at_once_is_refused(event, officer, rooms, france, ghana,
                                                          president):
    meet(event, officer, rooms[0], at(event, 15), at(event, 15, 30), title="President–France",
         delegations=[france], host_leader=president)
    with pytest.raises(PersonClash) as caught:
        meet(event, officer, rooms[1], at(event, 15, 20), at(event, 15, 50),
             delegations=[ghana], host_leader=president)
    assert caught.value.message == ("President Lương Cường is at “President–France” "
                                    "15:00–15:30.")


def test_drafts_and_cancelled_sessions_hold_nobody(event, officer, rooms, france):
    meet(event, officer, None, at(event, 10), at(event, 11), delegations=[france])
    assert Session.objects.get().status == SessionStatus.DRAFT
    meet(event, officer, rooms[1], at(event, 10), at(event, 11), delegations=[france])


def test_moving_a_session_onto_a_busy_head_is_refused(event, officer, rooms, france, ghana):
    meet(event, officer, rooms[0], at(event, 9), at(event, 9, 30), title="France–Ghana",
         delegations=[france, ghana])
    later = meet(event, officer, rooms[1], at(event, 11), at(event, 11, 30), delegations=[ghana])
    with pytest.raises(PersonClash):
        session_update(session=later, by=officer, starts_at=at(event, 9, 15),
                       ends_at=at(event, 9, 45))
    later.refresh_from_db()
    assert later.starts_at == at(event, 11)
    session_update(session=later, by=officer, starts_at=at(event, 9, 30),
                   ends_at=at(event, 10))


def test_another_events_delegation_cannot_take_part(event, officer, rooms):
    elsewhere = StateDelegationFactory(event=EventFactory(), country=country("JP"))
    with pytest.raises(InvalidSession):
        meet(event, officer, rooms[0], at(event, 10), at(event, 11), delegations=[elsewhere])
