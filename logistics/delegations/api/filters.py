"""Query parameters of the delegation, member and signing list endpoints."""

import django_filters
from django.utils.translation import gettext_lazy as _

from logistics.core.ids import IdFilter, ModelChoiceFilter
from logistics.core.models.event import Event
from logistics.delegations.enums import (
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    RegionalGroup,
)
from logistics.delegations.models import Delegation, DelegationMember


def event_filter(field_name="event"):
    return ModelChoiceFilter(field_name=field_name, queryset=Event.objects.all(),
                                            label=_("Event id"))


def country_filter(field_name):
    return django_filters.CharFilter(field_name=f"{field_name}__code", lookup_expr="iexact",
                                     label=_("ISO 3166-1 alpha-2 code, e.g. VN"))


class DelegationFilter(django_filters.FilterSet):
    event = event_filter()
    kind = django_filters.MultipleChoiceFilter(
        choices=DelegationKind.choices, label=_("Kind; repeat the parameter for several"))
    country = country_filter("country")
    regional_group = django_filters.ChoiceFilter(field_name="country__regional_group",
                                                 choices=RegionalGroup.choices,
                                                 label=_("The country's UN regional group"))
    status = django_filters.MultipleChoiceFilter(
        choices=DelegationStatus.choices, label=_("Status; repeat the parameter for several"))
    head_level = django_filters.MultipleChoiceFilter(
        choices=DelegationLevel.choices,
        label=_("Level of the head of delegation; repeat the parameter for several"))
    intends_to_sign = django_filters.BooleanFilter(label=_("Whether the state intends to "
                                                           "sign the treaty"))

    class Meta:
        model = Delegation
        fields = []


class MemberFilter(django_filters.FilterSet):
    event = event_filter("delegation__event")
    delegation = IdFilter(field_name="delegation", label=_("Delegation id"))
    is_head = django_filters.BooleanFilter(label=_("Heads of delegation only (true) or the "
                                                   "others (false)"))
    nationality = country_filter("nationality")

    class Meta:
        model = DelegationMember
        fields = []


