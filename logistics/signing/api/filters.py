"""Query parameters of the signing list endpoint."""

import django_filters
from django.utils.translation import gettext_lazy as _

from logistics.core.ids import IdFilter
from logistics.delegations.api.filters import event_filter
from logistics.signing.enums import SigningPlace
from logistics.signing.models import Signing


class SigningFilter(django_filters.FilterSet):
    event = event_filter()
    where = django_filters.ChoiceFilter(choices=SigningPlace.choices)
    signed = django_filters.BooleanFilter(field_name="signed_at", lookup_expr="isnull",
                                          exclude=True, label=_("Has signed (true) or not yet "
                                                                "(false)"))
    delegation = IdFilter(field_name="delegation", label=_("Delegation id"))

    class Meta:
        model = Signing
        fields = []
