"""Issue 15, item 4: the pages people open on their own phones (the public programme, the
media application and its status page, the side-event proposal, the login) and the gate's
scanner, in English and Arabic on a laptop and a phone, with the reference event's own long
name. Nothing may scroll sideways, and the names a reader needs (the event's, the
checkpoint's) must be shown whole, wrapped rather than cut."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accreditation.enums import CheckpointMode
from accreditation.gates.models import Checkpoint
from accreditation.gates.services import scans
from accreditation.setup.models import Zone
from logistics.core.enums import Role
from logistics.programme.services.publishing import programme_publish
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.accreditation import categories
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import SessionFactory

# SCENARIO.md's event, whose name is longer than a phone is wide.
EVENT_NAME = "Signing Ceremony of the United Nations Convention against Cybercrime"
CHECKPOINT_NAME = "Main entrance of the National Convention Center, plenary level"


@pytest.fixture
def public_event(transactional_db):
    scans.forget_checkpoints()
    today = timezone.localdate(timezone=EventFactory.build().tz)
    event = EventFactory(name=EVENT_NAME, start_date=today, end_date=today + timedelta(days=2))
    categories(event)
    SessionFactory(event=event, title="Press briefing on the arrangements for the ceremony")
    secretariat = user_with_role(Role.SECRETARIAT, username="sec", password=PASSWORD)
    programme_publish(event=event, by=secretariat)
    user_with_role(Role.GATE, username="gate", password=PASSWORD)
    checkpoint = Checkpoint.objects.create(
        event=event, zone=Zone.objects.get(event=event, code="1"), name=CHECKPOINT_NAME,
        mode=CheckpointMode.ENTRY)
    yield event, checkpoint
    scans.forget_checkpoints()


def shown_whole(page, locator):
    """The element's text is neither clipped by its own box nor outside the window."""
    element = page.locator(locator).first
    box = element.bounding_box()
    width = page.viewport_size["width"]
    clipped = element.evaluate("el => el.scrollWidth - el.clientWidth")
    return box["x"] >= 0 and box["x"] + box["width"] <= width and clipped <= 1


PUBLIC_PAGES = [("programme_public", "programme"), ("apply_media", "media-application"),
                ("apply_status", "application-status"), ("side_event_propose", "proposal"),
                ("login", "login")]


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_public_pages_and_the_scanner_fit_the_phone(desk, public_event):
    event, checkpoint = public_event
    for name, step in PUBLIC_PAGES:
        page = desk.open(reverse(name), step=step)
    page = desk.open(reverse("programme_public"), step="programme-again")
    assert EVENT_NAME in page.locator("main").inner_text()
    assert shown_whole(page, "header .navbar-brand"), f"{desk}: the page's title is cut"

    desk.log_in("gate")
    page = desk.open(f"{reverse('accreditation:scanner')}?checkpoint={checkpoint.pk}",
                     step="scanner")
    name = page.get_by_test_id("checkpoint-name")
    assert name.inner_text() == CHECKPOINT_NAME
    assert shown_whole(page, "[data-testid=checkpoint-name]"), f"{desk}: checkpoint name cut"
