from datetime import UTC, timedelta

import pytest
from django.core import signing
from django.urls import reverse
from icalendar import Calendar

from logistics.enums import Role, SessionKind
from logistics.ical import delegation_from_token, delegation_ical_token, delegation_ical_url
from logistics.services.programme import session_create, session_update
from logistics.services.publishing import programme_publish
from tests.factories import EventFactory, user_with_role
from tests.factories.delegations import DelegationFactory
from tests.factories.programme import SessionFactory, at

FEED = reverse("programme_ical")


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://accord.example.org"


@pytest.fixture
def officer(db):
    return user_with_role(Role.PROGRAMME, username="programme")


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
