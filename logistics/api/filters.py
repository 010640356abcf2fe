"""Query parameters of the plan's list endpoints."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from rest_framework.filters import OrderingFilter

from logistics.enums import AgencyKind, CommitteeKind, TaskStatus
from logistics.ids import IdFilter, ModelChoiceFilter, as_id
from logistics.models import Agency, Committee, Event, Task, TaskUpdate


class StableOrderingFilter(OrderingFilter):
    """Any ordering the client asks for, then the primary key: pages never overlap when many
    rows share a status or a progress."""

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not {"pk", "-pk", "id", "-id"} & set(ordering):
            ordering.append("pk")
        return ordering


class IdOrCodeFilter(django_filters.CharFilter):
    """`?committee=12` or `?committee=SEC`: a number is an id, anything else a code. Codes are
    unique within an event, so combine a code with `event` when there are several."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        value = value.strip()
        pk = as_id(value)
        if pk is not None:
            return qs.filter(**{self.field_name: pk})
        return qs.filter(**{f"{self.field_name}__code": value})


def _event_filter():
    return ModelChoiceFilter(queryset=Event.objects.all(), label=_("Event id"))


class TaskFilter(django_filters.FilterSet):
    event = _event_filter()
    committee = IdOrCodeFilter(field_name="committee", label=_("Committee id or code"))
    lead_agency = IdOrCodeFilter(field_name="lead_agency", label=_("Lead agency id or code"))
    coordinating_agency = IdOrCodeFilter(field_name="coordinating_agencies",
                                         label=_("Coordinating agency id or code"))
    status = django_filters.MultipleChoiceFilter(
        choices=TaskStatus.choices, label=_("Status; repeat the parameter for several"))
    overdue = django_filters.BooleanFilter(field_name="is_overdue",
                                           label=_("Past due and neither done nor cancelled"))
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte",
                                          label=_("Due on or after (YYYY-MM-DD)"))
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte",
                                           label=_("Due on or before (YYYY-MM-DD)"))
    parent = IdFilter(field_name="parent", label=_("Parent task id"))
    top_level = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull",
                                             label=_("Main tasks only"))

    class Meta:
        model = Task
        fields = []


class AgencyFilter(django_filters.FilterSet):
    event = _event_filter()
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices)
    parent = IdOrCodeFilter(field_name="parent", label=_("Parent agency id or code"))

    class Meta:
        model = Agency
        fields = []


class CommitteeFilter(django_filters.FilterSet):
    event = _event_filter()
    kind = django_filters.ChoiceFilter(choices=CommitteeKind.choices)

    class Meta:
        model = Committee
        fields = []


class TaskUpdateFilter(django_filters.FilterSet):
    task = IdFilter(field_name="task", label=_("Task id"))
    event = IdFilter(field_name="task__event", label=_("Event id"))

    class Meta:
        model = TaskUpdate
        fields = []
