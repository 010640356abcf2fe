"""The timeline at the desks (issue 15, item 1), in English and Arabic on a laptop and a
phone: a scale of months that can be read without hovering, a legend for every colour, each
task's code (the row's only link) shown whole whatever the direction, and its dates
written beside it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from logistics.core.enums import Role
from logistics.plan.enums import TaskStatus
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.plan import EventFactory, TaskFactory, user_with_role

LONG = ("Issue the master plan and run the weekly coordination meetings of every "
        "subcommittee until the closing ceremony")


@pytest.fixture
def plan(transactional_db):
    today = EventFactory.build().today()
    event = EventFactory(start_date=today + timedelta(days=120),
                         end_date=today + timedelta(days=121))
    tasks = [
        TaskFactory(event=event, code="WG-01", title=LONG, start_date=today - timedelta(days=40),
                    due_date=today - timedelta(days=5), status=TaskStatus.IN_PROGRESS,
                    progress=60),
        TaskFactory(event=event, code="CT-05", title="Call for side-event proposals",
                    start_date=today - timedelta(days=10), due_date=today + timedelta(days=50),
                    status=TaskStatus.BLOCKED),
        TaskFactory(event=event, code="PR-02", title="Ceremony script",
                    start_date=today + timedelta(days=60), due_date=today + timedelta(days=110)),
    ]
    user_with_role(Role.STEERING, username="steering", password=PASSWORD)
    return event, tasks


def inside(inner, outer):
    return (inner["x"] >= outer["x"] - 0.5
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5)


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_timeline_reads_without_hovering(desk, plan):
    event, tasks = plan
    desk.log_in("steering")
    page = desk.open(reverse("logistics:timeline"), step="timeline")

    with translation.override(desk.language):
        legend = [str(label) for _, label in TaskStatus.choices]
    shown = page.get_by_test_id("gantt-legend").inner_text()
    assert all(label in shown for label in legend), shown

    # Each first of the month between today and the event has its line, and at least three
    # labels can be read (the others are hidden where they would overlap).
    scale = page.get_by_test_id("gantt-scale").first
    ticks = scale.locator(".gantt-tick")
    assert ticks.count() >= 4
    readable = scale.locator(".gantt-tick:not(.gantt-tick-quiet) time")
    assert readable.count() >= 3
    boxes = [label.bounding_box() for label in readable.all()]
    boxes.sort(key=lambda box: box["x"])
    assert all(a["x"] + a["width"] <= b["x"] for a, b in zip(boxes, boxes[1:], strict=False))
    days = scale.locator("time").evaluate_all("els => els.map(e => e.dateTime)")
    assert all(day.endswith("-01") for day in days), days

    for task in tasks:
        row = page.get_by_test_id("gantt-row").filter(has_text=task.code)
        code = row.get_by_test_id("gantt-code")
        expect(code).to_have_text(task.code)
        label = row.locator(".gantt-label").bounding_box()
        assert inside(code.bounding_box(), label), f"{desk}: {task.code} is cut"
        assert code.evaluate("el => el.scrollWidth <= el.clientWidth")
        dates = row.get_by_test_id("gantt-dates").inner_text()
        assert task.start_date.isoformat() in dates and task.due_date.isoformat() in dates
        bar = row.locator(".gantt-bar").bounding_box()
        assert inside(bar, row.locator(".gantt-track").bounding_box())
    with translation.override(desk.language):
        late = str(translation.gettext("late"))
    assert late in page.get_by_test_id("gantt-row").filter(has_text="WG-01").inner_text()
