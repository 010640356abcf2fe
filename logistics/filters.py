"""The filters of the staff lists (tasks, delegations, the outbox); the API's filter sets
build on the same ones."""

import django_filters
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from logistics.enums import (
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    MailKind,
    MailStatus,
    RegionalGroup,
    TaskStatus,
)
from logistics.ids import ModelChoiceFilter
from logistics.models import Agency, Committee, Delegation, OutgoingMail, Task
from logistics.queries import overdue_q

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


# Delegations

# Names sort without regard to case ("African Union" before "ASEAN"), on every database.
_NAME = Lower("name")
DELEGATION_SORTS = {
    "name": (_NAME, "pk"), "-name": (_NAME.desc(), "-pk"),
    "kind": ("kind", _NAME), "-kind": ("-kind", _NAME),
    "level": ("level_rank", _NAME), "-level": ("-level_rank", _NAME),
    "status": ("status", _NAME), "-status": ("-status", _NAME),
    "members": ("member_count", _NAME), "-members": ("-member_count", _NAME),
}


class DelegationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DelegationKind.choices)
    regional_group = django_filters.ChoiceFilter(label=_("Regional group"),
                                                 field_name="country__regional_group",
                                                 choices=RegionalGroup.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), field_name="head_level",
                                        choices=DelegationLevel.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DelegationStatus.choices)
    intends_to_sign = django_filters.BooleanFilter(label=_("Intends to sign"))

    class Meta:
        model = Delegation
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(country__name__icontains=value)
                               | Q(head_name__icontains=value))


# The outbox

class OutboxFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MailStatus.choices,
                                         empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MailKind.choices,
                                       empty_label=_("All"))

    class Meta:
        model = OutgoingMail
        fields = []
