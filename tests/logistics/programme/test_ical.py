from datetime import UTC, timedelta

import pytest
from django.core import signing
from django.urls import reverse
from icalendar import Calendar

from logistics.delegations.calendar_link import (
    delegation_from_token,
    delegation_ical_token,
    delegation_ical_url,
)
from logistics.programme.enums import SessionKind
from logistics.programme.errors import NothingToPublish
from logistics.programme.services.publishing import programme_publish
from logistics.programme.services.sessions import session_cancel, session_create, session_update
from tests.factories.delegations import DelegationFactory
from tests.factories.plan import EventFactory
from tests.factories.programme import RoomFactory, SessionFactory, at

FEED = reverse("programme_ical")

pytestmark = pytest.mark.usefixtures("site_url")


@pytest.fixture
def plenary(event, hall):
    return SessionFactory(event=event, room=hall, kind=SessionKind.PLENARY, title="Plenary",
                          starts_at=at(event, 10), ends_at=at(event, 12), chair="The President")


@pytest.fixture
def chile(event):
    return DelegationFactory(event=event, name="Chile")


def vevents(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}


def test_programme_feed_gives_the_published_sessions_in_utc(client, event, officer, plenary):
    programme_publish(event=event, by=officer)
    events = vevents(client.get(FEED))
    assert list(events) == ["Plenary"]
    item = events["Plenary"]
    starts, ends = item.decoded("DTSTART"), item.decoded("DTEND")
    assert starts == at(event, 10)
    assert starts.utcoffset() == timedelta(0)
    assert (starts.hour, ends.hour) == (3, 5)
    assert item["DTSTART"].to_ical().endswith(b"Z")
    assert str(item["LOCATION"]) == "Plenary Hall, National Convention Centre"
    assert item["SEQUENCE"] == 1
    assert str(item["UID"]) == f"session-{plenary.pk}@{event.slug}.accord"
    assert "The President" in str(item["DESCRIPTION"])


def test_programme_feed_keeps_each_uid_and_raises_the_sequence(client, event, officer,
                                                               plenary):
    programme_publish(event=event, by=officer)
    first = vevents(client.get(FEED))["Plenary"]
    session_update(session=plenary, by=officer, starts_at=at(event, 11), ends_at=at(event, 13))
    programme_publish(event=event, by=officer)
    second = vevents(client.get(FEED))["Plenary"]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == 2
    assert second.decoded("DTSTART") == at(event, 11).astimezone(UTC)


def test_programme_feed_shows_the_published_not_the_live_programme(client, event, officer,
                                                                   room_b, plenary):
    programme_publish(event=event, by=officer)
    SessionFactory(event=event, room=room_b, title="Not yet published",
                   starts_at=at(event, 14), ends_at=at(event, 15))
    SessionFactory(event=event, room=room_b, kind=SessionKind.BILATERAL, title="Bilateral")
    assert list(vevents(client.get(FEED))) == ["Plenary"]


def test_programme_feed_before_publishing_is_an_empty_calendar(client, event, plenary):
    response = client.get(FEED)
    assert response.status_code == 200
    assert vevents(response) == {}


def test_programme_feed_without_an_event_is_not_found(client, db):
    assert client.get(FEED).status_code == 404


def test_delegation_feed_has_its_bilaterals_and_the_public_programme(client, event, officer,
                                                                     room_b, plenary, chile):
    peru = DelegationFactory(event=event, name="Peru")
    session_create(event=event, by=officer, room=room_b, kind=SessionKind.BILATERAL,
                   title="Chile – Viet Nam", starts_at=at(event, 14), ends_at=at(event, 15),
                   delegations=[chile])
    session_create(event=event, by=officer, room=room_b, kind=SessionKind.BILATERAL,
                   title="Peru – Viet Nam", starts_at=at(event, 16), ends_at=at(event, 17),
                   delegations=[peru])
    programme_publish(event=event, by=officer)
    response = client.get(delegation_ical_url(chile, absolute=False))
    assert response.status_code == 200
    events = vevents(response)
    assert sorted(events) == ["Chile – Viet Nam", "Plenary"]
    bilateral = events["Chile – Viet Nam"]
    assert bilateral.decoded("DTSTART") == at(event, 14)
    assert bilateral.decoded("DTSTART").utcoffset() == timedelta(0)
    assert str(bilateral["LOCATION"]) == "Room B, National Convention Centre"


def test_uids_do_not_depend_on_the_host_serving_the_feed(client, event, officer, plenary,
                                                         chile, settings):
    programme_publish(event=event, by=officer)
    settings.ALLOWED_HOSTS = ["*"]
    uids = set()
    for host, site in [("127.0.0.1", "http://127.0.0.1:8000"),
                       ("accord.gov.vn", "https://accord.gov.vn")]:
        settings.SITE_URL = site
        for feed in (FEED, delegation_ical_url(chile, absolute=False)):
            uids.add(str(vevents(client.get(feed, HTTP_HOST=host))["Plenary"]["UID"]))
    assert uids == {f"session-{plenary.pk}@{event.slug}.accord"}


def test_delegation_feed_lists_a_public_session_it_takes_part_in_once(client, event, officer,
                                                                      plenary, chile):
    session_update(session=plenary, by=officer, delegations=[chile])
    programme_publish(event=event, by=officer)
    events = Calendar.from_ical(client.get(delegation_ical_url(chile, absolute=False)).content)
    assert [str(item["SUMMARY"]) for item in events.walk("VEVENT")] == ["Plenary"]


def test_delegation_feed_url_is_absolute_and_signed(event, chile):
    url = delegation_ical_url(chile)
    token = delegation_ical_token(chile)
    assert url == f"https://accord.example.org/public/programme/delegation/{token}.ics"
    assert delegation_from_token(token) == chile.pk
    assert delegation_ical_url(chile) == url  # the same address every time: calendars keep it
    assert delegation_from_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


@pytest.mark.parametrize("token", ["1", "abc", "1:xyz", "eyJ0ZXN0IjoxfQ:1abc:sig"])
def test_delegation_feed_with_a_bad_token_is_not_found(client, event, chile, token):
    url = reverse("delegation_ical", args=[token])
    assert client.get(url).status_code == 404


def test_delegation_feed_with_a_tampered_token_is_not_found(client, event, chile):
    other = DelegationFactory(event=event, name="Peru")
    token = delegation_ical_token(chile)
    forged = signing.dumps(other.pk, salt="another-salt", compress=True)
    assert client.get(reverse("delegation_ical", args=[forged])).status_code == 404
    assert client.get(reverse("delegation_ical", args=[token[:-2] + "xx"])).status_code == 404


def test_delegation_feed_of_a_deleted_delegation_is_not_found(client, event, chile):
    url = delegation_ical_url(chile, absolute=False)
    chile.delete()
    assert client.get(url).status_code == 404


def test_delegation_feed_before_publishing_has_its_own_sessions(client, event, officer,
                                                                room_b, plenary, chile):
    session_create(event=event, by=officer, room=room_b, kind=SessionKind.BILATERAL,
                   title="Chile – Viet Nam", starts_at=at(event, 14), ends_at=at(event, 15),
                   delegations=[chile])
    events = vevents(client.get(delegation_ical_url(chile, absolute=False)))
    assert list(events) == ["Chile – Viet Nam"]


def test_programme_feed_for_an_event_by_slug(client, event, officer, plenary):
    programme_publish(event=event, by=officer)
    other = EventFactory(start_date=event.start_date)
    assert list(vevents(client.get(FEED, {"event": event.slug}))) == ["Plenary"]
    assert vevents(client.get(FEED, {"event": other.slug})) == {}


# What a calendar shows of a session, each changed the way an officer would change it.
VISIBLE_CHANGES = {
    "time": lambda event, rooms: {"starts_at": at(event, 15), "ends_at": at(event, 16)},
    "place": lambda event, rooms: {"room": rooms["spare"]},
    "title": lambda event, rooms: {"title": "Ministerial dialogue (renamed)"},
    "chair": lambda event, rooms: {"chair": "The Vice-President"},
    "languages": lambda event, rooms: {"languages": ["ar", "ru", "zh"]},
    "kind": lambda event, rooms: {"kind": SessionKind.ROUNDTABLE},
    "organiser": lambda event, rooms: {"organiser": "UNDP"},
}


@pytest.fixture
def three(event, hall, room_b, chile, officer):
    """Three public sessions, the delegation taking part in none of them (so its feed shows
    them as published), and a spare room to move one to."""
    spare = RoomFactory(venue=hall.venue, name="Room C", capacity=50)
    sessions = [SessionFactory(event=event, room=room, kind=SessionKind.PLENARY, title=title,
                               starts_at=at(event, hour), ends_at=at(event, hour + 1))
                for room, title, hour in ((hall, "Opening", 9), (room_b, "Ministerial dialogue",
                                                                 11), (hall, "Closing", 17))]
    return sessions, {"spare": spare}


def feeds(client, chile):
    """Each feed's sessions by UID: (SEQUENCE, DTSTAMP, LAST-MODIFIED, STATUS, the rest)."""
    found = {}
    for name, url in (("programme", FEED), ("delegation", delegation_ical_url(chile,
                                                                               absolute=False))):
        response = client.get(url)
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.content)
        found[name] = {str(item["UID"]): {
            "sequence": int(item["SEQUENCE"]), "stamp": item.decoded("DTSTAMP"),
            "modified": item.decoded("LAST-MODIFIED") if "LAST-MODIFIED" in item else None,
            "status": str(item["STATUS"]),
            "shown": (item.decoded("DTSTART"), str(item["SUMMARY"]), str(item["LOCATION"]),
                      str(item["DESCRIPTION"]))}
            for item in calendar.walk("VEVENT")}
    return found


def uid(session):
    return f"session-{session.pk}@{session.event.slug}.accord"


@pytest.mark.parametrize("change", VISIBLE_CHANGES)
def test_a_publish_raises_the_sequence_of_the_changed_session_only(client, event, officer,
                                                                   chile, three, change):
    sessions, rooms = three
    programme_publish(event=event, by=officer)
    before = feeds(client, chile)
    moved = sessions[1]
    session_update(session=moved, by=officer, **VISIBLE_CHANGES[change](event, rooms))
    version = programme_publish(event=event, by=officer)
    after = feeds(client, chile)
    for feed in ("programme", "delegation"):
        was, now = before[feed], after[feed]
        assert set(was) == set(now) == {uid(session) for session in sessions}
        # The others: exactly as a calendar had them.
        for session in (sessions[0], sessions[2]):
            assert now[uid(session)] == was[uid(session)], (feed, session.title)
        # The one that changed: a higher sequence, and modified at the new version.
        assert now[uid(moved)]["shown"] != was[uid(moved)]["shown"], change
        assert now[uid(moved)]["sequence"] > was[uid(moved)]["sequence"]
        assert now[uid(moved)]["stamp"] == now[uid(moved)]["modified"]
        assert now[uid(moved)]["stamp"] == version.published_at.replace(microsecond=0)


def test_a_publish_that_adds_a_session_leaves_the_others_as_they_were(client, event, officer,
                                                                      chile, three):
    sessions, rooms = three
    programme_publish(event=event, by=officer)
    before = feeds(client, chile)
    added = SessionFactory(event=event, room=rooms["spare"], kind=SessionKind.ROUNDTABLE,
                           title="Youth panel", starts_at=at(event, 13), ends_at=at(event, 14))
    programme_publish(event=event, by=officer)
    after = feeds(client, chile)
    for feed in ("programme", "delegation"):
        assert {key: value for key, value in after[feed].items() if key != uid(added)} \
            == before[feed]
        assert after[feed][uid(added)]["sequence"] == 2
        assert after[feed][uid(added)]["status"] == "CONFIRMED"


def test_a_change_no_calendar_shows_moves_nothing(client, event, officer, chile, three):
    programme_publish(event=event, by=officer)
    first = feeds(client, chile)
    # A change no calendar shows (a private session) is not a version: nothing moves.
    SessionFactory(event=event, room=three[1]["spare"], kind=SessionKind.BILATERAL,
                   title="Bilateral")
    with pytest.raises(NothingToPublish):
        programme_publish(event=event, by=officer)
    assert feeds(client, chile) == first


def test_a_cancelled_session_stays_in_the_feed_cancelled_with_a_higher_sequence(
        client, event, officer, chile, three):
    sessions, rooms = three
    programme_publish(event=event, by=officer)
    before = feeds(client, chile)
    cancelled = sessions[0]
    session_cancel(session=cancelled, by=officer)
    programme_publish(event=event, by=officer)
    after = feeds(client, chile)
    for feed in ("programme", "delegation"):
        gone = after[feed][uid(cancelled)]
        assert gone["status"] == "CANCELLED"
        assert gone["shown"] == before[feed][uid(cancelled)]["shown"]
        assert gone["sequence"] > before[feed][uid(cancelled)]["sequence"]
        for session in sessions[1:]:
            assert after[feed][uid(session)] == before[feed][uid(session)]
    # A later version that changes something else keeps telling calendars it is off, as it
    # was: neither its sequence nor its time moves again.
    session_update(session=sessions[2], by=officer, title="Closing plenary")
    programme_publish(event=event, by=officer)
    later = feeds(client, chile)
    for feed in ("programme", "delegation"):
        assert later[feed][uid(cancelled)] == after[feed][uid(cancelled)]
        assert later[feed][uid(sessions[1])] == before[feed][uid(sessions[1])]
        assert later[feed][uid(sessions[2])]["sequence"] == 3


def test_sequences_carry_on_from_a_version_published_before_they_were_kept(
        client, event, officer, chile, three):
    """Calendars subscribed before hold each session at the version's number: none falls."""
    sessions, rooms = three
    for n in range(3):
        session_update(session=sessions[2], by=officer, title=f"Closing {n}")
        version = programme_publish(event=event, by=officer)
    # As a version was written before: no sequence on its sessions, no "cancelled".
    version.sessions = [{key: value for key, value in entry.items() if key != "sequence"}
                        for entry in version.sessions]
    version.changes.pop("cancelled", None)
    version.save()
    legacy = feeds(client, chile)
    assert {item["sequence"] for item in legacy["programme"].values()} == {3}
    session_update(session=sessions[1], by=officer, title="Dialogue")
    programme_publish(event=event, by=officer)
    after = feeds(client, chile)
    for feed in ("programme", "delegation"):
        assert after[feed][uid(sessions[1])]["sequence"] == 4
        for session in (sessions[0], sessions[2]):
            assert after[feed][uid(session)] == legacy[feed][uid(session)]
