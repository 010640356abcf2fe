"""The filters of the protocol office's list of delegations."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from logistics.delegations.enums import (
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    RegionalGroup,
)
from logistics.delegations.models import Delegation


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
