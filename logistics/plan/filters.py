"""The filters and sorts of the staff list of tasks."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from logistics.core.ids import ModelChoiceFilter
from logistics.core.models.event import Agency, Committee
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task
from logistics.plan.queries.master_plan import overdue_q

SORTS = {
    "due": ("due_date", "code"), "-due": ("-due_date", "code"),
    "code": ("code",), "-code": ("-code",),
    "progress": ("progress", "due_date"), "-progress": ("-progress", "due_date"),
    "status": ("status", "due_date"), "lead": ("lead_agency__code", "due_date"),
}


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    committee = ModelChoiceFilter(label=_("Committee"),
                                                 queryset=Committee.objects.none())
    lead_agency = ModelChoiceFilter(label=_("Lead agency"),
                                                   queryset=Agency.objects.none())
    coordinating_agency = ModelChoiceFilter(
        label=_("Coordinating agency"), field_name="coordinating_agencies",
        queryset=Agency.objects.none())
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=TaskStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    due_after = django_filters.DateFilter(label=_("Due from"), field_name="due_date",
                                          lookup_expr="gte")
    due_before = django_filters.DateFilter(label=_("Due until"), field_name="due_date",
                                           lookup_expr="lte")
    top_level = django_filters.BooleanFilter(label=_("Main tasks only"), field_name="parent",
                                             lookup_expr="isnull")

    class Meta:
        model = Task
        fields = []

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.filters["committee"].queryset = Committee.objects.filter(event=event)
        agencies = Agency.objects.filter(event=event).order_by("code")
        self.filters["lead_agency"].queryset = agencies
        self.filters["coordinating_agency"].queryset = agencies

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value)
                               | Q(description__icontains=value))

    def filter_overdue(self, queryset, name, value):
        late = overdue_q(self.event.today())
        return queryset.filter(late) if value else queryset.exclude(late)
