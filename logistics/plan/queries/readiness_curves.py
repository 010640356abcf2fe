"""Readiness over time, for the steering committee: the curve the plan's dates promise and
the one the daily snapshots kept (services.readiness)."""

from datetime import timedelta

from django.db.models import Count, F

from logistics.plan.enums import TaskStatus
from logistics.plan.models import ReadinessSnapshot, Task


def planned_readiness(event):
    """{day: planned readiness in percent} from the first task's start to the last due date.

    Each task is planned to rise linearly from 0 % on its start date to 100 % on its due
    date (one without a start date, or due the day it starts, is planned done on its due
    date, 0 % the day before); the plan's readiness is their average, with cancelled tasks
    left out as queries.readiness leaves them out. One grouped query: tasks sharing their
    dates count together, and the sum only changes slope on those dates."""
    spans = (Task.objects.filter(event=event).exclude(status=TaskStatus.CANCELLED)
             .values(begins=F("start_date"), ends=F("due_date"))
             .annotate(n=Count("pk")).order_by())
    slopes, total = {}, 0
    for row in spans:
        ends, begins = row["ends"], row["begins"] or row["ends"]
        days = max((ends - begins).days, 1)
        rises = row["n"] * 100 / days  # per day, from the day before it rises to its end
        first = ends - timedelta(days=days)
        slopes[first] = slopes.get(first, 0) + rises
        slopes[ends] = slopes.get(ends, 0) - rises
        total += row["n"]
    if not total:
        return {}
    day, last = min(slopes), max(slopes)
    curve, value, slope = {}, 0.0, 0.0
    while day <= last:
        curve[day] = value / total
        slope += slopes.get(day, 0)
        value += slope
        day += timedelta(days=1)
    return curve


def actual_readiness(event):
    """{day: readiness in percent} as the daily snapshots kept it."""
    return dict(ReadinessSnapshot.objects.filter(event=event).order_by("day")
                .values_list("day", "progress"))

