"""Query parameters of the plan's list endpoints."""

import django_filters
from django.utils.translation import gettext_lazy as _

from logistics.core.api.filters import IdOrCodeFilter
from logistics.core.enums import AgencyKind, CommitteeKind
from logistics.core.ids import IdFilter, ModelChoiceFilter
from logistics.core.models.event import Agency, Committee, Event
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate


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
