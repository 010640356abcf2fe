"""The event the staff are working on."""

from django.utils import timezone

from logistics.core.models.event import Event


def current_event(event_id=None):
    """The event the staff are working on: the one asked for, else the next to start,
    else the most recent."""
    events = Event.objects.all()
    if event_id:
        event = events.filter(pk=event_id).first()
        if event:
            return event
    upcoming = events.order_by("start_date").filter(end_date__gte=timezone.now().date()).first()
    return upcoming or events.order_by("-start_date").first()
