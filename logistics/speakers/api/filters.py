"""Query parameters of the speakers list endpoint."""

import django_filters
from django.utils.translation import gettext_lazy as _

from logistics.core.ids import IdFilter
from logistics.delegations.api.filters import event_filter
from logistics.speakers.models import SpeakerSlot


class SpeakerFilter(django_filters.FilterSet):
    event = event_filter("session__event")
    session = IdFilter(field_name="session", label=_("Session id"))
    delegation = IdFilter(field_name="delegation", label=_("Delegation id"))

    class Meta:
        model = SpeakerSlot
        fields = ["status"]
