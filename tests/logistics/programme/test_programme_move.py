"""The programme grid's move (issue 15, item 7): a session dropped on another room or time
goes through the session form's service, so it is refused by the same checks with the same
words, and an accepted move is what the next published version reports."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from logistics.core.enums import Role
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.models import HostLeader, Session
from logistics.programme.services import publishing
from tests.factories.delegations import country
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.protocol import BilateralFactory
from tests.factories.side_events import ProposalFactory
from tests.factories.signing import StateDelegationFactory
from tests.logistics.programme.test_programme_views import cells, grid


@pytest.fixture
def manager(client, officer, event):
    client.force_login(officer)
    return client


@pytest.fixture
def rooms(event):
    venue = VenueFactory(event=event, name="National Convention Centre")
    return {"hall": RoomFactory(venue=venue, name="Plenary Hall", capacity=300),
            "b": RoomFactory(venue=venue, name="Room B", capacity=80),
            "c": RoomFactory(venue=venue, name="Room C", capacity=20)}


@pytest.fixture
def seminar(event, rooms):
    """10:00-11:30 in the Plenary Hall, 60 expected, France's head taking part."""
    france = StateDelegationFactory(event=event, country=country("FR"))
    session = SessionFactory(event=event, room=rooms["hall"], kind=SessionKind.SEMINAR,
                             title="Seminar on electronic evidence", expected_audience=60,
                             starts_at=at(event, 10), ends_at=at(event, 11, 30))
    session.delegations.set([france])
    return session


def move(client, session, room, starts, day=None):
    data = {"room": getattr(room, "pk", room), "starts": starts,
            "day": (day or session.event.start_date).isoformat()}
    return client.post(reverse("logistics:session_move", args=[session.pk]),
                       {k: v for k, v in data.items() if v is not None})


def edit(client, session, room, starts, ends):
    """The session's form, asked for the same move: its errors, as the page shows them."""
    event = session.event
    data = {"kind": session.kind, "title": session.title, "room": room.pk,
            "day": event.start_date.isoformat(), "starts": starts, "ends": ends,
            "languages": ", ".join(session.languages), "media_access": session.media_access,
            "expected_audience": session.expected_audience or "",
            "delegations": [d.pk for d in session.delegations.all()]}
    if session.host_leader_id:
        data["host_leader"] = session.host_leader_id
    return client.post(reverse("logistics:session_edit", args=[session.pk]), data)


def place(session):
    session.refresh_from_db()
    tz = session.event.tz
    return (session.room.name, f"{session.starts_at.astimezone(tz):%H:%M}",
            f"{session.ends_at.astimezone(tz):%H:%M}")


def test_a_session_moves_to_another_room_and_time_keeping_its_length(manager, event, rooms,
                                                                    seminar):
    response = move(manager, seminar, rooms["b"], "14:15")
    assert response.status_code == 200
    assert response.json() == {
        # Each name and the times set apart, for a right-to-left sentence.
        "message": "“\u2068Seminar on electronic evidence\u2069” moved to \u2068Room B\u2069, "
                   "\u206814:15–15:45\u2069.",
        "session": {"id": seminar.pk, "room": rooms["b"].pk,
                    "day": event.start_date.isoformat(), "starts": "14:15", "ends": "15:45"}}
    assert place(seminar) == ("Room B", "14:15", "15:45")
    assert seminar.status == SessionStatus.SCHEDULED
    assert grid(manager, event).status_code == 200


def test_a_move_is_what_the_next_published_version_reports(manager, officer, event, rooms,
                                                           seminar):
    publishing.programme_publish(event=event, by=officer)
    move(manager, seminar, rooms["b"], "09:00", day=event.start_date + timedelta(days=1))
    pending = publishing.pending_changes(event)
    assert [(item["id"], sorted(item["fields"])) for item in pending["changed"]] == [
        (seminar.pk, ["end", "room", "start"])]


def test_a_draft_moves_and_stays_a_draft(manager, event, rooms, seminar):
    Session.objects.filter(pk=seminar.pk).update(status=SessionStatus.DRAFT)
    assert move(manager, seminar, rooms["b"], "16:00").status_code == 200
    assert place(seminar) == ("Room B", "16:00", "17:30")
    assert seminar.status == SessionStatus.DRAFT


def _room_taken(event, rooms, seminar):
    SessionFactory(event=event, room=rooms["b"], title="Press briefing",
                   starts_at=at(event, 14), ends_at=at(event, 15))
    return rooms["b"], "14:30", "16:00"


def _too_small(event, rooms, seminar):
    return rooms["c"], "14:00", "15:30"


def _head_at_a_bilateral(event, rooms, seminar):
    france = seminar.delegations.get()
    ghana = StateDelegationFactory(event=event, country=country("GH"))
    meeting = SessionFactory(event=event, room=rooms["c"], kind=SessionKind.BILATERAL,
                             title="Bilateral: France – Ghana", starts_at=at(event, 14),
                             ends_at=at(event, 14, 30))
    meeting.delegations.set([france, ghana])
    return rooms["b"], "13:45", "15:15"


def _head_at_the_signing(event, rooms, seminar):
    signing = SessionFactory(event=event, room=rooms["hall"],
                             kind=SessionKind.SIGNING_CEREMONY, title="Signing ceremony",
                             starts_at=at(event, 15), ends_at=at(event, 16))
    signing.delegations.set(seminar.delegations.all())
    return rooms["b"], "14:30", "16:00"


def _host_leader_elsewhere(event, rooms, seminar):
    president = HostLeader.objects.create(event=event, name="Lương Cường", title="President")
    Session.objects.filter(pk=seminar.pk).update(host_leader=president)
    seminar.refresh_from_db()
    SessionFactory(event=event, room=rooms["c"], title="State banquet", host_leader=president,
                   starts_at=at(event, 18), ends_at=at(event, 20))
    return rooms["b"], "17:00", "18:30"


@pytest.mark.parametrize("setup, message", [
    (_room_taken, "Room B is booked 14:00–15:00 for “Press briefing”."),
    (_too_small, "Room C seats 20; the session expects 60."),
    (_head_at_a_bilateral,
     "The head of delegation of France is at “Bilateral: France – Ghana” 14:00–14:30."),
    (_head_at_the_signing,
     "The head of delegation of France is at “Signing ceremony” 15:00–16:00."),
    (_host_leader_elsewhere, "President Lương Cường is at “State banquet” 18:00–20:00."),
], ids=["room", "capacity", "bilateral", "signing", "host-leader"])
def test_a_refused_move_says_what_the_form_says_and_changes_nothing(manager, event, rooms,
                                                                    seminar, setup, message):
    room, starts, ends = setup(event, rooms, seminar)
    before = place(seminar)
    response = move(manager, seminar, room, starts)
    assert response.status_code == 409
    assert response.json()["error"]["message"] == message
    assert place(seminar) == before
    form_page = edit(manager, seminar, room, starts, ends)
    assert form_page.status_code == 409
    assert message in form_page.content.decode().replace("&ldquo;", "“").replace(
        "&rdquo;", "”")
    assert place(seminar) == before


@pytest.mark.parametrize("data, field", [
    ({"room": 999999}, "room"),
    ({"room": "hall-b"}, "room"),
    ({"room": None}, "room"),
    ({"starts": "14:10"}, "starts"),
    ({"starts": "14:00:30"}, "starts"),
    ({"starts": "25:00"}, "starts"),
    ({"starts": None}, "starts"),
    ({"day": "2099-01-01"}, "day"),
    ({"day": "yesterday"}, "day"),
], ids=["unknown-room", "not-an-id", "no-room", "not-on-the-quarter", "seconds",
        "no-such-time", "no-start", "outside-the-event", "not-a-day"])
def test_bad_input_is_refused_and_changes_nothing(manager, event, rooms, seminar, data,
                                                  field):
    args = {"room": rooms["b"], "starts": "14:00", **data}
    day = args.pop("day", None)
    before = place(seminar)
    url = reverse("logistics:session_move", args=[seminar.pk])
    post = {"room": getattr(args["room"], "pk", args["room"]), "starts": args["starts"],
            "day": day or event.start_date.isoformat()}
    response = manager.post(url, {k: v for k, v in post.items() if v is not None})
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == [field]
    assert error["message"]
    assert place(seminar) == before


def test_the_day_before_the_event_is_refused_with_its_reason(manager, event, rooms, seminar):
    response = move(manager, seminar, rooms["b"], "14:00",
                    day=event.start_date - timedelta(days=1))
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        f"The grid moves a session within the event, {event.start_date.isoformat()} to "
        f"{event.end_date.isoformat()}; change its day in its form.")


def test_a_session_before_the_event_moves_within_its_own_day(manager, event, rooms):
    day = event.start_date - timedelta(days=1)
    briefing = SessionFactory(event=event, room=rooms["b"], title="Press briefing",
                              starts_at=at(event, 16, day=-1), ends_at=at(event, 17, day=-1))
    assert move(manager, briefing, rooms["hall"], "15:00", day=day).status_code == 200
    assert place(briefing) == ("Plenary Hall", "15:00", "16:00")


def test_another_events_room_is_unknown(manager, event, rooms, seminar):
    elsewhere = RoomFactory(venue=VenueFactory(event=EventFactory()), name="Elsewhere")
    response = move(manager, seminar, elsewhere, "14:00")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["room"]
    assert place(seminar)[0] == "Plenary Hall"


def test_another_events_session_is_not_found(manager, event, rooms):
    other = SessionFactory(event=EventFactory(), title="Not ours")
    response = move(manager, other, rooms["b"], "14:00")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.room.name != "Room B"


@pytest.mark.parametrize("owner", ["bilateral", "side event"])
def test_a_bilateral_or_side_event_is_moved_from_its_own_page(manager, event, rooms, owner):
    session = SessionFactory(event=event, room=rooms["b"], title="Owned session",
                             starts_at=at(event, 9), ends_at=at(event, 10))
    if owner == "bilateral":
        BilateralFactory(event=event, session=session)
    else:
        ProposalFactory(event=event, session=session)
    response = move(manager, session, rooms["hall"], "14:00")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "“Owned session” is moved or cancelled from its own page, not from the programme.")
    assert place(session) == ("Room B", "09:00", "10:00")


def test_a_cancelled_session_stays_where_it_was(manager, event, rooms, seminar):
    Session.objects.filter(pk=seminar.pk).update(status=SessionStatus.CANCELLED)
    response = move(manager, seminar, rooms["b"], "14:00")
    assert response.status_code == 409
    assert place(seminar)[0] == "Plenary Hall"


@pytest.mark.parametrize("role", [Role.STEERING, Role.PROTOCOL, Role.FOCAL_POINT,
                                  Role.OBSERVER, Role.ACCREDITATION])
def test_only_the_programme_office_and_the_secretariat_move_sessions(client, event, rooms,
                                                                      seminar, role):
    client.force_login(user_with_role(role, username=f"user-{role}"))
    assert move(client, seminar, rooms["b"], "14:00").status_code == 403
    assert place(seminar)[0] == "Plenary Hall"


def test_the_secretariat_moves_sessions(client, secretariat, event, rooms, seminar):
    client.force_login(secretariat)
    assert move(client, seminar, rooms["b"], "14:00").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, event, rooms, seminar):
    response = move(client, seminar, rooms["b"], "14:00")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_move_needs_post_and_the_csrf_token(officer, event, rooms, seminar):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    url = reverse("logistics:session_move", args=[seminar.pk])
    assert browser.get(url).status_code == 405
    assert move(browser, seminar, rooms["b"], "14:00").status_code == 403
    assert place(seminar)[0] == "Plenary Hall"


def test_the_grid_offers_moves_to_managers_on_their_own_sessions_only(manager, client, event,
                                                                      rooms, seminar, steering):
    owned = SessionFactory(event=event, room=rooms["b"], title="Side event",
                           starts_at=at(event, 9), ends_at=at(event, 10))
    ProposalFactory(event=event, session=owned)
    response = grid(manager, event)
    movable = {int(c["data-session"]): c.get("data-move") for c in cells(response,
                                                                           "grid-session")}
    assert movable == {seminar.pk: reverse("logistics:session_move", args=[seminar.pk]),
                       owned.pk: None}
    assert len(cells(response, "move-panel")) == 1

    client.force_login(steering)
    response = grid(client, event)
    assert all("data-move" not in c for c in cells(response, "grid-session"))
    assert cells(response, "move-panel") == []
