"""Each role lands on its own desk (issue 15, item 2): a focal point on its agencies' open
tasks, late first; the accreditation officer on the decision queue and the vetting backlog;
protocol on today's arrivals and the signing board; steering on readiness, planned against
actual, over time. A user with several roles gets each role's panels."""

import re
from datetime import date, datetime, time, timedelta
from functools import partial

import pytest
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.enums import VettingStatus
from accreditation.vetting.queries import vetting_counts
from logistics.core.enums import Role
from logistics.core.permissions import role_group
from logistics.plan.enums import TaskStatus
from logistics.plan.models import ReadinessSnapshot
from logistics.plan.queries import master_plan, readiness_curves
from logistics.plan.services.readiness import readiness_snapshot_take
from logistics.plan.tasks import snapshot_readiness
from logistics.plan.views.readiness_chart import BOTTOM, TOP
from tests.factories.accreditation import journalist
from tests.factories.delegations import MemberFactory, country
from tests.factories.plan import EventFactory, TaskFactory, user_with_role
from tests.factories.signing import SigningFactory, StateDelegationFactory
from tests.queries import same_queries
from tests.races import race


def _page(client, user, language="en"):
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(reverse("logistics:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _section(page, testid):
    """The markup of the element marked data-testid=`testid`, up to the end of its table
    or section ("" when the page has none)."""
    start = page.find(f'data-testid="{testid}"')
    if start < 0:
        return ""
    end = min(at for at in (page.find("</table>", start), page.find("</section>", start))
              if at >= 0)
    return page[start:end]


def _rows(page):
    """(code, part) of each row of the focal point's table, in order."""
    return re.findall(r'data-code="([^"]+)" data-part="([^"]+)"', _section(page, "agency-tasks"))


# Focal point

@pytest.fixture
def agencies_plan(event, agency, other_agency):
    """MPS's tasks: two late (one it leads, one it coordinates), two on time, one done and
    one cancelled; MOFA's own tasks, late and not, which MPS has no part in."""
    today = event.today()
    late, soon = today - timedelta(days=3), today + timedelta(days=2)
    later = today + timedelta(days=9)
    TaskFactory(event=event, code="MPS-LEAD-LATE", lead_agency=agency, due_date=late)
    TaskFactory(event=event, code="MPS-COORD-LATE", lead_agency=other_agency,
                due_date=late - timedelta(days=1), coordinating_agencies=[agency])
    TaskFactory(event=event, code="MPS-LEAD-SOON", lead_agency=agency, due_date=soon)
    TaskFactory(event=event, code="MPS-COORD-LATER", lead_agency=other_agency,
                due_date=later, coordinating_agencies=[agency])
    TaskFactory(event=event, code="MPS-DONE", lead_agency=agency, due_date=late,
                status=TaskStatus.DONE, progress=100)
    TaskFactory(event=event, code="MPS-CANCELLED", lead_agency=agency, due_date=late,
                status=TaskStatus.CANCELLED)
    TaskFactory(event=event, code="MOFA-LATE", lead_agency=other_agency, due_date=late)
    TaskFactory(event=event, code="MOFA-SOON", lead_agency=other_agency, due_date=soon)


def test_a_focal_point_lands_on_its_agencys_open_tasks_late_first(client, agencies_plan,
                                                                 focal_point):
    page = _page(client, focal_point)
    assert _rows(page) == [("MPS-COORD-LATE", "coordinating"), ("MPS-LEAD-LATE", "lead"),
                           ("MPS-LEAD-SOON", "lead"), ("MPS-COORD-LATER", "coordinating")]
    assert "4 open tasks, 2 late" in _section(page, "agency-tasks-count")
    # The whole plan's lists are the overview roles'; a focal point's page is its agency's.
    assert 'id="by-committee"' not in page
    assert "MOFA-LATE" not in page


def test_a_focal_points_late_tasks_are_the_plans_overdue_ones(event, agencies_plan, agency):
    today = event.today()
    late = {task.code for task in master_plan.agency_tasks(event, [agency.pk], today=today)
            if task.is_overdue}
    overdue = set(master_plan.tasks(event).filter(master_plan.overdue_q(today))
                  .filter(code__startswith="MPS").values_list("code", flat=True))
    assert late == overdue == {"MPS-LEAD-LATE", "MPS-COORD-LATE"}


def test_the_overview_roles_keep_the_plans_lists_and_see_no_agency_desk(
        client, agencies_plan, secretariat, observer):
    for user in (secretariat, observer):
        page = _page(client, user)
        assert 'data-testid="plan-overview"' in page
        assert 'data-testid="agency-tasks"' not in page
        assert 'data-testid="readiness-chart"' not in page
        assert 'data-testid="office-backlog"' not in page


# The accreditation officer

def test_the_officer_lands_on_the_decision_queue_and_vetting_backlog(client, event, cats,
                                                                    officer, vetter):
    waiting = [journalist(event) for _ in range(3)]
    # One vetted, one withdrawn: neither waits for vetting any more.
    Application.objects.filter(pk=waiting[0].pk).update(vetting=VettingStatus.CLEARED)
    Application.objects.filter(pk=waiting[1].pk).update(status="withdrawn")
    page = _page(client, officer)
    backlog = _section(page, "office-backlog")

    queue = client.get(reverse("accreditation:application_list"))
    awaiting = next(tab["count"] for tab in queue.context["tabs"] if tab["value"] == "awaiting")
    assert re.search(r'data-testid="awaiting-count">(\d+)<', backlog)[1] == str(awaiting) == "2"
    assert (re.search(r'data-testid="vetting-count">(\d+)<', backlog)[1]
            == str(vetting_counts(event)[VettingStatus.PENDING]) == "1")
    # The day at the venue: past 17:00 UTC it is already tomorrow in Hanoi.
    oldest = Application.objects.get(pk=waiting[0].pk).created_at.astimezone(event.tz).date()
    assert f"since {oldest:%Y-%m-%d}" in re.sub(r"<[^>]+>", "", backlog)
    assert reverse("accreditation:application_list") in backlog
    # The officer does not vet: the backlog opens on the queue's vetting filter instead.
    assert reverse("accreditation:vetting_queue") not in backlog


# Protocol

def test_protocol_lands_on_todays_arrivals_and_the_signing_board(client, event, protocol):
    france = StateDelegationFactory(event=event, country=country("FR"), intends_to_sign=True)
    SigningFactory(delegation=france)
    landing = datetime.combine(event.today(), time(9), tzinfo=event.tz)
    MemberFactory(delegation=france, arrival_at=landing)
    MemberFactory(delegation=france, arrival_at=landing + timedelta(days=1))
    page = _page(client, protocol)
    assert "1 person" in _section(page, "arrivals-count")
    assert france.name in _section(page, "arrivals-today")
    assert 'data-testid="signatories"' in page
    assert 'id="by-committee"' not in page


# Steering

@pytest.fixture
def small_plan(event):
    """From D: A rises from D to D+4; B has no start and is due on D+2; C is cancelled."""
    day = date(2026, 3, 2)
    TaskFactory(event=event, code="A", start_date=day, due_date=day + timedelta(days=4))
    TaskFactory(event=event, code="B", due_date=day + timedelta(days=2))
    TaskFactory(event=event, code="C", start_date=day, due_date=day + timedelta(days=9),
                status=TaskStatus.CANCELLED)
    return day


def test_the_planned_curve_rises_from_each_tasks_start_to_its_due_date(event, small_plan):
    day = small_plan
    # A: 0, 25, 50, 75, 100; B: 0 until the day before its due date, then 100.
    assert readiness_curves.planned_readiness(event) == {
        day: 0, day + timedelta(days=1): 12.5, day + timedelta(days=2): 75,
        day + timedelta(days=3): 87.5, day + timedelta(days=4): 100}


def test_the_planned_curve_of_an_empty_plan_is_empty(event):
    assert readiness_curves.planned_readiness(event) == {}


def _curve(page, testid):
    """The polyline's points as (x, percent)."""
    points = re.search(rf'points="([^"]*)" data-testid="{testid}"', page)[1]
    return [(float(x), round((BOTTOM - float(y)) * 100 / (BOTTOM - TOP), 1))
            for x, y in (point.split(",") for point in points.split())]


@pytest.mark.parametrize(("language", "leftwards"), [("en", False), ("ar", True)])
def test_steering_sees_planned_against_actual_with_time_running_with_the_script(
        client, event, small_plan, steering, language, leftwards):
    day = small_plan
    ReadinessSnapshot.objects.create(event=event, day=day + timedelta(days=1), progress=10)
    ReadinessSnapshot.objects.create(event=event, day=day + timedelta(days=3), progress=40)
    page = _page(client, steering, language)

    svg = re.search(r"<svg.*?</svg>", page, re.S)[0]
    # Coordinates are numbers as SVG reads them in every language (not Arabic's "212,5").
    values = re.findall(r' (?:x|y|x1|x2|y1|y2|dy)="([^"]*)"', svg)
    assert values and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in values), values
    planned = _curve(page, "planned-curve")
    assert [percent for _x, percent in planned] == [0, 12.5, 75, 87.5, 100]
    actual = _curve(page, "actual-curve")
    # The two snapshots, then today's, which the day's first dashboard kept.
    assert [percent for _x, percent in actual] == [10, 40, 0]
    for curve in (planned, actual):
        xs = [x for x, _percent in curve]
        assert xs == sorted(xs, reverse=leftwards)
    # Planned and actual at the same date fall on the same x.
    assert planned[1][0] == actual[0][0]
    table = re.sub(r"<[^>]+>", " ", _section(page, "readiness-chart-table"))
    assert re.search(rf"{event.today():%Y-%m-%d}\s+100%\s+0%", table)
    assert ReadinessSnapshot.objects.filter(event=event, day=event.today()).count() == 1


def test_a_user_with_several_roles_gets_each_roles_panels(client, event, cats, agency,
                                                          agencies_plan):
    user = user_with_role(Role.FOCAL_POINT, agencies=[agency])
    user.groups.add(*(role_group(role) for role in (Role.STEERING, Role.ACCREDITATION,
                                                    Role.PROTOCOL)))
    page = _page(client, user)
    for testid in ("agency-tasks", "readiness-chart", "office-backlog", "arrivals-today",
                   "plan-overview"):
        assert f'data-testid="{testid}"' in page, testid


# The daily snapshot

def test_the_snapshot_is_taken_once_a_day(event, small_plan):
    TaskFactory(event=event, code="D", progress=60, status=TaskStatus.IN_PROGRESS)
    assert readiness_snapshot_take(event=event) is True
    assert readiness_snapshot_take(event=event) is False
    snapshot = ReadinessSnapshot.objects.get(event=event)
    assert (snapshot.day, snapshot.progress) == (event.today(), 20)


def test_the_beat_task_keeps_each_running_events_day_and_repeats_write_nothing(event):
    TaskFactory(event=event)
    past = EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))
    TaskFactory(event=past)
    EventFactory()  # no plan, no snapshot
    assert snapshot_readiness() == 1
    assert snapshot_readiness() == 0
    assert list(ReadinessSnapshot.objects.values_list("event", "day")) == [
        (event.pk, event.today())]


@pytest.mark.django_db(transaction=True)
def test_two_snapshots_taken_at_once_leave_one_row():
    event = EventFactory()
    TaskFactory(event=event)
    take = partial(readiness_snapshot_take, event=event)
    assert set(race(take, take, atomic=False)) == {True, False}  # one wrote it, one found it
    assert ReadinessSnapshot.objects.filter(event=event).count() == 1


# Cost

def test_the_dashboard_costs_the_same_queries_for_one_row_and_for_three(
        client, event, cats, agency, other_agency):
    user = user_with_role(Role.FOCAL_POINT, agencies=[agency])
    user.groups.add(*(role_group(role) for role in (Role.SECRETARIAT, Role.STEERING,
                                                    Role.ACCREDITATION)))
    client.force_login(user)

    def more(count):
        for _ in range(count):
            due = event.today() + timedelta(days=ReadinessSnapshot.objects.count() - 5)
            TaskFactory(event=event, lead_agency=agency, due_date=due,
                        start_date=due - timedelta(days=3))
            TaskFactory(event=event, lead_agency=other_agency, due_date=due + timedelta(days=1),
                        coordinating_agencies=[agency])
            ReadinessSnapshot.objects.create(event=event, day=due - timedelta(days=30),
                                             progress=5)
            journalist(event)

    more(1)
    response = same_queries(lambda: client.get(reverse("logistics:dashboard")), lambda: more(2))
    assert response.context["agency_tasks"]["total"] == 6
