"""Reads of the programme that the grid, the public page and the API share."""

from datetime import datetime, time, timedelta

from logistics.enums import SessionStatus
from logistics.models import Session


def sessions_on(event, day, *, include_cancelled=False):
    """The sessions that take place on `day`, a date in the event's time zone (a session
    running past midnight, or over several days, is on each of them), with their room and
    venue, by start time."""
    starts = datetime.combine(day, time.min, tzinfo=event.tz)
    ends = datetime.combine(day + timedelta(days=1), time.min, tzinfo=event.tz)
    sessions = (Session.objects
                .filter(event=event, starts_at__lt=ends, ends_at__gt=starts)
                .select_related("room__venue")
                .order_by("starts_at", "room__venue__name", "room__name", "pk"))
    if not include_cancelled:
        sessions = sessions.exclude(status=SessionStatus.CANCELLED)
    return sessions
