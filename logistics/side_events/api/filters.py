"""Query parameters of the side-event proposal list endpoint."""

import django_filters
from django.utils.translation import gettext_lazy as _

from logistics.delegations.api.filters import event_filter
from logistics.side_events.enums import ProposalStatus, SideEventFormat
from logistics.side_events.models import SideEventProposal


class ProposalFilter(django_filters.FilterSet):
    event = event_filter()
    status = django_filters.MultipleChoiceFilter(
        choices=ProposalStatus.choices, label=_("Status; repeat the parameter for several"))
    format = django_filters.MultipleChoiceFilter(
        choices=SideEventFormat.choices, label=_("Format; repeat the parameter for several"))

    class Meta:
        model = SideEventProposal
        fields = []
