"""The grid's venue choice: all venues at a conference of a few dozen rooms, one at a time
at a COP-sized one (a grid of hundreds of rooms took a second to draw and cannot be read)."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from logistics.core.enums import Role
from logistics.programme.queries import GRID_ALL_ROOMS
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory

GRID = reverse("logistics:programme_grid")


@pytest.fixture
def reader(client, db):
    client.force_login(user_with_role(Role.PROGRAMME, username="programme"))
    return client


def _morning(event, room, title):
    day = event.start_date
    return SessionFactory(event=event, room=room, title=title,
                          starts_at=datetime(day.year, day.month, day.day, 3, tzinfo=UTC),
                          ends_at=datetime(day.year, day.month, day.day, 4, tzinfo=UTC))


def _rooms_shown(response):
    return response.content.decode().count('data-testid="grid-room"')


@pytest.fixture
def two_venues(event):
    centre = VenueFactory(event=event, name="National Convention Centre")
    hotel = VenueFactory(event=event, name="Melia Hotel")
    _morning(event, RoomFactory(venue=centre, name="Plenary Hall"), "Opening plenary")
    _morning(event, RoomFactory(venue=hotel, name="Salon A"), "Side event on evidence")
    return centre, hotel


def test_a_small_event_shows_every_venue_and_offers_the_choice(reader, event, two_venues):
    response = reader.get(GRID, {"day": event.start_date.isoformat()})
    page = response.content.decode()
    assert _rooms_shown(response) == 2
    assert "Opening plenary" in page and "Side event on evidence" in page
    assert 'data-testid="venue-choice"' in page
    assert "Melia Hotel (1 room)" in page
    assert 'data-testid="venue-note"' not in page


def test_one_venue_asked_for_shows_its_rooms_and_every_unplaced_session(reader, event,
                                                                        two_venues):
    centre, hotel = two_venues
    _morning(event, None, "Press briefing, room to be found")
    response = reader.get(GRID, {"day": event.start_date.isoformat(), "venue": hotel.pk})
    page = response.content.decode()
    assert _rooms_shown(response) == 1
    assert "Side event on evidence" in page and "Opening plenary" not in page
    assert "Press briefing, room to be found" in page
    # The day tabs keep the venue.
    assert f"&amp;venue={hotel.pk}" in page


def test_an_unknown_venue_or_another_events_is_not_found(reader, event, two_venues):
    elsewhere = VenueFactory(event=EventFactory(), name="Elsewhere")
    for wanted in (elsewhere.pk, 999999, "nonsense"):
        assert reader.get(GRID, {"venue": wanted}).status_code == 404


@pytest.mark.django_db
def test_a_large_event_shows_the_largest_venue_unless_all_are_asked_for(reader, event):
    centre = VenueFactory(event=event, name="National Convention Centre")
    hotel = VenueFactory(event=event, name="Melia Hotel")
    RoomFactory.create_batch(GRID_ALL_ROOMS - 5, venue=centre)
    RoomFactory.create_batch(10, venue=hotel)
    day = event.start_date.isoformat()

    response = reader.get(GRID, {"day": day})
    page = response.content.decode()
    assert _rooms_shown(response) == GRID_ALL_ROOMS - 5
    assert f'<option value="{centre.pk}" selected>' in page
    assert f"One venue at a time: the event has {GRID_ALL_ROOMS + 5} rooms." in page
    # Left at its default, the venue is not pinned on the day tabs.
    assert "&amp;venue=" not in page

    assert _rooms_shown(reader.get(GRID, {"day": day, "venue": hotel.pk})) == 10
    everything = reader.get(GRID, {"day": day, "venue": "all"})
    assert _rooms_shown(everything) == GRID_ALL_ROOMS + 5
    assert "&amp;venue=all" in everything.content.decode()


def test_a_venue_without_rooms_says_so(reader, event, two_venues):
    empty = VenueFactory(event=event, name="Press annex")
    page = reader.get(GRID, {"venue": empty.pk}).content.decode()
    assert "This venue has no rooms yet." in page
    assert "There are no rooms yet" not in page
