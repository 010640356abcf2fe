"""The steering committee's chart of readiness over time, drawn by the server as an inline
SVG: no script, no CDN and no inline style, so it stays within the Content Security Policy.
Time runs with the script: rightwards in English, leftwards in Arabic, as on the timeline."""

from datetime import timedelta

from django.utils.formats import date_format

# The drawing's own units (viewBox); the SVG scales to its card, a phone's too.
WIDTH, HEIGHT = 480, 250
TOP, BOTTOM = 12, 212
AXIS_SIDE, FAR_SIDE = 46, 16  # room for the percentages beside the axis, and the far edge
# At most this many dates under the chart: they still read on a phone.
MOST_DATES = 5
PERCENTS = (0, 25, 50, 75, 100)


def _dates(first, last):
    """First days of the month (weeks' Mondays for a plan under two months), thinned to at
    most MOST_DATES."""
    if (last - first).days < 60:
        day, step = first + timedelta(days=-first.weekday() % 7), "week"
    else:
        day, step = (first.replace(day=1) + timedelta(days=32)).replace(day=1), "month"
        if first.day == 1:
            day = first
    days = []
    while day <= last:
        days.append(day)
        day = (day + timedelta(days=7) if step == "week"
               else (day.replace(day=1) + timedelta(days=32)).replace(day=1))
    every = -(-len(days) // MOST_DATES) or 1
    return days[::every]


def _number(value):
    """A coordinate as the SVG reads it: a string, so that no locale writes "212,5"."""
    return f"{value:.1f}".removesuffix(".0")


def _as_of(curve, day):
    """The curve's value on `day`, or on the last day before it that it has; None before
    its first day."""
    known = [value for known_day, value in curve.items() if known_day <= day]
    return known[-1] if known else None


def readiness_chart(planned, actual, *, today, rtl):
    """Everything the template draws, from {day: percent} curves: the two polylines' points,
    the date and percent labels with their positions, today's mark, and a row per date for
    the table that screen readers (and anyone) can read instead. None without a plan."""
    if not planned and not actual:
        return None
    days = [*planned, *actual]
    first, last = min(days), max(max(days), today)
    span = max((last - first).days, 1)
    inner = WIDTH - AXIS_SIDE - FAR_SIDE
    axis_x = WIDTH - AXIS_SIDE if rtl else AXIS_SIDE

    def x(day):
        offset = inner * (day - first).days / span
        return _number(axis_x - offset if rtl else axis_x + offset)

    def y(percent):
        return _number(BOTTOM - (BOTTOM - TOP) * percent / 100)

    def points(curve):
        return " ".join(f"{x(day)},{y(value)}" for day, value in sorted(curve.items()))

    dates = _dates(first, last)
    rows = [{"day": day, "planned": _as_of(planned, day), "actual": _as_of(actual, day)}
            for day in sorted({*dates, today})]
    # Every coordinate goes to the template as a string (_number).
    return {
        "width": _number(WIDTH), "height": _number(HEIGHT),
        "top": _number(TOP), "bottom": _number(BOTTOM), "tick_end": _number(BOTTOM + 5),
        "axis_x": _number(axis_x), "far_x": _number(FAR_SIDE if rtl else WIDTH - FAR_SIDE),
        "label_x": _number(axis_x + 23 if rtl else axis_x - 23),
        "date_y": _number(BOTTOM + 22),
        "planned_points": points(planned), "actual_points": points(actual),
        "percents": [{"y": y(percent), "label": percent} for percent in PERCENTS],
        # Each date is a <text> of its own, which SVG lays out apart from any other words:
        # already isolated, as |isolate does in HTML (where <bdi> is; SVG has none).
        "dates": [{"x": x(day), "label": date_format(day, "j M")} for day in dates],
        "today_x": x(today),
        "first": first, "last": last,
        "planned_today": _as_of(planned, today), "actual_today": _as_of(actual, today),
        "rows": rows,
    }
