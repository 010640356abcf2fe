"""The programme grid by drag and drop at the desks (issue 15, item 7), in English and Arabic
(whose first room is on the right): on a laptop a session is dragged onto a clash and
refused, then onto a free room and time, then moved from the keyboard (M, its room and
start, Enter; and M, Escape); on a phone, where a drag is not the way, the Move panel does
the same. Each refusal is the session form's, and leaves the session where it was."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from logistics.core.enums import Role
from logistics.programme.enums import SessionKind
from tests.e2e.conftest import PASSWORD, wait_until
from tests.e2e.desks import DESKS, desk_id
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at

GRID = reverse("logistics:programme_grid")


@pytest.fixture
def programme(transactional_db):
    today = EventFactory.build().today()
    event = EventFactory(start_date=today + timedelta(days=30),
                         end_date=today + timedelta(days=31))
    user_with_role(Role.PROGRAMME, username="programme.officer", password=PASSWORD)
    venue = VenueFactory(event=event, name="National Convention Centre")
    rooms = {"hall": RoomFactory(venue=venue, name="Plenary Hall", capacity=300),
             "b": RoomFactory(venue=venue, name="Room B", capacity=80),
             "c": RoomFactory(venue=venue, name="Room C", capacity=20)}
    SessionFactory(event=event, room=rooms["hall"], kind=SessionKind.HIGH_LEVEL_DEBATE,
                   title="High-level debate", starts_at=at(event, 12), ends_at=at(event, 14))
    seminar = SessionFactory(event=event, room=rooms["b"], kind=SessionKind.SEMINAR,
                             title="Seminar on electronic evidence", expected_audience=60,
                             starts_at=at(event, 14), ends_at=at(event, 15))
    briefing = SessionFactory(event=event, room=rooms["c"], kind=SessionKind.PRESS_CONFERENCE,
                              title="Press briefing", starts_at=at(event, 15),
                              ends_at=at(event, 15, 30))
    return event, rooms, seminar, briefing


def place(session):
    session.refresh_from_db()
    tz = session.event.tz
    return session.room.name, f"{session.starts_at.astimezone(tz):%H:%M}"


def refused(desk, session, status):
    """A refusal answers 409 (or 400), which Chromium reports on the console as a failed load
    of the move URL: that one message is the answer expected, not a fault of the page."""
    path = reverse("logistics:session_move", args=[session.pk])
    expected = [error for error in desk.errors
                if f"status of {status}" in error and error.rstrip(")").endswith(path)]
    assert len(expected) == 1, f"{desk}: expected one refusal of {path}: {desk.errors}"
    desk.errors.remove(expected[0])


def block_of(page, session):
    return page.locator(f'[data-testid="grid-session"][data-session="{session.pk}"]')


def inside(block, column):
    return column["x"] - 1 <= block["x"] and block["x"] + block["width"] <= (
        column["x"] + column["width"] + 1)


def in_column(page, session, room):
    block = block_of(page, session).bounding_box()
    header = page.locator(f'[data-testid="grid-room"][data-room="{room.pk}"]').bounding_box()
    return inside(block, header)


def drag(page, session, room, starts):
    """Drag the session's block, held 4 px below its top, so that its top lands in the row
    of `starts` in the column of `room`."""
    block = block_of(page, session)
    block.scroll_into_view_if_needed()
    page.locator(f'.programme-time[data-time="{starts}"]').scroll_into_view_if_needed()
    held = block.bounding_box()
    header = page.locator(f'[data-testid="grid-room"][data-room="{room.pk}"]').bounding_box()
    row = page.locator(f'.programme-time[data-time="{starts}"]').bounding_box()
    page.mouse.move(held["x"] + 10, held["y"] + 4)
    page.mouse.down()
    page.mouse.move(held["x"] + 12, held["y"] + 6, steps=2)
    page.mouse.move(header["x"] + header["width"] / 2, row["y"] + 4 + row["height"] / 2,
                    steps=12)
    page.mouse.up()


def said(page, text, *, refusal):
    status = page.get_by_test_id("move-status")
    expect(status).to_contain_text(text)
    kind = "alert-danger" if refusal else "alert-info"
    expect(status.locator(f".{kind}")).to_have_count(1)


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_programme_grid_moves(desk, programme):
    event, rooms, seminar, briefing = programme
    desk.log_in("programme.officer")
    page = desk.open(f"{GRID}?day={event.start_date.isoformat()}", step="grid")
    page.wait_for_load_state("load")
    hall = page.locator(f'[data-testid="grid-room"][data-room="{rooms["hall"].pk}"]')
    room_b = page.locator(f'[data-testid="grid-room"][data-room="{rooms["b"].pk}"]')
    # The first room (the biggest) is on the reading side: the right in Arabic.
    if desk.language == "ar":
        assert hall.bounding_box()["x"] > room_b.bounding_box()["x"]
    else:
        assert hall.bounding_box()["x"] < room_b.bounding_box()["x"]

    if desk.size.phone:
        walk_the_panel(desk, page, rooms, seminar, briefing)
    else:
        walk_by_drag_and_keys(desk, page, rooms, seminar, briefing)


def walk_by_drag_and_keys(desk, page, rooms, seminar, briefing):
    # Onto the debate in the Plenary Hall at 13:00: refused, in the form's words.
    drag(page, seminar, rooms["hall"], "13:00")
    said(page, "High-level debate", refusal=True)
    refused(desk, seminar, 409)
    assert place(seminar) == ("Room B", "14:00")
    assert in_column(page, seminar, rooms["b"])
    desk.check("drag-refused")

    # Onto the Plenary Hall at 14:30, free: moved, and the grid redrawn with it there.
    drag(page, seminar, rooms["hall"], "14:30")
    said(page, "Plenary Hall", refusal=False)
    wait_until(page, f'document.activeElement?.dataset?.session === "{seminar.pk}"')
    assert place(seminar) == ("Plenary Hall", "14:30")
    expect(block_of(page, seminar)).to_contain_text("14:30–15:30")
    assert in_column(page, seminar, rooms["hall"])
    desk.check("dragged")

    # From the keyboard: M on the briefing, Escape; nothing moves.
    block_of(page, briefing).focus()
    page.keyboard.press("m")
    expect(page.locator("#move-room")).to_be_focused()
    page.keyboard.press("Escape")
    expect(block_of(page, briefing)).to_be_focused()
    assert place(briefing) == ("Room C", "15:00")

    # M, then its room (Room B, the next in the list) and its start typed, then Enter.
    page.keyboard.press("m")
    expect(page.locator("#move-room")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#move-room")).to_have_value(str(rooms["b"].pk))
    page.keyboard.press("Tab")
    expect(page.locator("#move-starts")).to_be_focused()
    page.keyboard.type("1615")
    expect(page.locator("#move-starts")).to_have_value("16:15")
    desk.check("keyboard-chosen")
    page.keyboard.press("Enter")
    said(page, "Room B", refusal=False)
    wait_until(page, f'document.activeElement?.dataset?.session === "{briefing.pk}"')
    assert place(briefing) == ("Room B", "16:15")
    assert in_column(page, briefing, rooms["b"])
    desk.check("keyboard-moved")


def walk_the_panel(desk, page, rooms, seminar, briefing):
    panel = page.get_by_test_id("move-panel")
    expect(panel).to_be_visible()
    # The seminar into Room C, which seats 20 of its 60: refused.
    panel.locator("#move-session").select_option(str(seminar.pk))
    panel.locator("#move-room").select_option(str(rooms["c"].pk))
    panel.locator("#move-starts").fill("16:00")
    panel.get_by_test_id("move-confirm").tap()
    said(page, "Room C", refusal=True)
    refused(desk, seminar, 409)
    assert place(seminar) == ("Room B", "14:00")
    desk.check("panel-refused")

    # The briefing to the Plenary Hall at 09:00: moved.
    panel = page.get_by_test_id("move-panel")
    panel.locator("#move-session").select_option(str(briefing.pk))
    panel.locator("#move-room").select_option(str(rooms["hall"].pk))
    panel.locator("#move-starts").fill("09:00")
    panel.get_by_test_id("move-confirm").tap()
    said(page, "Plenary Hall", refusal=False)
    expect(block_of(page, briefing)).to_contain_text("09:00–09:30")
    assert place(briefing) == ("Plenary Hall", "09:00")
    assert in_column(page, briefing, rooms["hall"])
    desk.check("panel-moved")
