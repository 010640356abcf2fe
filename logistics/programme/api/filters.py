"""Query parameters of the room, session, speaker and side-event proposal list endpoints."""

from datetime import datetime, time, timedelta

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from logistics.core.ids import IdFilter
from logistics.core.models.event import Event
from logistics.delegations.api.filters import event_filter
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.models import Room, Session


class RoomFilter(django_filters.FilterSet):
    event = event_filter("venue__event")
    venue = IdFilter(field_name="venue", label=_("Venue id"))
    min_capacity = django_filters.NumberFilter(field_name="capacity", lookup_expr="gte",
                                               label=_("At least this many seats"))

    class Meta:
        model = Room
        fields = []


class SessionFilter(django_filters.FilterSet):
    event = event_filter()
    day = django_filters.DateFilter(
        method="filter_day",
        label=_("A day at the venue (YYYY-MM-DD), in the event's time zone: the sessions that "
                "take place on it, including those running over midnight"))
    room = IdFilter(field_name="room", label=_("Room id"))
    kind = django_filters.MultipleChoiceFilter(
        choices=SessionKind.choices, label=_("Kind; repeat the parameter for several"))
    status = django_filters.MultipleChoiceFilter(
        choices=SessionStatus.choices, label=_("Status; repeat the parameter for several"))
    delegation = IdFilter(field_name="delegations",
                                             label=_("Sessions a delegation takes part in"))

    class Meta:
        model = Session
        fields = []

    def filter_day(self, queryset, name, value):
        # Each event has its own time zone, so "that day" is a different span per event.
        events = Event.objects.filter(pk__in=queryset.order_by().values("event_id"))
        overlaps = Q(pk__in=[])
        for event in events.only("pk", "time_zone"):
            starts = datetime.combine(value, time.min, tzinfo=event.tz)
            ends = datetime.combine(value + timedelta(days=1), time.min, tzinfo=event.tz)
            overlaps |= Q(event_id=event.pk, starts_at__lt=ends, ends_at__gt=starts)
        return queryset.filter(overlaps)


