"""Forms of bilateral meetings: the protocol office's request and scheduling forms, the
list's filter, and the request a delegation makes through its registration link."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from logistics.bilaterals import queries as bilateral_queries
from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.models import BilateralMeeting
from logistics.core.forms import DelegationChoiceField, LocalDateTimeField, ProtocolForm
from logistics.core.ids import ModelChoiceField, ModelChoiceFilter
from logistics.core.widgets import QuickSelect
from logistics.delegations.models import Delegation


class MeetingWanted(ProtocolForm):
    """Whom a delegation asks to meet (a delegation or a host leader), about what and for
    how long: asked by protocol for a delegation, or by the delegation itself."""

    counterpart = DelegationChoiceField(label=_("With delegation"), queryset=None,
                                        required=False, empty_label="—")
    host_leader = ModelChoiceField(label=_("Or with host leader"), queryset=None,
                                         required=False, empty_label="—")
    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5,
                                          max_value=240, initial=30)


class BilateralRequestForm(MeetingWanted):
    requester = DelegationChoiceField(label=_("Requested by"), queryset=None,
                                      empty_label=_("Choose a delegation"))
    field_order = ["requester"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        delegations = bilateral_queries.event_delegations(event)
        self.fields["requester"].queryset = delegations
        self.fields["counterpart"].queryset = delegations
        self.fields["host_leader"].queryset = bilateral_queries.host_leaders(event)


class BilateralScheduleForm(ProtocolForm):
    room = ModelChoiceField(label=_("Room"), queryset=None, widget=QuickSelect,
                                  empty_label=_("Choose a room"))
    starts_at = LocalDateTimeField(label=_("Start"))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = bilateral_queries.event_rooms(event)
        self.fields["room"].label_from_instance = lambda room: _(
            "%(room)s · %(seats)s seats (%(venue)s)") % {
            "room": room.name, "seats": room.capacity, "venue": room.venue.name}
        self.fields["room"].help_text = _(
            "Rooms for up to %(seats)s people first, smallest first.") % {
            "seats": bilateral_queries.BILATERAL_ROOM_SEATS}
        starts_at = self.fields["starts_at"]
        starts_at.tz = event.tz
        # The date picker offers the event's days only (the service refuses any other).
        starts_at.widget.attrs.update({"min": f"{event.start_date.isoformat()}T00:00",
                                       "max": f"{event.end_date.isoformat()}T23:59"})


class BilateralFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BilateralStatus.choices,
                                         empty_label=_("All"))
    delegation = ModelChoiceFilter(label=_("Delegation"),
                                                  queryset=Delegation.objects.none(),
                                                  method="with_delegation",
                                                  empty_label=_("All"),
                                                  widget=QuickSelect(attrs=QuickSelect.SMALL))

    class Meta:
        model = BilateralMeeting
        fields = []

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["delegation"].queryset = bilateral_queries.event_delegations(event)

    def with_delegation(self, queryset, name, value):
        return queryset.filter(Q(requester=value) | Q(counterpart=value))


class DelegationBilateralRequestForm(MeetingWanted):
    """A delegation's own request, through its registration link: whom it asks to meet."""

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counterpart"].queryset = (
            bilateral_queries.event_delegations(delegation.event).exclude(pk=delegation.pk))
        self.fields["host_leader"].queryset = bilateral_queries.host_leaders(delegation.event)
