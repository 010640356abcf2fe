"""Rooms, sessions and the speakers list over the API."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from logistics.bilaterals.enums import BilateralStatus
from logistics.delegations.enums import DelegationLevel
from logistics.programme.enums import SessionKind, SessionStatus, SpeakerStatus
from logistics.programme.models import Room, Session
from logistics.side_events.enums import ProposalStatus
from logistics.speakers.models import SpeakerSlot
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import EventFactory
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.protocol import BilateralFactory
from tests.factories.side_events import ProposalFactory
from tests.factories.signing import StateDelegationFactory


@pytest.fixture
def debate(event, hall):
    return SessionFactory(event=event, room=hall, kind=SessionKind.HIGH_LEVEL_DEBATE,
                          title="High-level debate", starts_at=at(event, 10),
                          ends_at=at(event, 12), organiser_email="debate@un.example")


@pytest.fixture
def seminar(event, room_b):
    return SessionFactory(event=event, room=room_b, kind=SessionKind.SEMINAR,
                          title="Seminar on cybercrime", starts_at=at(event, 14, day=1),
                          ends_at=at(event, 16, day=1))


def _titles(response):
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def _session(event, room, **fields):
    payload = {"event": event.pk, "room": room.pk, "kind": "seminar", "title": "Side talk",
               "starts_at": at(event, 11).isoformat(), "ends_at": at(event, 13).isoformat()}
    payload.update(fields)
    return payload


# Rooms


def test_room_list_and_filters(login, focal_point, event, hall, room_b):
    client = login(focal_point)
    body = client.get(f"/api/v1/rooms/?event={event.pk}").json()
    assert [(row["name"], row["venue_name"], row["event"]) for row in body["results"]] == [
        ("Plenary Hall", "National Convention Centre", event.pk),
        ("Room B", "National Convention Centre", event.pk)]
    body = client.get("/api/v1/rooms/?min_capacity=100").json()
    assert [row["name"] for row in body["results"]] == ["Plenary Hall"]


def test_room_list_query_count_does_not_grow(login, observer, venue, same_query_count):
    same_query_count(lambda: login(observer).get("/api/v1/rooms/"),
                     lambda n: RoomFactory.create_batch(n, venue=venue))


def test_room_create_by_programme_officer(login, programme, venue):
    response = login(programme).post("/api/v1/rooms/", {
        "venue": venue.pk, "name": "Phòng họp 2", "capacity": 40, "access_zone": "B",
        "interpretation_booths": 2, "streaming": False}, format="json")
    assert response.status_code == 201, response.content
    room = Room.objects.get(pk=response.json()["id"])
    assert (room.name, room.capacity, room.venue) == ("Phòng họp 2", 40, venue)


def test_room_create_rejects_bad_input(login, programme, venue, hall):
    client = login(programme)
    response = client.post("/api/v1/rooms/", {"venue": 999999, "name": "", "capacity": 0},
                           format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["capacity", "name", "venue"]
    response = client.post("/api/v1/rooms/", {"venue": venue.pk, "name": "Plenary Hall",
                                              "capacity": 10}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "invalid_room")
    assert Room.objects.count() == 1


def test_room_patch_by_programme_officer(login, programme, hall):
    response = login(programme).patch(f"/api/v1/rooms/{hall.pk}/", {
        "name": "Hội trường lớn", "streaming": False}, format="json")
    assert response.status_code == 200, response.content
    hall.refresh_from_db()
    assert (hall.name, hall.streaming, hall.capacity) == ("Hội trường lớn", False, 300)


def test_room_capacity_below_a_booked_audience_is_refused(login, programme, event, hall):
    SessionFactory(event=event, room=hall, title="Opening", expected_audience=250)
    response = login(programme).patch(f"/api/v1/rooms/{hall.pk}/", {"capacity": 200},
                                      format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "capacity_exceeded", "“Opening” expects 250; Plenary Hall would seat only 200.")
    hall.refresh_from_db()
    assert hall.capacity == 300


def test_room_cannot_move_to_another_events_venue(login, programme, hall):
    response = login(programme).patch(f"/api/v1/rooms/{hall.pk}/",
                                      {"venue": VenueFactory().pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["venue"]


# Sessions: reads


def test_session_times_are_in_the_event_time_zone(login, observer):
    paris = EventFactory(time_zone="Europe/Paris")
    session = SessionFactory(event=paris, starts_at=at(paris, 9, 30), ends_at=at(paris, 11))
    body = login(observer).get(f"/api/v1/sessions/{session.pk}/").json()
    day = paris.start_date.isoformat()
    offset = at(paris, 9).strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    assert (body["starts_at"], body["ends_at"]) == (f"{day}T09:30:00{offset}",
                                                    f"{day}T11:00:00{offset}")


def test_session_day_filter_uses_the_event_local_date(login, observer, event, hall, debate,
                                                      seminar):
    late = SessionFactory(event=event, room=hall, title="Reception",
                          kind=SessionKind.RECEPTION, starts_at=at(event, 23),
                          ends_at=at(event, 1, day=1))
    early = SessionFactory(event=event, room=hall, title="Rehearsal",
                           kind=SessionKind.REHEARSAL, starts_at=at(event, 6, day=1),
                           ends_at=at(event, 6, 30, day=1))
    client = login(observer)
    first, second = event.start_date, event.start_date + timedelta(days=1)
    assert _titles(client.get(f"/api/v1/sessions/?day={first}")) == [
        debate.title, late.title]
    assert _titles(client.get(f"/api/v1/sessions/?day={second}")) == [
        late.title, early.title, seminar.title]
    assert _titles(client.get(f"/api/v1/sessions/?day={first - timedelta(days=1)}")) == []


def test_session_day_filter_for_an_event_elsewhere(login, observer):
    paris = EventFactory(time_zone="Europe/Paris")
    # 00:30 in Paris is the previous day in UTC and the same day in Hanoi.
    session = SessionFactory(event=paris, title="Night", starts_at=at(paris, 0, 30),
                             ends_at=at(paris, 1, 30))
    response = login(observer).get(f"/api/v1/sessions/?day={paris.start_date}")
    assert _titles(response) == [session.title]


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=seminar", ["Seminar on cybercrime"]),
    ("kind=seminar&kind=high_level_debate", ["High-level debate", "Seminar on cybercrime"]),
    ("status=cancelled", []),
    ("status=scheduled", ["High-level debate", "Seminar on cybercrime"]),
    ("search=cyber", ["Seminar on cybercrime"]),
])
def test_session_list_filters(login, observer, debate, seminar, query, expected):
    assert _titles(login(observer).get(f"/api/v1/sessions/?{query}")) == expected


def test_session_list_filters_by_room(login, observer, debate, seminar, room_b):
    assert _titles(login(observer).get(f"/api/v1/sessions/?room={room_b.pk}")) == [
        "Seminar on cybercrime"]


def test_session_list_rejects_bad_day(login, observer, debate):
    response = login(observer).get("/api/v1/sessions/?day=monday&kind=party")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["day", "kind"]


def test_session_list_pages(login, observer, debate, seminar):
    body = login(observer).get("/api/v1/sessions/?page_size=1&page=2").json()
    assert (body["count"], [row["title"] for row in body["results"]]) == (
        2, ["Seminar on cybercrime"])


def test_session_list_query_count_does_not_grow(login, observer, event, hall,
                                                same_query_count):
    def add(n):
        for _ in range(n):
            start = at(event, 8) + timedelta(hours=Session.objects.count())
            session = SessionFactory(event=event, room=hall, starts_at=start,
                                     ends_at=start + timedelta(minutes=45))
            session.delegations.set([DelegationFactory(event=event)])

    same_query_count(lambda: login(observer).get("/api/v1/sessions/"), add)


def test_session_organiser_email_only_for_programme_office_and_keys(clients, debate):
    url = f"/api/v1/sessions/{debate.pk}/"
    assert clients("programme").get(url).json()["organiser_email"] == "debate@un.example"
    assert clients("personal_key").get(url).json()["organiser_email"] == "debate@un.example"
    assert "organiser_email" not in clients("read_key").get(url).json()
    assert "organiser_email" not in clients("observer").get(url).json()
    assert "organiser_email" not in clients("protocol").get(url).json()


# Sessions: writes


def test_session_create_by_programme_officer(login, programme, event, room_b):
    response = login(programme).post("/api/v1/sessions/", _session(
        event, room_b, languages=["en", "fr", "ar"], expected_audience=60,
        media_access="pool", chair="Ms Lê Thị Thu Hằng"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["room_name"], body["languages"], body["media_access"]) == (
        "scheduled", "Room B", ["en", "fr", "ar"], "pool")
    assert Session.objects.get(pk=body["id"]).chair == "Ms Lê Thị Thu Hằng"


def test_session_create_without_room_is_a_draft(login, programme, event):
    response = login(programme).post("/api/v1/sessions/", {
        "event": event.pk, "kind": "cultural", "title": "Water puppets",
        "starts_at": "2026-12-10T19:00:00", "ends_at": "2026-12-10T20:00:00"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["room"], body["starts_at"]) == (
        "draft", None, "2026-12-10T19:00:00+07:00")


def test_session_create_in_a_booked_room_is_refused(login, programme, event, hall, debate):
    response = login(programme).post("/api/v1/sessions/", _session(event, hall),
                                     format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "room_clash", "Plenary Hall is booked 10:00–12:00 for “High-level debate”.")
    assert Session.objects.count() == 1


def test_session_create_with_a_busy_head_of_delegation_is_refused(login, programme, event,
                                                                  debate, room_b):
    kenya = StateDelegationFactory(event=event, country=country("KE"))
    debate.delegations.add(kenya)
    response = login(programme).post("/api/v1/sessions/", _session(
        event, room_b, kind="bilateral", title="Kenya – Viet Nam", delegations=[kenya.pk]),
        format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "person_clash"
    assert "Kenya" in error["message"] and "High-level debate" in error["message"]
    assert list(error["fields"]) == ["delegations"]


def test_session_create_beyond_capacity_is_refused(login, programme, event, room_b):
    response = login(programme).post("/api/v1/sessions/", _session(
        event, room_b, expected_audience=81), format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (
        409, "capacity_exceeded")


def test_session_create_rejects_bad_input(login, programme, event, room_b):
    response = login(programme).post("/api/v1/sessions/", {
        "event": event.pk, "room": 999999, "kind": "party", "title": "",
        "starts_at": "at ten", "ends_at": "2026-12-10T12:00:00+07:00",
        "media_access": "tv", "languages": "en"}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == [
        "kind", "languages", "media_access", "room", "starts_at", "title"]
    assert Session.objects.count() == 0


def test_session_create_ending_before_it_starts_is_refused(login, programme, event, room_b):
    response = login(programme).post("/api/v1/sessions/", _session(
        event, room_b, starts_at=at(event, 13).isoformat(), ends_at=at(event, 11).isoformat()),
        format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], list(error["fields"])) == ("invalid_session", ["ends_at"])


def test_session_create_in_a_room_of_another_event_is_refused(login, programme, event):
    foreign = RoomFactory()
    response = login(programme).post("/api/v1/sessions/", _session(event, foreign),
                                     format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["room"]


def test_session_move_into_a_booked_room_is_refused(login, programme, debate, seminar, hall,
                                                    event):
    response = login(programme).patch(f"/api/v1/sessions/{seminar.pk}/", {
        "room": hall.pk, "starts_at": at(event, 11).isoformat(),
        "ends_at": at(event, 12).isoformat()}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "room_clash")
    seminar.refresh_from_db()
    assert seminar.room.name == "Room B"


def test_session_patch_moves_and_keeps_delegations(login, programme, event, seminar):
    kenya = StateDelegationFactory(event=event, country=country("KE"))
    seminar.delegations.add(kenya)
    response = login(programme).patch(f"/api/v1/sessions/{seminar.pk}/", {
        "starts_at": at(event, 15, day=1).isoformat(),
        "ends_at": at(event, 17, day=1).isoformat()}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["delegations"] == [kenya.pk]
    seminar.refresh_from_db()
    assert seminar.starts_at == at(event, 15, day=1)


def test_session_event_cannot_change(login, programme, seminar):
    response = login(programme).patch(f"/api/v1/sessions/{seminar.pk}/",
                                      {"event": EventFactory().pk}, format="json")
    assert (response.status_code, list(response.json()["error"]["fields"])) == (400, ["event"])


def test_session_cancel_frees_the_room(login, programme, event, hall, debate):
    client = login(programme)
    response = client.post(f"/api/v1/sessions/{debate.pk}/cancel/")
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    response = client.post("/api/v1/sessions/", _session(event, hall), format="json")
    assert response.status_code == 201


@pytest.fixture
def bilateral_session(event, room_b):
    session = SessionFactory(event=event, room=room_b, kind=SessionKind.BILATERAL,
                             title="Bilateral: Chile – Angola", starts_at=at(event, 15),
                             ends_at=at(event, 15, 30))
    BilateralFactory(event=event, session=session, status=BilateralStatus.SCHEDULED)
    return session


@pytest.mark.parametrize(("name", "sees"), [("observer", True), ("protocol", True),
                                            ("programme", True), ("focal_point", False),
                                            ("read_key", True)])
def test_session_reads_leave_bilaterals_to_those_who_see_delegations(clients, debate,
                                                                     bilateral_session, name,
                                                                     sees):
    client = clients(name)
    titles = _titles(client.get("/api/v1/sessions/"))
    assert ("Bilateral: Chile – Angola" in titles) == sees
    assert "High-level debate" in titles
    response = client.get(f"/api/v1/sessions/{bilateral_session.pk}/")
    assert response.status_code == (200 if sees else 404)
    kinds = _titles(client.get("/api/v1/sessions/?kind=bilateral"))
    assert kinds == (["Bilateral: Chile – Angola"] if sees else [])


@pytest.mark.parametrize("client_name", ["programme", "write_key"])
def test_session_of_a_bilateral_is_not_moved_or_cancelled_here(clients, client_name, hall,
                                                               bilateral_session):
    client = clients(client_name)
    message = ("“Bilateral: Chile – Angola” is the session of a bilateral meeting: the "
               "protocol office moves, declines or marks it held from the bilateral's page, "
               "not through the sessions endpoint.")
    url = f"/api/v1/sessions/{bilateral_session.pk}/"
    for response in (client.patch(url, {"room": hall.pk}, format="json"),
                     client.patch(url, {"room": "not a room"}, format="json"),
                     client.put(url, {}, format="json"),
                     client.post(f"{url}cancel/")):
        assert response.status_code == 409
        assert response.json()["error"] == {"code": "session_owned", "message": message}
    bilateral_session.refresh_from_db()
    assert (bilateral_session.room.name, bilateral_session.status) == ("Room B", "scheduled")


def test_session_of_a_side_event_points_to_the_proposal_endpoint(login, programme, event,
                                                                 room_b):
    session = SessionFactory(event=event, room=room_b, kind=SessionKind.SIDE_EVENT,
                             title="Youth and cybercrime")
    proposal = ProposalFactory(event=event, session=session, status=ProposalStatus.ACCEPTED)
    client = login(programme)
    response = client.post(f"/api/v1/sessions/{session.pk}/cancel/")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        f"“Youth and cybercrime” is the session of side event {proposal.reference}: move it "
        f"with POST /api/v1/side-event-proposals/{proposal.pk}/schedule/, not through the "
        "sessions endpoint.")
    response = client.patch(f"/api/v1/sessions/{session.pk}/", {"title": "Renamed"},
                            format="json")
    assert response.status_code == 409
    session.refresh_from_db()
    assert (session.title, session.status) == ("Youth and cybercrime", "scheduled")


def test_session_cannot_be_cancelled_by_patch(login, programme, debate):
    response = login(programme).patch(f"/api/v1/sessions/{debate.pk}/",
                                      {"status": "cancelled"}, format="json")
    assert (response.status_code, list(response.json()["error"]["fields"])) == (400,
                                                                                ["status"])
    debate.refresh_from_db()
    assert debate.status == SessionStatus.SCHEDULED


# The speakers list


def _speaker(session, code, *, order=None, minutes_ago=0, level=DelegationLevel.MINISTER):
    delegation = StateDelegationFactory(event=session.event, country=country(code))
    return SpeakerSlot.objects.create(
        session=session, delegation=delegation, speaker_name=f"Speaker of {code}",
        level=level, order=order, language="fr",
        inscribed_at=timezone.now() - timedelta(minutes=minutes_ago))


def test_speaker_list_in_order_then_by_inscription(login, observer, debate, seminar):
    _speaker(debate, "SN", minutes_ago=5)
    _speaker(debate, "FR", order=2)
    _speaker(debate, "MA", minutes_ago=10)
    _speaker(debate, "CI", order=1)
    _speaker(seminar, "BE", order=1)
    response = login(observer).get(f"/api/v1/speakers/?session={debate.pk}")
    rows = response.json()["results"]
    assert [(row["delegation_name"], row["order"]) for row in rows] == [
        ("Côte d'Ivoire", 1), ("France", 2), ("Morocco", None), ("Senegal", None)]
    assert (rows[0]["language"], rows[0]["level"], rows[0]["status"]) == (
        "fr", "minister", "inscribed")


def test_speaker_list_filters_by_status(login, observer, debate):
    spoken = _speaker(debate, "FR", order=1)
    SpeakerSlot.objects.filter(pk=spoken.pk).update(status=SpeakerStatus.SPOKEN)
    _speaker(debate, "SN", order=2)
    response = login(observer).get("/api/v1/speakers/?status=spoken")
    assert [row["delegation_name"] for row in response.json()["results"]] == ["France"]


def test_speaker_list_query_count_does_not_grow(login, observer, debate, same_query_count):
    codes = iter(["FR", "SN", "MA"])
    same_query_count(lambda: login(observer).get("/api/v1/speakers/"),
                     lambda n: [_speaker(debate, next(codes)) for _ in range(n)])


def test_speakers_are_neither_replaced_nor_deleted(login, secretariat, debate):
    # Writes are in test_speakers_write_api.py: inscribe, PATCH and the actions.
    slot = _speaker(debate, "FR")
    client = login(secretariat)
    url = f"/api/v1/speakers/{slot.pk}/"
    assert client.put(url, {"speaker_name": "X"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    assert SpeakerSlot.objects.filter(pk=slot.pk, speaker_name="Speaker of FR").exists()


# Who may


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("no_role", 403), ("focal_point", 200), ("observer", 200),
    ("protocol", 200), ("programme", 200), ("read_key", 200),
])
def test_programme_reads_by_role(clients, hall, debate, name, status):
    client = clients(name)
    urls = ["/api/v1/rooms/", f"/api/v1/rooms/{hall.pk}/", "/api/v1/sessions/",
            f"/api/v1/sessions/{debate.pk}/"]
    assert {url: client.get(url).status_code for url in urls} == {url: status for url in urls}


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("no_role", 403), ("focal_point", 403), ("observer", 200),
    ("protocol", 200), ("programme", 200), ("read_key", 200),
])
def test_speaker_reads_by_role(clients, debate, name, status):
    slot = _speaker(debate, "FR")
    client = clients(name)
    urls = ["/api/v1/speakers/", f"/api/v1/speakers/{slot.pk}/"]
    assert {url: client.get(url).status_code for url in urls} == {url: status for url in urls}


@pytest.fixture
def programme_writes(event, venue, room_b, debate):
    return {
        "room_create": ("post", "/api/v1/rooms/", {"venue": venue.pk, "name": "Room C",
                                                   "capacity": 30}, 201),
        "room_update": ("patch", f"/api/v1/rooms/{room_b.pk}/", {"capacity": 90}, 200),
        "session_create": ("post", "/api/v1/sessions/", _session(event, room_b), 201),
        "session_update": ("patch", f"/api/v1/sessions/{debate.pk}/",
                           {"title": "General debate"}, 200),
        "session_cancel": ("post", f"/api/v1/sessions/{debate.pk}/cancel/", {}, 200),
    }


@pytest.mark.parametrize("name", ["programme", "secretariat", "write_key"])
def test_programme_writes_allowed(clients, programme_writes, name):
    client = clients(name)
    statuses = {key: getattr(client, method)(url, payload, format="json").status_code
                for key, (method, url, payload, _) in programme_writes.items()}
    assert statuses == {key: expected for key, (*_, expected) in programme_writes.items()}


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("focal_point", 403), ("observer", 403), ("protocol", 403),
    ("read_key", 403),
])
def test_programme_writes_refused(clients, programme_writes, debate, name, status):
    client = clients(name)
    statuses = {key: getattr(client, method)(url, payload, format="json").status_code
                for key, (method, url, payload, _) in programme_writes.items()}
    assert statuses == {key: status for key in programme_writes}
    debate.refresh_from_db()
    assert (Room.objects.count(), Session.objects.count(), debate.status) == (
        2, 1, SessionStatus.SCHEDULED)


def test_session_write_by_key_goes_through_the_service(bearer, write_key, event, hall,
                                                       debate):
    response = bearer(write_key).post("/api/v1/sessions/", _session(event, hall),
                                      format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "room_clash")


def test_naive_input_time_read_in_event_zone(login, programme):
    paris = EventFactory(time_zone="Europe/Paris")
    response = login(programme).post("/api/v1/sessions/", {
        "event": paris.pk, "kind": "seminar", "title": "Atelier",
        "starts_at": f"{paris.start_date}T09:00:00", "ends_at": f"{paris.start_date}T10:00:00"},
        format="json")
    assert response.status_code == 201, response.content
    session = Session.objects.get(pk=response.json()["id"])
    assert session.starts_at == datetime.combine(paris.start_date, datetime.min.time(),
                                                 tzinfo=paris.tz) + timedelta(hours=9)
