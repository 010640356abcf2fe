"""Bilateral meetings: requests, scheduling with the programme's clash checks, statuses,
their pages and the host leaders' admin."""

from datetime import timedelta
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.errors import InvalidBilateral
from logistics.bilaterals.models import BilateralMeeting
from logistics.bilaterals.services import (
    bilateral_request,
    bilateral_schedule,
    bilateral_set_status,
    host_leader_create,
)
from logistics.core.enums import Role
from logistics.core.errors import InvalidTransition, NotAllowed
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus
from logistics.programme.errors import InvalidSession, PersonClash, RoomClash
from logistics.programme.models import HostLeader, Session
from tests.factories.delegations import MemberFactory, country
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.protocol import BilateralFactory, HostLeaderFactory
from tests.factories.signing import StateDelegationFactory
from tests.html import text_of
from tests.queries import same_queries
from tests.races import codes, race


@pytest.fixture
def rooms(event):
    venue = VenueFactory(event=event, name="National Convention Centre")
    return [RoomFactory(venue=venue, name=f"Bilateral room {n}", capacity=12) for n in (1, 2)]


@pytest.fixture
def president(event):
    return HostLeaderFactory(event=event, name="Lương Cường", title="President")


def request(event, by, requester, counterpart=None, **kwargs):
    kwargs.setdefault("subject", "Cooperation on cybercrime")
    kwargs.setdefault("duration_minutes", 30)
    return bilateral_request(event=event, by=by, requester=requester, counterpart=counterpart,
                             **kwargs)


# Requests

def test_bilateral_request_with_a_delegation(event, protocol, france, ghana):
    bilateral = request(event, protocol, france, ghana, subject="  Maritime security ")
    assert (bilateral.status, bilateral.subject, bilateral.session) == (
        BilateralStatus.REQUESTED, "Maritime security", None)


def test_bilateral_request_with_a_host_leader(event, protocol, france, president):
    bilateral = request(event, protocol, france, host_leader=president)
    assert (bilateral.counterpart, bilateral.host_leader) == (None, president)


def test_bilateral_request_refuses_a_delegation_meeting_itself(event, protocol, france):
    with pytest.raises(InvalidBilateral) as error:
        request(event, protocol, france, france)
    assert (error.value.code, error.value.message) == (
        "invalid_bilateral", "France cannot request a bilateral with itself.")
    assert BilateralMeeting.objects.count() == 0


def test_bilateral_request_needs_exactly_one_counterpart(event, protocol, france, ghana,
                                                        president):
    for kwargs in ({}, {"counterpart": ghana, "host_leader": president}):
        with pytest.raises(InvalidBilateral) as error:
            bilateral_request(event=event, by=protocol, requester=france, subject="",
                              duration_minutes=30, **kwargs)
        assert error.value.message == ("Choose whom France asks to meet: another delegation "
                                       "or a host leader, not both.")
    assert BilateralMeeting.objects.count() == 0


def test_bilateral_request_refuses_another_events_parties(event, protocol, france):
    other = EventFactory()
    japan = StateDelegationFactory(event=other, country=country("JP"))
    with pytest.raises(InvalidBilateral) as error:
        request(event, protocol, france, japan)
    assert error.value.message == "Japan attends another event."
    with pytest.raises(InvalidBilateral) as error:
        request(event, protocol, japan, france)
    assert error.value.fields == {"requester": ["Another event's delegation."]}
    leader = HostLeaderFactory(event=other, name="Somebody", title="Premier")
    with pytest.raises(InvalidBilateral) as error:
        request(event, protocol, france, host_leader=leader)
    assert error.value.message == "Premier Somebody is a host leader of another event."


@pytest.mark.parametrize("minutes", [0, 4, 241, "30", None, 12.5, True])
def test_bilateral_request_refuses_a_duration_out_of_range(event, protocol, france, ghana,
                                                           minutes):
    with pytest.raises(InvalidBilateral) as error:
        request(event, protocol, france, ghana, duration_minutes=minutes)
    assert error.value.fields == {"duration_minutes": [
        "A bilateral lasts from 5 to 240 minutes."]}


def test_bilateral_request_refuses_a_second_open_request_either_way(event, protocol, france,
                                                                   ghana):
    first = request(event, protocol, france, ghana)
    for requester, counterpart in ((france, ghana), (ghana, france)):
        with pytest.raises(InvalidBilateral) as error:
            request(event, protocol, requester, counterpart)
    assert error.value.message == ("A bilateral between Ghana and France is already requested "
                                   "or scheduled.")
    bilateral_set_status(bilateral=first, by=protocol, status=BilateralStatus.DECLINED)
    assert request(event, protocol, ghana, france).status == BilateralStatus.REQUESTED


@pytest.mark.django_db(transaction=True)
def test_two_officers_requesting_one_pair_from_opposite_sides_make_one_request():
    event = EventFactory()
    france = StateDelegationFactory(event=event, country=country("FR"))
    ghana = StateDelegationFactory(event=event, country=country("GH"))
    officers = [user_with_role(Role.PROTOCOL, username=f"protocol{n}") for n in (1, 2)]

    def ask(officer, requester, counterpart):
        request(event, officer, requester, counterpart)
        return "requested"

    outcomes = race(partial(ask, officers[0], france, ghana),
                    partial(ask, officers[1], ghana, france), refusals=(InvalidBilateral,))
    assert sorted(codes(outcomes)) == ["invalid_bilateral", "requested"]
    assert BilateralMeeting.objects.filter(event=event).count() == 1


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.FOCAL_POINT, Role.PROGRAMME,
                                  Role.STEERING])
def test_bilateral_services_refuse_roles_other_than_protocol(event, france, ghana, rooms,
                                                            role):
    user = user_with_role(role)
    bilateral = BilateralFactory(event=event, requester=france, counterpart=ghana)
    with pytest.raises(NotAllowed):
        request(event, user, ghana, StateDelegationFactory(event=event, country=country("VN")))
    with pytest.raises(NotAllowed):
        bilateral_schedule(bilateral=bilateral, by=user, room=rooms[0],
                           starts_at=at(event, 10))
    with pytest.raises(NotAllowed):
        bilateral_set_status(bilateral=bilateral, by=user, status=BilateralStatus.DECLINED)
    bilateral.refresh_from_db()
    assert (BilateralMeeting.objects.count(), bilateral.status) == (1, BilateralStatus.REQUESTED)


def test_bilateral_services_allow_the_secretariat(event, secretariat, france, ghana, rooms):
    bilateral = request(event, secretariat, france, ghana)
    assert (bilateral.requester, bilateral.counterpart, bilateral.status) == (
        france, ghana, BilateralStatus.REQUESTED)
    bilateral = bilateral_schedule(bilateral=bilateral, by=secretariat, room=rooms[0],
                                   starts_at=at(event, 10))
    assert (bilateral.status, bilateral.session.room, bilateral.session.starts_at) == (
        BilateralStatus.SCHEDULED, rooms[0], at(event, 10))
    bilateral_set_status(bilateral=bilateral, by=secretariat, status=BilateralStatus.DECLINED)
    bilateral.refresh_from_db()
    assert (bilateral.status, bilateral.session.status) == (BilateralStatus.DECLINED,
                                                            SessionStatus.CANCELLED)


# Scheduling

def test_bilateral_schedule_books_a_closed_bilateral_session(event, protocol, france, ghana,
                                                            rooms):
    bilateral = request(event, protocol, france, ghana, duration_minutes=45)
    bilateral = bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                                   starts_at=at(event, 10))
    session = Session.objects.get()
    assert bilateral.status == BilateralStatus.SCHEDULED
    assert bilateral.session == session
    assert (session.kind, session.status, session.room, session.media_access) == (
        SessionKind.BILATERAL, SessionStatus.SCHEDULED, rooms[0], MediaAccess.CLOSED)
    assert (session.starts_at, session.ends_at) == (at(event, 10), at(event, 10, 45))
    assert session.title == "Bilateral: France – Ghana"
    assert set(session.delegations.all()) == {france, ghana}


def test_bilateral_schedule_with_a_host_leader_takes_the_leader(event, protocol, france,
                                                               president, rooms):
    bilateral = request(event, protocol, france, host_leader=president)
    bilateral = bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                                   starts_at=at(event, 15))
    assert bilateral.session.host_leader == president
    assert bilateral.session.title == "Bilateral: France – President Lương Cường"
    assert list(bilateral.session.delegations.all()) == [france]


def test_bilateral_schedule_refuses_a_busy_room_and_writes_nothing(event, protocol, france,
                                                                   ghana, rooms):
    SessionFactory(event=event, room=rooms[0], kind=SessionKind.SEMINAR, title="Seminar",
                   starts_at=at(event, 10), ends_at=at(event, 11))
    bilateral = request(event, protocol, france, ghana)
    with pytest.raises(RoomClash) as error:
        bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                           starts_at=at(event, 10, 30))
    assert error.value.message == "Bilateral room 1 is booked 10:00–11:00 for “Seminar”."
    bilateral.refresh_from_db()
    assert (bilateral.status, bilateral.session, Session.objects.count()) == (
        BilateralStatus.REQUESTED, None, 1)


def test_bilateral_schedule_refuses_a_head_of_delegation_already_elsewhere(
        event, protocol, france, ghana, vietnam, rooms):
    first = request(event, protocol, france, ghana)
    bilateral_schedule(bilateral=first, by=protocol, room=rooms[0], starts_at=at(event, 10))
    second = request(event, protocol, vietnam, ghana)
    with pytest.raises(PersonClash) as error:
        bilateral_schedule(bilateral=second, by=protocol, room=rooms[1],
                           starts_at=at(event, 10, 15))
    assert error.value.message == ("The head of delegation of Ghana is at “Bilateral: France – "
                                   "Ghana” 10:00–10:30.")
    bilateral_schedule(bilateral=second, by=protocol, room=rooms[1], starts_at=at(event, 10, 30))


def test_bilateral_schedule_refuses_a_host_leader_already_elsewhere(event, protocol, france,
                                                                   ghana, president, rooms):
    first = request(event, protocol, france, host_leader=president)
    bilateral_schedule(bilateral=first, by=protocol, room=rooms[0], starts_at=at(event, 15))
    second = request(event, protocol, ghana, host_leader=president)
    with pytest.raises(PersonClash) as error:
        bilateral_schedule(bilateral=second, by=protocol, room=rooms[1],
                           starts_at=at(event, 15, 20))
    assert error.value.message == ("President Lương Cường is at “Bilateral: France – President "
                                   "Lương Cường” 15:00–15:30.")


def test_bilateral_schedule_moves_the_same_session(event, protocol, france, ghana, rooms):
    bilateral = request(event, protocol, france, ghana)
    bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0], starts_at=at(event, 10))
    bilateral = bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[1],
                                   starts_at=at(event, 14))
    session = Session.objects.get()
    assert (session.room, session.starts_at, session.ends_at) == (
        rooms[1], at(event, 14), at(event, 14, 30))


def test_bilateral_schedule_refuses_bad_times_and_rooms(event, protocol, france, ghana, rooms):
    bilateral = request(event, protocol, france, ghana)
    with pytest.raises(InvalidBilateral) as error:
        bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                           starts_at=at(event, 10).replace(tzinfo=None))
    assert error.value.fields == {"starts_at": ["Give the start with its time zone."]}
    with pytest.raises(InvalidBilateral):
        bilateral_schedule(bilateral=bilateral, by=protocol, room=None, starts_at=at(event, 10))
    elsewhere = RoomFactory(venue=VenueFactory(event=EventFactory()))
    with pytest.raises(InvalidSession) as error:
        bilateral_schedule(bilateral=bilateral, by=protocol, room=elsewhere,
                           starts_at=at(event, 10))
    assert error.value.fields == {"room": ["This room belongs to another event."]}
    assert Session.objects.count() == 0


@pytest.mark.parametrize("status", [BilateralStatus.HELD, BilateralStatus.DECLINED])
def test_bilateral_schedule_refuses_a_held_or_declined_bilateral(event, protocol, france,
                                                                ghana, rooms, status):
    bilateral = BilateralFactory(event=event, requester=france, counterpart=ghana,
                                 status=status)
    with pytest.raises(InvalidTransition) as error:
        bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                           starts_at=at(event, 10))
    assert error.value.message == (f"The bilateral of France with Ghana is {status.label.lower()}"
                                   ": it cannot be scheduled.")


# Statuses

def test_declining_a_scheduled_bilateral_cancels_its_session_and_frees_the_room(
        event, protocol, france, ghana, vietnam, rooms):
    bilateral = request(event, protocol, france, ghana)
    bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0], starts_at=at(event, 10))
    bilateral = bilateral_set_status(bilateral=bilateral, by=protocol,
                                     status=BilateralStatus.DECLINED)
    assert bilateral.status == BilateralStatus.DECLINED
    assert Session.objects.get().status == SessionStatus.CANCELLED
    other = request(event, protocol, vietnam, ghana)
    bilateral_schedule(bilateral=other, by=protocol, room=rooms[0], starts_at=at(event, 10))


def test_a_declined_bilateral_requested_again_is_booked_anew(event, protocol, france, ghana,
                                                              rooms):
    bilateral = request(event, protocol, france, ghana)
    first = bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                               starts_at=at(event, 10)).session
    bilateral_set_status(bilateral=bilateral, by=protocol, status=BilateralStatus.DECLINED)
    bilateral_set_status(bilateral=bilateral, by=protocol, status=BilateralStatus.REQUESTED)
    bilateral = bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[1],
                                   starts_at=at(event, 16))
    # The cancelled session stays cancelled (its cancellation may be published already).
    first.refresh_from_db()
    session = bilateral.session
    assert session.pk != first.pk
    assert (bilateral.status, session.status, session.room) == (
        BilateralStatus.SCHEDULED, SessionStatus.SCHEDULED, rooms[1])
    assert first.status == SessionStatus.CANCELLED
    assert sorted(session.delegations.values_list("pk", flat=True)) == sorted(
        [france.pk, ghana.pk])


def test_bilateral_set_status_follows_the_transitions(event, protocol, france, ghana, rooms):
    bilateral = request(event, protocol, france, ghana)
    with pytest.raises(InvalidTransition) as error:
        bilateral_set_status(bilateral=bilateral, by=protocol, status=BilateralStatus.HELD)
    assert error.value.message == ("The bilateral of France with Ghana is requested; it cannot "
                                   "become held.")
    with pytest.raises(InvalidBilateral) as error:
        bilateral_set_status(bilateral=bilateral, by=protocol, status=BilateralStatus.SCHEDULED)
    assert error.value.message == "Schedule a bilateral by choosing its room and its time."
    with pytest.raises(InvalidTransition):
        bilateral_set_status(bilateral=bilateral, by=protocol, status="postponed")
    bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0], starts_at=at(event, 10))
    with pytest.raises(InvalidTransition) as error:
        bilateral_set_status(bilateral=bilateral, by=protocol, status=BilateralStatus.HELD)
    assert error.value.message == ("The bilateral of France with Ghana has not started yet; "
                                   "mark it held once it has taken place.")
    # The day comes: the meeting took place an hour ago.
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Session.objects.update(starts_at=an_hour_ago, ends_at=an_hour_ago + timedelta(minutes=30))
    held = bilateral_set_status(bilateral=bilateral, by=protocol, status=BilateralStatus.HELD)
    assert held.status == BilateralStatus.HELD
    with pytest.raises(InvalidTransition):
        bilateral_set_status(bilateral=bilateral, by=protocol, status=BilateralStatus.DECLINED)
    assert Session.objects.get().status == SessionStatus.SCHEDULED


# Pages

def test_bilateral_pages_send_anonymous_users_to_login(client, event, france, ghana):
    bilateral = BilateralFactory(event=event, requester=france, counterpart=ghana)
    for url in (reverse("logistics:bilateral_list"),
                reverse("logistics:bilateral_detail", args=[bilateral.pk])):
        response = client.get(url)
        assert (response.status_code, response["Location"].startswith("/login/")) == (302, True)


def test_bilateral_pages_refused_to_an_agency_focal_point(client, event, focal_point, france,
                                                          ghana):
    bilateral = BilateralFactory(event=event, requester=france, counterpart=ghana)
    client.force_login(focal_point)
    assert client.get(reverse("logistics:bilateral_list")).status_code == 403
    assert client.get(reverse("logistics:bilateral_detail", args=[bilateral.pk])).status_code \
        == 403


def test_observer_reads_bilaterals_but_changes_nothing(client, event, observer, france, ghana,
                                                      rooms):
    bilateral = BilateralFactory(event=event, requester=france, counterpart=ghana)
    client.force_login(observer)
    body = client.get(reverse("logistics:bilateral_list")).content.decode()
    assert "France" in body and "Request a bilateral meeting" not in body
    body = client.get(reverse("logistics:bilateral_detail", args=[bilateral.pk])).content.decode()
    assert "Book" not in body
    posts = [("logistics:bilateral_request", [], {"requester": ghana.pk, "counterpart": france.pk,
                                                  "duration_minutes": 30}),
             ("logistics:bilateral_schedule", [bilateral.pk],
              {"room": rooms[0].pk, "starts_at": "2030-01-01T10:00"}),
             ("logistics:bilateral_status", [bilateral.pk], {"status": "declined"})]
    for name, args, data in posts:
        assert client.post(reverse(name, args=args), data).status_code == 403
    bilateral.refresh_from_db()
    assert (BilateralMeeting.objects.count(), bilateral.status) == (1, BilateralStatus.REQUESTED)


def test_protocol_requests_a_bilateral_through_the_page(client, event, protocol, france, ghana):
    client.force_login(protocol)
    response = client.post(reverse("logistics:bilateral_request"), {
        "requester": france.pk, "counterpart": ghana.pk, "subject": "Climate finance",
        "duration_minutes": 20})
    bilateral = BilateralMeeting.objects.get()
    assert response["Location"] == reverse("logistics:bilateral_detail", args=[bilateral.pk])
    assert (bilateral.requester, bilateral.counterpart, bilateral.duration_minutes) == (
        france, ghana, 20)


def test_bilateral_request_form_shows_the_refusal(client, event, protocol, france, president):
    client.force_login(protocol)
    url = reverse("logistics:bilateral_request")
    response = client.post(url, {"requester": france.pk, "counterpart": france.pk,
                                 "duration_minutes": 30})
    assert response.status_code == 400
    assert "France cannot request a bilateral with itself." in response.content.decode()
    response = client.post(url, {"requester": france.pk, "duration_minutes": 30})
    assert "another delegation or a host leader, not both." in response.content.decode()
    response = client.post(url, {"requester": france.pk, "host_leader": president.pk,
                                 "duration_minutes": 2})
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 5." in response.content.decode()
    assert BilateralMeeting.objects.count() == 0


def test_bilateral_schedule_form_reads_the_event_local_time(client, event, protocol, france,
                                                            ghana, rooms, settings):
    settings.TIME_ZONE = "UTC"  # the server's zone must not matter: the event's does
    bilateral = request(event, protocol, france, ghana)
    client.force_login(protocol)
    local = at(event, 9, 30).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("logistics:bilateral_schedule", args=[bilateral.pk]),
                           {"room": rooms[0].pk, "starts_at": local})
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.starts_at, session.ends_at) == (at(event, 9, 30), at(event, 10))
    body = client.get(response["Location"]).content.decode()
    assert "09:30–10:00" in text_of(body) and f'value="{local}"' in body


def test_bilateral_schedule_form_shows_the_clash(client, event, protocol, france, ghana,
                                                 vietnam, rooms):
    first = request(event, protocol, france, ghana)
    bilateral_schedule(bilateral=first, by=protocol, room=rooms[0], starts_at=at(event, 10))
    second = request(event, protocol, vietnam, ghana)
    client.force_login(protocol)
    url = reverse("logistics:bilateral_schedule", args=[second.pk])
    local = at(event, 10, 15).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"room": rooms[0].pk, "starts_at": local})
    assert response.status_code == 409
    assert ("Bilateral room 1 is booked 10:00–10:30 for “Bilateral: France – Ghana”."
            in response.content.decode())
    response = client.post(url, {"room": rooms[1].pk, "starts_at": local})
    assert response.status_code == 409
    assert ("The head of delegation of Ghana is at “Bilateral: France – Ghana” 10:00–10:30."
            in response.content.decode())
    response = client.post(url, {"room": rooms[1].pk, "starts_at": "tomorrow at ten"})
    assert response.status_code == 400
    assert "Enter a valid date/time." in response.content.decode()
    second.refresh_from_db()
    assert (second.status, Session.objects.count()) == (BilateralStatus.REQUESTED, 1)


def test_bilateral_status_through_the_page(client, event, protocol, france, ghana):
    bilateral = request(event, protocol, france, ghana)
    client.force_login(protocol)
    url = reverse("logistics:bilateral_status", args=[bilateral.pk])
    response = client.post(url, {"status": "held"}, follow=True)
    assert ("The bilateral of France with Ghana is requested; it cannot become held."
            in response.content.decode())
    client.post(url, {"status": "declined"})
    bilateral.refresh_from_db()
    assert bilateral.status == BilateralStatus.DECLINED


def test_bilateral_list_filters_by_status_and_delegation(client, event, protocol, france,
                                                         ghana, vietnam, president):
    BilateralFactory(event=event, requester=france, counterpart=ghana)
    BilateralFactory(event=event, requester=vietnam, counterpart=france,
                     status=BilateralStatus.DECLINED)
    BilateralFactory(event=event, requester=vietnam, counterpart=None, host_leader=president)
    client.force_login(protocol)
    url = reverse("logistics:bilateral_list")

    def rows(**params):
        return client.get(url, params).content.decode().count('data-testid="bilateral-row"')

    assert rows() == 3
    assert rows(status="declined") == 1
    assert rows(delegation=france.pk) == 2
    assert rows(delegation=ghana.pk, status="declined") == 0
    body = client.get(url, {"delegation": ghana.pk, "status": "declined"}).content.decode()
    assert "No bilateral meeting matches these filters." in body
    assert rows(status="bogus") == 3  # an invalid filter is reported, not a crash
    assert "Select a valid choice" in client.get(url, {"status": "bogus"}).content.decode()


def test_bilateral_list_queries_do_not_grow_with_rows(client, event, protocol, rooms,
                                                      president):
    client.force_login(protocol)
    url = reverse("logistics:bilateral_list")
    codes = iter(["FR", "GH", "VN", "MX", "JP", "BR"])

    def add(**kwargs):
        requester = StateDelegationFactory(event=event, country=country(next(codes)))
        return request(event, protocol, requester, **kwargs)

    scheduled = add(host_leader=president)
    bilateral_schedule(bilateral=scheduled, by=protocol, room=rooms[0], starts_at=at(event, 10))

    def two_more():
        for _ in range(2):
            add(counterpart=StateDelegationFactory(event=event, country=country(next(codes))))

    body = same_queries(lambda: client.get(url), two_more).content.decode()
    assert body.count('data-testid="bilateral-row"') == 3


def test_bilateral_list_reads_the_delegations_once_for_its_three_selects(client, event,
                                                                         protocol, france,
                                                                         ghana):
    client.force_login(protocol)
    url = reverse("logistics:bilateral_list")
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url, {"delegation": ghana.pk}).content.decode()
    reads = [q["sql"] for q in queries.captured_queries
             if q["sql"].startswith("SELECT") and 'FROM "logistics_delegation"' in q["sql"]
             and "LIMIT" not in q["sql"]]
    assert len(reads) == 1
    assert body.count(f'<option value="{france.pk}"') == 3
    assert f'<option value="{ghana.pk}" selected>' in body
    # A refused request keeps what was chosen.
    response = client.post(reverse("logistics:bilateral_request"),
                           {"requester": france.pk, "counterpart": france.pk,
                            "duration_minutes": 30})
    assert response.status_code == 400
    assert response.content.decode().count(f'<option value="{france.pk}" selected>') == 2


def test_bilateral_detail_of_another_event_is_not_found(client, protocol, event):
    other = EventFactory(start_date=event.start_date + timedelta(days=60),
                         end_date=event.start_date + timedelta(days=61))
    bilateral = BilateralFactory(event=other)
    client.force_login(protocol)
    assert client.get(reverse("logistics:bilateral_detail", args=[bilateral.pk])).status_code \
        == 404


# Host leaders in the admin

def test_host_leaders_are_kept_in_the_admin_by_the_protocol_office(client, event, focal_point):
    officer = user_with_role(Role.PROTOCOL, is_staff=True)
    client.force_login(officer)
    response = client.post("/admin/logistics/hostleader/add/", {
        "event": event.pk, "name": " Phạm Minh Chính ", "title": "Prime Minister"})
    assert response.status_code == 302, response.content.decode()[:2000]
    leader = HostLeader.objects.get()
    assert (leader.name, leader.title) == ("Phạm Minh Chính", "Prime Minister")
    assert client.get("/admin/logistics/speakerslot/").status_code == 200
    assert client.get("/admin/logistics/bilateralmeeting/add/").status_code == 403
    focal_point.is_staff = True
    focal_point.save()
    client.force_login(focal_point)
    assert client.get("/admin/logistics/hostleader/add/").status_code == 403


def test_host_leader_create_refuses_other_roles_and_duplicates(event, protocol, observer):
    with pytest.raises(NotAllowed):
        host_leader_create(event=event, by=observer, name="Lương Cường", title="President")
    host_leader_create(event=event, by=protocol, name="Lương Cường", title="President")
    with pytest.raises(ValidationError):
        host_leader_create(event=event, by=protocol, name=" Lương Cường", title="Chairman")
    with pytest.raises(ValidationError) as error:
        host_leader_create(event=event, by=protocol, name="  ", title="President")
    assert list(error.value.message_dict) == ["name"]
    assert HostLeader.objects.count() == 1


# The event's days, the page's labels and order (UX review)

@pytest.mark.parametrize("start", [
    lambda event: at(event, 16, day=-1),  # the day before the event
    lambda event: at(event, 10, day=2),  # the day after its last day
    lambda event: at(event, 23, 45, day=1),  # runs past the last midnight
])
def test_bilateral_schedule_refuses_a_slot_outside_the_event(event, protocol, france, ghana,
                                                            rooms, start):
    bilateral = request(event, protocol, france, ghana)
    with pytest.raises(InvalidBilateral) as error:
        bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                           starts_at=start(event))
    first, last = event.start_date, event.end_date
    assert error.value.message.startswith(
        f"A bilateral is held during the event, from {first.day} {first:%B %Y} to "
        f"{last.day} {last:%B %Y} (local dates); ")
    assert list(error.value.fields) == ["starts_at"]
    bilateral.refresh_from_db()
    assert (bilateral.status, Session.objects.count()) == (BilateralStatus.REQUESTED, 0)


def test_bilateral_schedule_accepts_the_last_slot_of_the_event(event, protocol, france, ghana,
                                                               rooms):
    bilateral = request(event, protocol, france, ghana)
    bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                       starts_at=at(event, 23, 30, day=1))
    assert Session.objects.get().ends_at == at(event, 0, day=2)


def test_bilateral_schedule_page_shows_a_slot_outside_the_event_next_to_the_field(
        client, event, protocol, france, ghana, rooms):
    bilateral = request(event, protocol, france, ghana)
    client.force_login(protocol)
    local = at(event, 10, day=5).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("logistics:bilateral_schedule", args=[bilateral.pk]),
                           {"room": rooms[0].pk, "starts_at": local})
    assert response.status_code == 400
    error = response.content.decode().split('data-testid="error-starts_at">')[1]
    assert error.startswith("A bilateral is held during the event")


def test_bilateral_detail_says_decline_and_offers_held_only_once_started(
        client, event, protocol, france, ghana, rooms):
    bilateral = request(event, protocol, france, ghana)
    bilateral = bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0],
                                   starts_at=at(event, 10))
    client.force_login(protocol)
    url = reverse("logistics:bilateral_detail", args=[bilateral.pk])
    body = client.get(url).content.decode()
    assert 'value="declined">Decline</button>' in body
    assert 'value="held"' not in body
    assert "It can be marked held once it has started." in body
    assert 'data-testid="breadcrumb-current">France – Ghana</li>' in body
    # Once its start has passed, "Mark held" is offered.
    Session.objects.filter(pk=bilateral.session_id).update(
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(minutes=25))
    body = client.get(url).content.decode()
    assert 'value="held">Mark held</button>' in body
    assert "It can be marked held once it has started." not in body


def test_bilateral_detail_breadcrumb_names_a_host_leader(client, event, protocol, france,
                                                         president):
    bilateral = request(event, protocol, france, host_leader=president)
    client.force_login(protocol)
    body = client.get(reverse("logistics:bilateral_detail", args=[bilateral.pk])).content
    assert ('data-testid="breadcrumb-current">France – President Lương Cường</li>'
            in body.decode())


def test_bilateral_detail_warns_of_a_head_not_yet_arrived_or_gone(client, event, protocol,
                                                                  france, ghana, rooms):
    MemberFactory(delegation=france, is_head=True, arrival_at=at(event, 12),
                  departure_at=at(event, 18, day=1))
    MemberFactory(delegation=ghana, is_head=True, arrival_at=at(event, 8, day=-1),
                  departure_at=at(event, 10, 15))
    MemberFactory(delegation=ghana, is_head=False, arrival_at=at(event, 20))
    bilateral = request(event, protocol, france, ghana)
    bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0], starts_at=at(event, 10))
    client.force_login(protocol)
    body = client.get(reverse("logistics:bilateral_detail", args=[bilateral.pk])).content
    warnings = body.decode().split('data-testid="bilateral-warnings">')[1].split("</ul>")[0]
    day = event.start_date
    assert (f"The head of delegation of France arrives only on {day.day} {day:%B}, 12:00, "
            "after the meeting starts.") in warnings
    assert (f"The head of delegation of Ghana leaves on {day.day} {day:%B}, 10:15, before the "
            "meeting ends.") in warnings
    assert warnings.count("<li>") == 2


def test_bilateral_detail_has_no_warning_without_travel_data(client, event, protocol, france,
                                                             ghana, rooms):
    MemberFactory(delegation=france, is_head=True)
    bilateral = request(event, protocol, france, ghana)
    bilateral_schedule(bilateral=bilateral, by=protocol, room=rooms[0], starts_at=at(event, 10))
    client.force_login(protocol)
    body = client.get(reverse("logistics:bilateral_detail", args=[bilateral.pk])).content
    assert b"bilateral-warnings" not in body


def test_bilateral_schedule_offers_the_small_rooms_first(client, event, protocol, france,
                                                         ghana, rooms):
    venue = rooms[0].venue
    plenary = RoomFactory(venue=venue, name="Plenary Hall", capacity=1500)
    banquet = RoomFactory(venue=venue, name="Banquet Hall", capacity=600)
    salon = RoomFactory(venue=venue, name="Salon", capacity=40)
    bilateral = request(event, protocol, france, ghana)
    client.force_login(protocol)
    response = client.get(reverse("logistics:bilateral_detail", args=[bilateral.pk]))
    offered = list(response.context["schedule_form"].fields["room"].queryset)
    assert offered == [rooms[0], rooms[1], salon, banquet, plenary]
    assert "Bilateral room 1 · 12 seats (National Convention Centre)" in (
        response.content.decode())


def test_bilateral_list_is_in_the_order_of_the_meetings(client, event, protocol, rooms,
                                                        president):
    codes = iter(["FR", "GH", "VN", "MX", "JP"])

    def add(**kwargs):
        requester = StateDelegationFactory(event=event, country=country(next(codes)))
        return request(event, protocol, requester, host_leader=president, **kwargs)

    asked_first = add()
    late = add()
    bilateral_schedule(bilateral=late, by=protocol, room=rooms[0], starts_at=at(event, 15))
    early = add()
    bilateral_schedule(bilateral=early, by=protocol, room=rooms[0], starts_at=at(event, 9))
    declined = add()
    bilateral_set_status(bilateral=declined, by=protocol, status=BilateralStatus.DECLINED)
    asked_last = add()
    client.force_login(protocol)
    response = client.get(reverse("logistics:bilateral_list"))
    assert [b.pk for b in response.context["page"]] == [
        early.pk, late.pk, asked_first.pk, asked_last.pk, declined.pk]


def test_bilateral_list_links_the_host_leaders_for_those_allowed(client, event, protocol,
                                                                  observer):
    officer = user_with_role(Role.PROTOCOL, is_staff=True)
    client.force_login(officer)
    body = client.get(reverse("logistics:bilateral_list")).content.decode()
    hint = body.split('data-testid="host-leaders-hint">')[1].split("</p>")[0]
    assert f'<a href="{reverse("admin:logistics_hostleader_changelist")}">' in hint
    assert "administration" not in hint
    client.force_login(protocol)  # not a staff account: no way into the admin
    hint = client.get(reverse("logistics:bilateral_list")).content.decode().split(
        'data-testid="host-leaders-hint">')[1].split("</p>")[0]
    assert "<a " not in hint
