from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from logistics.bilaterals.enums import BilateralStatus
from logistics.core.enums import Role
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus
from logistics.programme.models import ProgrammeVersion, Room, Session, Venue
from logistics.programme.services.sessions import session_create
from logistics.side_events.enums import ProposalStatus
from tests.factories.delegations import DelegationFactory
from tests.factories.plan import EventFactory, UserFactory, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.protocol import BilateralFactory
from tests.factories.side_events import ProposalFactory
from tests.html import text_of

GRID = reverse("logistics:programme_grid")


@pytest.fixture
def debate(event, hall):
    """10:00-12:00 at the venue on the first day (UTC+7), stored in UTC."""
    day = event.start_date
    return SessionFactory(event=event, room=hall, kind=SessionKind.HIGH_LEVEL_DEBATE,
                          title="High-level debate", languages=["en", "fr", "ar"],
                          media_access=MediaAccess.POOL,
                          starts_at=datetime(day.year, day.month, day.day, 3, tzinfo=UTC),
                          ends_at=datetime(day.year, day.month, day.day, 5, tzinfo=UTC))


@pytest.fixture
def manager(client, officer, event):
    client.force_login(officer)
    return client


class _Cells(HTMLParser):
    """The grid's cells: data-* attributes of every element with a data-testid."""

    def __init__(self):
        super().__init__()
        self.cells = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-testid" in attrs:
            self.cells.append(attrs)


def cells(response, testid):
    parser = _Cells()
    parser.feed(response.content.decode())
    return [cell for cell in parser.cells if cell["data-testid"] == testid]


def blocks(response):
    return {int(c["data-session"]): (c["data-grid-row"], c["data-grid-col"])
            for c in cells(response, "grid-session")}


def grid(client, event, day=0):
    return client.get(GRID, {"day": (event.start_date + timedelta(days=day)).isoformat()})


def form_data(event, room=None, **overrides):
    data = {"kind": SessionKind.SEMINAR, "title": "Seminar on cybercrime evidence",
            "room": room.pk if room else "", "day": event.start_date.isoformat(),
            "starts": "14:00", "ends": "15:30", "languages": "en, fr",
            "media_access": MediaAccess.OPEN, "chair": "", "organiser": "UNODC",
            "organiser_email": "seminars@unodc.example", "expected_audience": "60"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# The grid

def test_grid_places_sessions_in_their_room_column_and_time_rows(manager, event, hall, room_b,
                                                                 debate):
    seminar = SessionFactory(event=event, room=room_b, title="Seminar",
                             starts_at=at(event, 14), ends_at=at(event, 15, 30))
    response = grid(manager, event)
    assert response.status_code == 200
    # Rows from 08:00 in quarters after the header row: 10:00 is line 10, 12:00 line 18.
    assert blocks(response) == {debate.pk: ("10 / 18", "2"), seminar.pk: ("26 / 32", "3")}
    rooms = [(c["data-room"], c["data-grid-col"]) for c in cells(response, "grid-room")]
    assert rooms == [(str(hall.pk), "2 / span 1"), (str(room_b.pk), "3 / span 1")]


def test_grid_shows_times_local_to_the_event(manager, event, debate):
    content = grid(manager, event).content.decode()
    assert "10:00–12:00" in content
    assert "High-level debate" in content
    assert "Media pool only" in content
    assert "en · fr · ar" in content


def test_grid_grows_for_a_session_before_eight(manager, event, hall):
    early = SessionFactory(event=event, room=hall, starts_at=at(event, 6, 30),
                           ends_at=at(event, 7, 30))
    response = grid(manager, event)
    # The grid starts at 06:00: 06:30 is the third quarter, after the header row.
    assert blocks(response) == {early.pk: ("4 / 8", "2")}


def test_grid_shows_one_day_at_a_time(manager, event, hall, debate):
    tomorrow = SessionFactory(event=event, room=hall, title="Treaty desk opens",
                              starts_at=at(event, 9, day=1), ends_at=at(event, 10, day=1))
    assert list(blocks(grid(manager, event, day=0))) == [debate.pk]
    response = grid(manager, event, day=1)
    assert list(blocks(response)) == [tomorrow.pk]
    links = [cell for cell in cells(response, "day-switcher")]
    assert len(links) == 1
    content = response.content.decode()
    assert f'href="?day={event.start_date.isoformat()}"' in content
    assert f'href="?day={(event.start_date + timedelta(days=1)).isoformat()}"' in content


def test_grid_has_a_tab_for_each_day_with_sessions_beside_the_event_days(manager, event,
                                                                         hall, debate):
    briefing = SessionFactory(event=event, room=hall, kind=SessionKind.PRESS_CONFERENCE,
                              title="Press briefing", starts_at=at(event, 16, day=-1),
                              ends_at=at(event, 17, day=-1))
    SessionFactory(event=event, room=hall, title="Cancelled", status=SessionStatus.CANCELLED,
                   starts_at=at(event, 10, day=5), ends_at=at(event, 11, day=5))
    response = grid(manager, event)
    days = [event.start_date + timedelta(days=n) for n in (-1, 0, 1)]
    tabs = response.content.decode().split('data-testid="day-switcher"')[1].split("</ul>")[0]
    assert [line.split('href="?day=')[1][:10] for line in tabs.splitlines()
            if 'href="?day=' in line] == [day.isoformat() for day in days]
    assert list(blocks(grid(manager, event, day=-1))) == [briefing.pk]


def test_grid_tabs_show_bilateral_days_to_those_who_see_bilaterals(client, event, agency,
                                                                    hall):
    SessionFactory(event=event, room=hall, kind=SessionKind.BILATERAL, title="Bilateral",
                   starts_at=at(event, 10, day=3), ends_at=at(event, 11, day=3))
    bilateral_day = f"?day={(event.start_date + timedelta(days=3)).isoformat()}"
    client.force_login(user_with_role(Role.PROTOCOL))
    assert bilateral_day in grid(client, event).content.decode()
    client.force_login(user_with_role(Role.FOCAL_POINT, agencies=[agency]))
    assert bilateral_day not in grid(client, event).content.decode()


def test_grid_puts_the_bigger_rooms_first_in_compact_columns(manager, event, venue):
    small = RoomFactory(venue=venue, name="A small room", capacity=12)
    hall = RoomFactory(venue=venue, name="Plenary Hall", capacity=1500)
    banquet = RoomFactory(venue=venue, name="Banquet Hall", capacity=1500)
    response = grid(manager, event)
    assert [c["data-room"] for c in cells(response, "grid-room")] == [
        str(banquet.pk), str(hall.pk), str(small.pk)]
    assert cells(response, "programme-grid")[0]["data-grid-lanes"] == "3"


@pytest.mark.parametrize("day", ["", "tomorrow", "2026-02-31", "١٢"])
def test_grid_falls_back_to_the_first_day_on_a_bad_day(manager, event, debate, day):
    response = manager.get(GRID, {"day": day})
    assert response.status_code == 200
    assert list(blocks(response)) == [debate.pk]


def test_grid_lists_unplaced_drafts_beside_it(manager, event, officer, hall):
    draft = session_create(event=event, by=officer, kind=SessionKind.CULTURAL,
                           title="Water puppets", starts_at=at(event, 19),
                           ends_at=at(event, 20))
    response = grid(manager, event)
    assert blocks(response) == {}
    unplaced = response.content.decode().split('data-testid="unplaced"')[1]
    assert "Water puppets" in unplaced
    assert draft.status == SessionStatus.DRAFT


def test_grid_warns_of_a_draft_placed_over_a_booking(manager, event, officer, hall, debate):
    draft = session_create(event=event, by=officer, room=hall, kind=SessionKind.SEMINAR,
                           title="Seminar", status=SessionStatus.DRAFT,
                           starts_at=at(event, 11), ends_at=at(event, 13))
    response = grid(manager, event)
    assert cells(response, "clash-warning")
    assert ("Plenary Hall: “High-level debate” (10:00–12:00) and “Seminar” (11:00–13:00) "
            "overlap.") in text_of(response.content)
    # Side by side in the room's two lanes, the room's header spanning both.
    assert blocks(response) == {debate.pk: ("10 / 18", "2"), draft.pk: ("14 / 22", "3")}
    assert [c["data-grid-col"] for c in cells(response, "grid-room")] == ["2 / span 2"]


def test_grid_warns_of_an_audience_over_capacity(manager, event, room_b):
    SessionFactory(event=event, room=room_b, title="Press briefing", expected_audience=120)
    content = grid(manager, event).content.decode()
    assert "“Press briefing” expects 120; Room B seats 80." in content


def test_grid_shows_no_warning_for_touching_sessions(manager, event, hall, debate):
    SessionFactory(event=event, room=hall, starts_at=at(event, 12), ends_at=at(event, 13))
    response = grid(manager, event)
    assert cells(response, "clash-warning") == []


def test_grid_without_rooms_says_so(manager, event):
    content = grid(manager, event).content.decode()
    assert "There are no rooms yet." in content


@pytest.mark.parametrize("count", [1, 3])
def test_grid_queries_do_not_grow_with_sessions_and_rooms(client, officer, event, venue,
                                                          count, django_assert_num_queries):
    for n in range(count):
        room = RoomFactory(venue=venue)
        SessionFactory(event=event, room=room, starts_at=at(event, 9 + n),
                       ends_at=at(event, 10 + n))
        SessionFactory(event=event, room=None, status=SessionStatus.DRAFT)
    client.force_login(officer)
    grid(client, event)  # warm the session and the user's roles
    # One of them: has this user a second factor? Another: the venues and their rooms.
    with django_assert_num_queries(10):
        response = grid(client, event)
    assert len(blocks(response)) == count


# Permissions

STAFF_PAGES = ["logistics:programme_grid", "logistics:room_list",
               "logistics:programme_versions"]
MANAGER_PAGES = ["logistics:session_create", "logistics:room_create",
                 "logistics:venue_create"]


def test_programme_pages_send_anonymous_users_to_login(client, debate):
    urls = [reverse(name) for name in STAFF_PAGES + MANAGER_PAGES]
    urls += [reverse("logistics:session_detail", args=[debate.pk]),
             reverse("logistics:session_edit", args=[debate.pk])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/")
    response = client.post(reverse("logistics:session_cancel", args=[debate.pk]))
    assert response["Location"].startswith("/login/")


def test_programme_pages_refuse_users_without_a_role(client, debate):
    client.force_login(UserFactory())
    for name in STAFF_PAGES + MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 403, name


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.STEERING, Role.FOCAL_POINT,
                                  Role.PROTOCOL])
def test_other_roles_read_the_programme_but_cannot_change_it(client, event, agency, hall,
                                                             debate, role):
    client.force_login(user_with_role(role, agencies=[agency]))
    for name in STAFF_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("logistics:session_detail", args=[debate.pk])).status_code == 200
    for name in MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("logistics:session_edit", args=[debate.pk])).status_code == 403
    assert client.post(reverse("logistics:session_create"),
                       form_data(event, hall)).status_code == 403
    assert client.post(reverse("logistics:session_cancel",
                               args=[debate.pk])).status_code == 403
    assert client.post(reverse("logistics:programme_publish")).status_code == 403
    assert client.get(reverse("logistics:room_edit", args=[hall.pk])).status_code == 403
    assert Session.objects.get(pk=debate.pk).status == SessionStatus.SCHEDULED
    assert Session.objects.count() == 1
    assert ProgrammeVersion.objects.count() == 0
    content = client.get(GRID).content.decode()
    assert "New session" not in content


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.SECRETARIAT])
def test_programme_office_and_secretariat_open_every_page(client, debate, hall, role):
    client.force_login(user_with_role(role))
    for name in STAFF_PAGES + MANAGER_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("logistics:session_edit", args=[debate.pk])).status_code == 200
    assert client.get(reverse("logistics:room_edit", args=[hall.pk])).status_code == 200


def test_a_session_of_another_event_is_not_found(manager, event):
    other = SessionFactory(event=EventFactory(start_date=event.start_date + timedelta(days=90)))
    assert manager.get(reverse("logistics:session_detail", args=[other.pk])).status_code == 404
    assert manager.get(reverse("logistics:session_edit", args=[other.pk])).status_code == 404
    assert manager.post(reverse("logistics:session_cancel", args=[other.pk])).status_code == 404


# Creating, moving and cancelling sessions

def test_session_create_books_the_room_in_local_time(manager, event, hall):
    leader_free = DelegationFactory(event=event, name="Chile")
    response = manager.post(reverse("logistics:session_create"),
                            {**form_data(event, hall, languages="EN, fr ,ar"),
                             "delegations": [leader_free.pk]})
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{GRID}?day={event.start_date.isoformat()}"
    assert session.room == hall
    assert session.status == SessionStatus.SCHEDULED
    assert session.starts_at == at(event, 14)
    assert session.starts_at.astimezone(UTC).hour == 7
    assert session.ends_at == at(event, 15, 30)
    assert session.languages == ["en", "fr", "ar"]
    assert session.organiser_email == "seminars@unodc.example"
    assert session.expected_audience == 60
    assert list(session.delegations.all()) == [leader_free]
    follow = manager.get(response["Location"])
    assert "“Seminar on cybercrime evidence” added to the programme." in follow.content.decode()


def test_session_create_as_a_draft_keeps_the_room_unbooked(manager, event, hall, debate):
    response = manager.post(reverse("logistics:session_create"),
                            form_data(event, hall, starts="11:00", ends="13:00", draft="on"))
    assert response.status_code == 302
    assert Session.objects.get(title="Seminar on cybercrime evidence").status == "draft"


def test_session_create_without_a_room_is_a_draft(manager, event):
    response = manager.post(reverse("logistics:session_create"), form_data(event))
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.room, session.status) == (None, SessionStatus.DRAFT)


def test_session_create_in_a_taken_slot_names_the_clash_and_keeps_the_input(manager, event,
                                                                           hall, debate):
    response = manager.post(reverse("logistics:session_create"),
                            form_data(event, hall, starts="11:00", ends="13:00"))
    assert response.status_code == 409
    content = response.content.decode()
    alert = content.split('data-testid="form-errors"')[1].split("</section>")[0]
    assert "Plenary Hall is booked 10:00–12:00 for “High-level debate”." in alert
    assert 'value="Seminar on cybercrime evidence"' in content
    assert 'value="11:00"' in content
    assert 'value="en, fr"' in content
    assert Session.objects.count() == 1


def test_session_create_over_capacity_names_the_room(manager, event, room_b):
    response = manager.post(reverse("logistics:session_create"),
                            form_data(event, room_b, expected_audience="120"))
    assert response.status_code == 409
    assert "Room B seats 80; the session expects 120." in response.content.decode()
    assert Session.objects.count() == 0


def test_session_create_with_a_head_of_delegation_elsewhere_names_the_clash(
        manager, event, officer, hall, room_b):
    chile = DelegationFactory(event=event, name="Chile")
    session_create(event=event, by=officer, room=hall, kind=SessionKind.BILATERAL,
                   title="Chile – Viet Nam", starts_at=at(event, 14), ends_at=at(event, 15),
                   delegations=[chile])
    response = manager.post(reverse("logistics:session_create"),
                            {**form_data(event, room_b), "delegations": [chile.pk]})
    assert response.status_code == 409
    assert ("The head of delegation of Chile is at “Chile – Viet Nam” 14:00–15:00."
            in response.content.decode())
    assert Session.objects.count() == 1


@pytest.mark.parametrize("overrides, field, message", [
    ({"title": "   "}, "title", "This field is required."),
    ({"title": None}, "title", "This field is required."),
    ({"kind": "picnic"}, "kind", "Select a valid choice."),
    ({"day": "2026-02-31"}, "day", "Enter a valid date."),
    ({"starts": "25:00"}, "starts", "Enter a valid time."),
    ({"ends": "13:00"}, "ends", "A session must end after it starts."),
    ({"ends": "14:00"}, "ends", "A session must end after it starts."),
    ({"languages": "en, x1, français"}, "languages", "Not a language code: x1, français."),
    ({"expected_audience": "-5"}, "expected_audience", "greater than or equal to 0"),
    ({"expected_audience": "many"}, "expected_audience", "Enter a whole number."),
    ({"organiser_email": "not-an-address"}, "organiser_email", "valid email address"),
    ({"media_access": "everyone"}, "media_access", "Select a valid choice."),
])
def test_session_create_refuses_bad_input(manager, event, hall, overrides, field, message):
    response = manager.post(reverse("logistics:session_create"),
                            form_data(event, hall, **overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    assert Session.objects.count() == 0


def test_session_create_refuses_a_room_of_another_event(manager, event):
    elsewhere = RoomFactory(venue=VenueFactory(event=EventFactory()))
    response = manager.post(reverse("logistics:session_create"), form_data(event, elsewhere))
    assert response.status_code == 400
    assert "room" in response.context["form"].errors
    assert Session.objects.count() == 0


def test_session_create_runs_past_midnight_with_an_end_day(manager, event, hall):
    next_day = (event.start_date + timedelta(days=1)).isoformat()
    response = manager.post(reverse("logistics:session_create"),
                            form_data(event, hall, starts="22:00", ends="02:00",
                                      end_day=next_day, kind=SessionKind.REHEARSAL))
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.ends_at == at(event, 2, day=1)


def test_session_create_form_starts_on_the_grid_day(manager, event, hall):
    day = (event.start_date + timedelta(days=1)).isoformat()
    response = manager.get(reverse("logistics:session_create"), {"day": day, "room": hall.pk})
    assert response.context["form"].initial["day"].isoformat() == day
    assert response.context["form"].initial["room"] == hall.pk


def test_new_session_form_books_by_default_rather_than_keeping_a_draft(manager, event, hall):
    response = manager.get(reverse("logistics:session_create"), {"room": hall.pk})
    draft = response.content.decode().split('id="id_draft"')[0].rsplit("<input", 1)[1]
    assert "checked" not in draft
    assert "Leave unticked to book the room" in response.content.decode()
    manager.post(reverse("logistics:session_create"), form_data(event, hall))
    assert Session.objects.get().status == SessionStatus.SCHEDULED
    # Scheduled, it is checked: a second session in that room and slot is refused.
    response = manager.post(reverse("logistics:session_create"),
                            form_data(event, hall, title="Second seminar"))
    assert response.status_code == 409
    assert Session.objects.count() == 1


def test_session_edit_moves_to_a_free_room(manager, event, hall, room_b, debate):
    url = reverse("logistics:session_edit", args=[debate.pk])
    page = manager.get(url)
    assert page.context["form"].initial["starts"].strftime("%H:%M") == "10:00"
    response = manager.post(url, form_data(event, room_b, title="High-level debate",
                                           kind=SessionKind.HIGH_LEVEL_DEBATE,
                                           starts="10:00", ends="12:00"))
    assert response.status_code == 302
    assert Session.objects.get(pk=debate.pk).room == room_b


def test_session_edit_into_a_clash_changes_nothing(manager, event, officer, hall, room_b,
                                                  debate):
    seminar = session_create(event=event, by=officer, room=room_b, kind=SessionKind.SEMINAR,
                             title="Seminar", starts_at=at(event, 11), ends_at=at(event, 13))
    response = manager.post(reverse("logistics:session_edit", args=[seminar.pk]),
                            form_data(event, hall, title="Seminar", starts="11:00",
                                      ends="13:00", expected_audience=""))
    assert response.status_code == 409
    assert ("Plenary Hall is booked 10:00–12:00 for “High-level debate”."
            in response.content.decode())
    assert Session.objects.get(pk=seminar.pk).room == room_b


def test_session_cancel_frees_the_room(manager, event, debate):
    url = reverse("logistics:session_cancel", args=[debate.pk])
    assert manager.get(url).status_code == 405
    response = manager.post(url)
    assert response.status_code == 302
    assert Session.objects.get(pk=debate.pk).status == SessionStatus.CANCELLED
    assert blocks(manager.get(response["Location"])) == {}


def test_a_cancelled_session_cannot_be_edited(manager, event, hall, debate):
    manager.post(reverse("logistics:session_cancel", args=[debate.pk]))
    url = reverse("logistics:session_edit", args=[debate.pk])
    response = manager.post(url, form_data(event, hall, starts="10:00", ends="12:00"))
    assert response["Location"] == reverse("logistics:session_detail", args=[debate.pk])
    assert Session.objects.get(pk=debate.pk).status == SessionStatus.CANCELLED
    assert manager.get(url)["Location"] == response["Location"]


def test_session_detail_shows_the_session_in_local_time(manager, event, debate):
    chile = DelegationFactory(event=event, name="Chile")
    debate.delegations.add(chile)
    response = manager.get(reverse("logistics:session_detail", args=[debate.pk]))
    content = text_of(response.content)
    assert "10:00–12:00" in content
    assert "Plenary Hall, National Convention Centre" in content
    assert "Chile" in content


# Rooms and venues

@pytest.mark.parametrize("count", [1, 3])
def test_room_list_queries_do_not_grow_with_rooms(client, officer, event, venue, count,
                                                  django_assert_num_queries):
    for _ in range(count):
        RoomFactory(venue=VenueFactory(event=event))
    client.force_login(officer)
    client.get(reverse("logistics:room_list"))
    # Among them: has this user a second factor? The page's count, the zones' legend.
    with django_assert_num_queries(10):
        response = client.get(reverse("logistics:room_list"))
    assert len(cells(response, "room-row")) == count


def test_room_list_is_paginated_and_its_legend_covers_every_page(manager, event, venue):
    RoomFactory.create_batch(55, venue=venue, access_zone="B")
    RoomFactory(venue=venue, name="Zeta Press Centre", access_zone="C")
    first = manager.get(reverse("logistics:room_list"))
    second = manager.get(reverse("logistics:room_list"), {"page": 2})
    assert len(cells(first, "room-row")) == 50
    assert len(cells(second, "room-row")) == 6
    assert "Page 1 of 2" in first.content.decode()
    for response in (first, second):
        legend = cells(response, "zone-legend")
        assert legend
        assert "Zeta Press Centre" in response.content.decode().split('data-testid="rooms"')[0]


def test_room_list_explains_the_access_zones_in_use(manager, event, venue):
    RoomFactory(venue=venue, name="Plenary Hall", access_zone="A")
    RoomFactory(venue=venue, name="Banquet Hall", access_zone="A")
    RoomFactory(venue=venue, name="Press Centre", access_zone="C")
    RoomFactory(venue=venue, name="Lobby", access_zone="")
    for n in range(1, 6):
        RoomFactory(venue=venue, name=f"Bilateral Room {n}", access_zone="V")
    content = manager.get(reverse("logistics:room_list")).content.decode()
    legend = content.split('data-testid="zone-legend">')[1].split("</p>")[0]
    assert "the accreditation zone a badge must carry to enter the room" in legend
    assert ("Zones in use: <strong><bdi>A</bdi></strong> (Banquet Hall, Plenary Hall) · "
            "<strong><bdi>C</bdi></strong> (Press Centre) · <strong><bdi>V</bdi></strong> "
            "(Bilateral Room 1, Bilateral Room 2, Bilateral Room 3, 2 more rooms)") in legend
    form = manager.get(reverse("logistics:room_create")).content.decode()
    assert "The accreditation zone a badge must carry to enter this room" in form


def test_room_list_empty_says_so(manager, event):
    assert "No venues or rooms yet." in manager.get(reverse("logistics:room_list")).content.decode()


def test_room_create_without_a_venue_asks_for_one(manager, event):
    response = manager.get(reverse("logistics:room_create"))
    assert response["Location"] == reverse("logistics:venue_create")


def test_venue_then_room_create(manager, event):
    response = manager.post(reverse("logistics:venue_create"),
                            {"name": "National Convention Centre", "address": "Hanoi"})
    venue = Venue.objects.get()
    assert response["Location"] == f"{reverse('logistics:room_create')}?venue={venue.pk}"
    response = manager.post(reverse("logistics:room_create"),
                            {"venue": venue.pk, "name": "Room B", "capacity": "80",
                             "access_zone": " a ", "interpretation_booths": "3",
                             "streaming": "on"})
    assert response.status_code == 302
    room = Room.objects.get()
    assert (room.name, room.capacity, room.access_zone, room.interpretation_booths,
            room.streaming) == ("Room B", 80, "A", 3, True)


def test_venue_create_refuses_a_duplicate_name(manager, venue):
    response = manager.post(reverse("logistics:venue_create"),
                            {"name": "National Convention Centre"})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert Venue.objects.count() == 1


@pytest.mark.parametrize("overrides, field, message", [
    ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
    ({"capacity": ""}, "capacity", "This field is required."),
    ({"name": " "}, "name", "This field is required."),
    ({"interpretation_booths": "-1"}, "interpretation_booths", "greater than or equal to 0"),
])
def test_room_create_refuses_bad_input(manager, venue, overrides, field, message):
    data = {"venue": venue.pk, "name": "Room C", "capacity": "40", "interpretation_booths": "0",
            **overrides}
    response = manager.post(reverse("logistics:room_create"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Room.objects.count() == 0


def test_room_create_refuses_a_duplicate_name_in_the_venue(manager, venue, hall):
    response = manager.post(reverse("logistics:room_create"),
                            {"venue": venue.pk, "name": "Plenary Hall", "capacity": "40",
                             "interpretation_booths": "0"})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


def test_room_edit_refuses_a_capacity_below_a_booked_audience(manager, event, venue, hall):
    SessionFactory(event=event, room=hall, title="Plenary", expected_audience=250)
    response = manager.post(reverse("logistics:room_edit", args=[hall.pk]),
                            {"venue": venue.pk, "name": "Plenary Hall", "capacity": "100",
                             "interpretation_booths": "6"})
    assert response.status_code == 409
    assert ("“Plenary” expects 250; Plenary Hall would seat only 100."
            in response.content.decode())
    assert Room.objects.get(pk=hall.pk).capacity == 300


def test_room_edit_saves(manager, venue, hall):
    response = manager.post(reverse("logistics:room_edit", args=[hall.pk]),
                            {"venue": venue.pk, "name": "Hall A", "capacity": "320",
                             "interpretation_booths": "6"})
    assert response.status_code == 302
    hall.refresh_from_db()
    assert (hall.name, hall.capacity, hall.streaming) == ("Hall A", 320, False)


# Published versions

def test_versions_page_publishes_a_version(manager, event, debate):
    response = manager.post(reverse("logistics:programme_publish"), {"note": "First draft."})
    assert response.status_code == 302
    version = ProgrammeVersion.objects.get()
    assert (version.number, version.note) == (1, "First draft.")
    page = manager.get(response["Location"]).content.decode()
    assert "Version 1 published: 0 added, 0 changed, 0 removed." in page
    assert "The first published version." in page


def test_versions_page_previews_unpublished_changes(manager, event, officer, debate):
    manager.post(reverse("logistics:programme_publish"))
    session_create(event=event, by=officer, room=debate.room, kind=SessionKind.SEMINAR,
                   title="Seminar", starts_at=at(event, 14), ends_at=at(event, 15))
    content = manager.get(reverse("logistics:programme_versions")).content.decode()
    assert "Publishing now would make these changes:" in content
    assert "“<bdi>Seminar</bdi>”" in content


def test_versions_page_refuses_to_publish_nothing_new(manager, event, debate):
    manager.post(reverse("logistics:programme_publish"))
    page = manager.get(reverse("logistics:programme_versions")).content.decode()
    assert 'data-testid="publish-nothing"' in page
    response = manager.post(reverse("logistics:programme_publish"), {"note": "Again."},
                            follow=True)
    assert "Nothing has changed since version 1: there is nothing to publish." in (
        response.content.decode())
    assert ProgrammeVersion.objects.count() == 1


def test_versions_page_refuses_a_note_too_long(manager, event):
    response = manager.post(reverse("logistics:programme_publish"), {"note": "x" * 2001})
    assert response.status_code == 302
    assert ProgrammeVersion.objects.count() == 0


def test_publish_is_post_only(manager, event):
    assert manager.get(reverse("logistics:programme_publish")).status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_versions_page_queries_do_not_grow_with_versions(client, officer, event, debate, count,
                                                         django_assert_num_queries):
    client.force_login(officer)
    for n in range(count):
        Session.objects.filter(pk=debate.pk).update(title=f"High-level debate, part {n + 1}")
        client.post(reverse("logistics:programme_publish"))
    client.get(reverse("logistics:programme_versions"))
    with django_assert_num_queries(10):  # one of them: has this user a second factor?
        response = client.get(reverse("logistics:programme_versions"))
    assert len(cells(response, "version")) == count


# Who sees what: organisers' addresses, bilaterals

@pytest.mark.parametrize("role, shown", [(Role.PROGRAMME, True), (Role.SECRETARIAT, True),
                                         (Role.PROTOCOL, False), (Role.STEERING, False),
                                         (Role.OBSERVER, False), (Role.FOCAL_POINT, False)])
def test_session_detail_shows_the_organisers_email_to_the_programme_office_only(
        client, event, agency, debate, role, shown):
    debate.organiser, debate.organiser_email = "UNODC", "unodc@example.org"
    debate.save()
    client.force_login(user_with_role(role, agencies=[agency]))
    content = client.get(reverse("logistics:session_detail", args=[debate.pk])).content.decode()
    assert "UNODC" in content
    assert ("unodc@example.org" in content) is shown


@pytest.fixture
def bilateral_session(event, room_b):
    bilateral = BilateralFactory(event=event, status=BilateralStatus.SCHEDULED)
    session = SessionFactory(event=event, room=room_b, kind=SessionKind.BILATERAL,
                             title="Bilateral: France – Ghana", starts_at=at(event, 14),
                             ends_at=at(event, 14, 30))
    bilateral.session = session
    bilateral.save()
    return session


def test_agency_focal_points_see_no_bilateral_on_the_grid_or_its_page(client, event, agency,
                                                                    debate, bilateral_session):
    client.force_login(user_with_role(Role.FOCAL_POINT, agencies=[agency]))
    response = grid(client, event)
    assert list(blocks(response)) == [debate.pk]
    assert "France – Ghana" not in response.content.decode()
    url = reverse("logistics:session_detail", args=[bilateral_session.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.PROGRAMME, Role.OBSERVER,
                                  Role.STEERING, Role.SECRETARIAT])
def test_roles_that_see_the_delegations_see_bilaterals_on_the_grid(client, event, debate,
                                                                   bilateral_session, role):
    client.force_login(user_with_role(role))
    assert sorted(blocks(grid(client, event))) == sorted([debate.pk, bilateral_session.pk])
    url = reverse("logistics:session_detail", args=[bilateral_session.pk])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2999-01-01"])
def test_grid_falls_back_to_the_first_day_on_a_day_out_of_range(manager, event, debate, day):
    response = manager.get(GRID, {"day": day})
    assert response.status_code == 200
    assert list(blocks(response)) == [debate.pk]
    assert manager.get(reverse("logistics:session_create"), {"day": day}).status_code == 200


# Sessions that belong to a bilateral or a side event are moved from their own page

def test_a_bilaterals_session_links_to_the_bilateral_and_offers_no_edit(manager, event,
                                                                        bilateral_session):
    response = manager.get(reverse("logistics:session_detail", args=[bilateral_session.pk]))
    content = response.content.decode()
    bilateral = bilateral_session.bilateral
    assert cells(response, "session-owner")
    assert reverse("logistics:bilateral_detail", args=[bilateral.pk]) in content
    assert reverse("logistics:session_edit", args=[bilateral_session.pk]) not in content
    assert reverse("logistics:session_cancel", args=[bilateral_session.pk]) not in content


def test_a_side_events_session_links_to_its_proposal_and_offers_no_edit(manager, event, room_b):
    session = SessionFactory(event=event, room=room_b, kind=SessionKind.SIDE_EVENT,
                             title="Cyber panel", starts_at=at(event, 14),
                             ends_at=at(event, 15))
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED, session=session)
    content = manager.get(reverse("logistics:session_detail", args=[session.pk])
                          ).content.decode()
    assert proposal.reference in content
    assert reverse("logistics:proposal_detail", args=[proposal.pk]) in content
    assert reverse("logistics:session_edit", args=[session.pk]) not in content


def test_the_note_links_only_to_a_page_the_user_may_open(client, event, room_b):
    session = SessionFactory(event=event, room=room_b, kind=SessionKind.SIDE_EVENT,
                             title="Cyber panel", starts_at=at(event, 14),
                             ends_at=at(event, 15))
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED, session=session)
    client.force_login(user_with_role(Role.PROTOCOL))
    content = client.get(reverse("logistics:session_detail", args=[session.pk])
                         ).content.decode()
    assert proposal.reference in content
    assert reverse("logistics:proposal_detail", args=[proposal.pk]) not in content


def test_a_bilaterals_session_cannot_be_edited_or_cancelled_from_the_programme(
        manager, event, hall, room_b, bilateral_session):
    detail = reverse("logistics:session_detail", args=[bilateral_session.pk])
    edit = reverse("logistics:session_edit", args=[bilateral_session.pk])
    assert manager.get(edit)["Location"] == detail
    response = manager.post(edit, form_data(event, hall, title="Moved", starts="16:00",
                                            ends="16:30"), follow=True)
    assert "is moved or cancelled from its own page" in response.content.decode()
    response = manager.post(reverse("logistics:session_cancel", args=[bilateral_session.pk]))
    assert response["Location"] == detail
    bilateral_session.refresh_from_db()
    assert (bilateral_session.status, bilateral_session.room, bilateral_session.title) == (
        SessionStatus.SCHEDULED, room_b, "Bilateral: France – Ghana")
    assert bilateral_session.starts_at == at(event, 14)


# Public addresses

def test_side_events_address_leads_to_the_proposal_form(client, db):
    response = client.get("/side-events/")
    assert (response.status_code, response["Location"]) == (302, "/side-events/propose/")
    response = client.get("/side-events/?event=hanoi")
    assert response["Location"] == "/side-events/propose/?event=hanoi"


def test_room_list_names_a_few_venues_then_how_many_more(manager, event):
    for n in range(7):
        VenueFactory(event=event, name=f"Annex {n}")
    response = manager.get(reverse("logistics:room_list"))
    page = response.content.decode()
    assert cells(response, "venues")
    assert "Annex 4" in page and "Annex 5" not in page
    assert "and 2 more venues" in page
