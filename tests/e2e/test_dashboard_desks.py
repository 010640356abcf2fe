"""The dashboard at the desks (issue 15, item 2), in English and Arabic on a laptop and a
phone: a focal point lands on its agency's tasks, late first, and goes on to the late one; the
steering committee lands on readiness planned against actual over time, a chart that runs
with the script (leftwards in Arabic), fits the phone and has its figures in a table."""

from datetime import timedelta

import pytest
from django.urls import reverse

from logistics.core.enums import Role
from logistics.plan.enums import TaskStatus
from logistics.plan.models import ReadinessSnapshot
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.plan import AgencyFactory, EventFactory, TaskFactory, user_with_role

LONG = ("Deploy the traffic police escort for every head of delegation between the airport, "
        "the hotels and the National Convention Center")


@pytest.fixture
def plan(transactional_db):
    today = EventFactory.build().today()
    event = EventFactory(start_date=today + timedelta(days=110),
                         end_date=today + timedelta(days=111))
    police = AgencyFactory(event=event, code="MPS", name="Ministry of Public Security")
    foreign = AgencyFactory(event=event, code="MOFA", name="Ministry of Foreign Affairs")
    TaskFactory(event=event, code="SEC-04", title="Motorcade routes agreed", lead_agency=police,
                start_date=today - timedelta(days=30), due_date=today + timedelta(days=20),
                status=TaskStatus.IN_PROGRESS, progress=40)
    TaskFactory(event=event, code="SEC-01", title=LONG, lead_agency=police,
                start_date=today - timedelta(days=40), due_date=today - timedelta(days=4),
                status=TaskStatus.IN_PROGRESS, progress=70)
    TaskFactory(event=event, code="PRO-02", title="Airport welcome desks", lead_agency=foreign,
                coordinating_agencies=[police], due_date=today + timedelta(days=100))
    for days, progress in ((21, 10), (14, 18), (7, 25)):
        ReadinessSnapshot.objects.create(event=event, day=today - timedelta(days=days),
                                         progress=progress)
    user_with_role(Role.FOCAL_POINT, username="focal", password=PASSWORD, agencies=[police])
    user_with_role(Role.STEERING, username="steering", password=PASSWORD)
    return event


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_a_focal_point_lands_on_its_agencys_tasks_late_first(desk, plan):
    page = desk.log_in("focal")
    desk.check("focal-landing")
    table = page.get_by_test_id("agency-tasks")
    codes = table.locator("tbody tr td:first-child").all_inner_texts()
    assert codes == ["SEC-01", "SEC-04", "PRO-02"], codes
    assert table.locator("tbody tr").first.get_attribute("data-part") == "lead"
    assert table.locator("tbody tr").last.get_attribute("data-part") == "coordinating"
    table.get_by_role("link", name="SEC-01").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("SEC-01"), page.url
    desk.check("focal-late-task")


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_steering_lands_on_readiness_planned_against_actual(desk, plan):
    page = desk.log_in("steering")
    desk.check("steering-landing")
    chart = page.get_by_test_id("readiness-chart")
    svg = chart.locator("svg").bounding_box()
    card = chart.bounding_box()
    assert card["x"] - 0.5 <= svg["x"] <= svg["x"] + svg["width"] <= card["x"] + card["width"] + 1
    assert svg["height"] > 120, svg  # still a chart on the phone
    # Today (40 of the 150 days the chart spans) sits on the side time starts from.
    today = chart.locator(".chart-today").bounding_box()
    middle = svg["x"] + svg["width"] / 2
    assert (today["x"] > middle) if desk.language == "ar" else (today["x"] < middle), desk
    # Four actual points: three snapshots and the one the day's first view kept.
    points = chart.get_by_test_id("actual-curve").get_attribute("points").split()
    assert len(points) == 4, points
    chart.locator("summary").click()
    rows = chart.get_by_test_id("readiness-chart-table").locator("tbody tr")
    assert rows.count() >= 3
    desk.check("steering-figures")
    assert page.get_by_test_id("readiness-chart-legend").is_visible()
    desk.open(reverse("logistics:dashboard"), step="steering-again")
