from playwright.sync_api import expect

from logistics.core.enums import Role
from logistics.programme.enums import SessionKind
from logistics.programme.models import Session
from tests.e2e.conftest import PASSWORD
from tests.factories.plan import user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at


def _inside(block, column):
    """The block's horizontal span lies within the column header's."""
    return column["x"] - 1 <= block["x"] and block["x"] + block["width"] <= (
        column["x"] + column["width"] + 1)


def test_programme_officer_sees_a_clash_then_books_a_free_slot(demo, page, live_server, login,
                                                               screenshot):
    user_with_role(Role.PROGRAMME, username="programme.officer", password=PASSWORD)
    venue = VenueFactory(event=demo, name="National Convention Centre")
    hall = RoomFactory(venue=venue, name="Plenary Hall", capacity=300)
    room_b = RoomFactory(venue=venue, name="Room B", capacity=80)
    SessionFactory(event=demo, room=hall, kind=SessionKind.HIGH_LEVEL_DEBATE,
                   title="High-level debate", starts_at=at(demo, 10), ends_at=at(demo, 12))
    day = demo.start_date.isoformat()

    login("programme.officer")
    page.goto(f"{live_server.url}/programme/?day={day}")
    grid = page.get_by_test_id("programme-grid")
    expect(grid.get_by_test_id("grid-session")).to_have_count(1)
    expect(grid).to_contain_text("High-level debate")

    # A seminar in the Plenary Hall at 11:00: the hall is taken.
    page.get_by_role("link", name="New session").click()
    page.select_option("#id_kind", SessionKind.SEMINAR)
    page.fill("#id_title", "Seminar on electronic evidence")
    page.select_option("#id_room", str(hall.pk))
    page.fill("#id_day", day)
    page.fill("#id_starts", "11:00")
    page.fill("#id_ends", "12:30")
    page.fill("#id_languages", "en, vi")
    page.get_by_role("button", name="Add the session").click()
    errors = page.get_by_test_id("form-errors")
    expect(errors).to_contain_text("Plenary Hall is booked 10:00–12:00 for “High-level debate”.")
    expect(page.locator("#id_title")).to_have_value("Seminar on electronic evidence")
    screenshot("programme-clash-refused")
    assert Session.objects.filter(title="Seminar on electronic evidence").count() == 0

    # Kept as a draft in that slot, it holds no booking, and the grid warns of the overlap.
    page.check("#id_draft")
    page.get_by_role("button", name="Add the session").click()
    warning = page.get_by_test_id("clash-warning")
    expect(warning).to_contain_text("“High-level debate” (10:00–12:00) and "
                                    "“Seminar on electronic evidence” (11:00–12:30) overlap.")
    screenshot("programme-clash-warning")

    # A press conference in Room B at 14:00 is free, and appears in Room B's column.
    page.get_by_role("link", name="New session").click()
    page.select_option("#id_kind", SessionKind.PRESS_CONFERENCE)
    page.fill("#id_title", "Press conference of the host")
    page.select_option("#id_room", str(room_b.pk))
    page.fill("#id_starts", "14:00")
    page.fill("#id_ends", "14:45")
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "“Press conference of the host” added to the programme.")
    block = page.get_by_test_id("grid-session").filter(has_text="Press conference of the host")
    expect(block).to_be_visible()
    expect(block).to_contain_text("14:00–14:45")
    column = page.locator(f'[data-testid="grid-room"][data-room="{room_b.pk}"]')
    # The cells are placed by accord.js once the page is parsed: the blocks are visible (in
    # the grid's first free cells) before that, and a loaded machine showed it.
    page.wait_for_load_state("load")
    assert _inside(block.bounding_box(), column.bounding_box())
    debate = page.get_by_test_id("grid-session").filter(has_text="High-level debate")
    assert block.bounding_box()["y"] > debate.bounding_box()["y"]
    screenshot("programme-grid")
    session = Session.objects.get(title="Press conference of the host")
    assert (session.room, session.status) == (room_b, "scheduled")
