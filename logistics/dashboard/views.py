from datetime import timedelta
from functools import wraps
from itertools import groupby

from django.db.models import Count, Max, Min
from django.shortcuts import redirect, render
from django.utils.translation import get_language_bidi

from logistics.core import permissions
from logistics.core.enums import Role
from logistics.core.ids import as_id
from logistics.core.models.event import Agency, Committee
from logistics.core.signals import dashboard_panels
from logistics.core.views.common import paginate, plan_reader, query_without_page
from logistics.dashboard import queries as panels
from logistics.plan.enums import TaskStatus
from logistics.plan.queries import master_plan, readiness_curves
from logistics.plan.services import readiness
from logistics.plan.views.readiness_chart import readiness_chart

ATTENTION_ROWS = 15


def _or_own_home(view):
    """The dashboard is where everyone lands after signing in (LOGIN_REDIRECT_URL): those who
    do not read the plan are sent on to their own page instead of a refusal."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        home = permissions.home_page_of(request.user)
        if home and not permissions.can_view_plan(request.user):
            return redirect(home)
        return view(request, *args, **kwargs)

    return wrapped


# The roles that read the whole plan from the dashboard (its lists by committee and agency,
# the overdue and due-soon tasks); the others land on their own desk's panels.
OVERVIEW_ROLES = (Role.SECRETARIAT, Role.STEERING, Role.OBSERVER, Role.PROGRAMME)


@_or_own_home
@plan_reader
def dashboard(request, event):
    """Where everyone who reads the plan lands: the countdown and readiness, then the panels
    of each of the user's roles (a user with several gets each role's)."""
    user = request.user
    today = event.today()
    # Today's readiness for the steering committee's chart, if beat has not kept it yet.
    readiness.readiness_snapshot_take(event=event)
    context = {
        **_panels(user, event, today),
        **_desks(user, event, today),
        "event": event,
        "today": today,
        "days_to_go": (event.start_date - today).days,
        "summary": master_plan.readiness(event),
        "overview": permissions.has_role(user, *OVERVIEW_ROLES),
    }
    if context["overview"]:
        # The short lists here show no coordinating agencies: skip that prefetch.
        tasks = master_plan.tasks(event, today=today).prefetch_related(None)
        context.update(
            by_committee=master_plan.readiness_by_committee(event),
            by_agency=master_plan.readiness_by_agency(event)[:ATTENTION_ROWS],
            overdue=tasks.filter(master_plan.overdue_q(today))
            .order_by("due_date", "code")[:ATTENTION_ROWS],
            due_soon=tasks.filter(master_plan.due_this_week_q(today))
            .order_by("due_date", "code")[:ATTENTION_ROWS])
    return render(request, "logistics/dashboard/dashboard.html", context)


def _desks(user, event, today):
    """The panels a role lands on: a focal point's agencies' tasks, the steering
    committee's readiness over time, and those other apps add (dashboard_panels)."""
    context = {"desk_panels": [panel for _receiver, panel in dashboard_panels.send(
        sender=None, user=user, event=event, today=today) if panel]}
    if agency_ids := permissions.agency_ids_of(user):
        mine = master_plan.agency_tasks(event, agency_ids, today=today)
        context["agency_tasks"] = {
            **mine.aggregate(total=Count("pk"),
                             late=Count("pk", filter=master_plan.overdue_q(today))),
            "rows": mine.select_related(None).select_related("lead_agency")[:ATTENTION_ROWS],
            "agencies": Agency.objects.filter(pk__in=agency_ids).order_by("code")}
    if permissions.has_role(user, Role.STEERING):
        context["readiness_chart"] = readiness_chart(
            readiness_curves.planned_readiness(event), readiness_curves.actual_readiness(event),
            today=today, rtl=get_language_bidi())
    return context


def _panels(user, event, today):
    """Delegations, the signing ceremony, side events and today's arrivals, for the roles
    that may see them: arrivals carry personal data (who travels when)."""
    context = {}
    if permissions.can_view_delegations(user):
        context.update(delegation_status=panels.delegations_by_status(event),
                       delegation_groups=panels.delegations_by_group(event),
                       signing=panels.signing_summary(event))
    if permissions.can_view_programme(user):
        context.update(proposals=panels.proposals_by_status(event),
                       can_review_proposals=permissions.can_review_proposals(user))
    if permissions.can_see_personal_data(user):
        context["arrivals"] = panels.arrivals_today(event, today)
    return context


def _span(first, last):
    return (last - first).days + 1  # the last day is a whole day on the chart too


TIMELINE_PAGE = 100
# Up to this many days the scale marks weeks (Mondays); beyond, the first of each month.
WEEKS_UP_TO = 70


def _first_of_next_month(day):
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _scale(first, last, span):
    """The chart's scale: (offset in percent, date, whether its label names the year) for
    each Monday of a short plan, or each first of the month of a longer one."""
    weekly = (last - first).days <= WEEKS_UP_TO
    if weekly:
        day = first + timedelta(days=-first.weekday() % 7)
    else:
        day = first if first.day == 1 else _first_of_next_month(first)
    ticks = []
    while day <= last:
        ticks.append({"offset": round(100 * (day - first).days / span, 2), "day": day,
                      "with_year": not ticks or (day.month == 1 and day.day <= 7)})
        day = day + timedelta(days=7) if weekly else _first_of_next_month(day)
    return ticks


@plan_reader
def timeline(request, event):
    """A Gantt chart: one bar per task from its start (or due date) to its due date, laid out
    in percent of the plan's span so that it flips with the page in right-to-left scripts.
    One page of rows at a time, on a scale shared by every page."""
    today = event.today()
    committee = None
    if committee_id := as_id(request.GET.get("committee")):
        committee = Committee.objects.filter(event=event, pk=committee_id).first()
    show_children = request.GET.get("all") == "1"
    rows = master_plan.timeline(event, committee=committee)
    if not show_children:
        rows = rows.filter(parent__isnull=True)
    bounds = rows.aggregate(first=Min("begins"), last=Max("due_date"))
    page = paginate(request, rows, per_page=TIMELINE_PAGE)
    groups, span, first = [], 1, bounds["first"]
    context = {}
    if first is not None:
        first = min(first, today)
        last = max(bounds["last"], today, event.start_date)
        span = _span(first, last)
        for row in page:
            row.offset = round(100 * (row.begins - first).days / span, 2)
            row.width = max(round(100 * ((row.due_date - row.begins).days + 1) / span, 2), 0.6)
        groups = [(key, list(items)) for key, items in groupby(page, key=lambda r: r.committee)]
        context = {
            "first": first, "last": last,
            "today_at": round(100 * (today - first).days / span, 2),
            "event_at": round(100 * (event.start_date - first).days / span, 2),
            "ticks": _scale(first, last, span),
            "weekly": (last - first).days <= WEEKS_UP_TO,
        }
    return render(request, "logistics/plan/timeline.html", {
        **context,
        "event": event,
        "today": today,
        "groups": groups,
        "page": page,
        "query": query_without_page(request),
        "committees": Committee.objects.filter(event=event),
        "committee": committee,
        "show_children": show_children,
        "statuses": TaskStatus.choices,
    })
