"""Query parameters of the applications and badges lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accreditation.api.permissions import sees_held_applications
from accreditation.applications.models.applications import Application
from accreditation.enums import ApplicationSource, ApplicationStatus, VettingStatus
from logistics.core.api.filters import IdOrCodeFilter
from logistics.core.ids import IdFilter, ModelChoiceFilter
from logistics.core.models.event import Event

CHANGED_SINCE_HELP = _(
    "Incremental sync: rows changed at or after this time (ISO 8601 with its offset, e.g. "
    "2026-05-01T08:00:00Z), oldest change first, paged with an opaque cursor (follow `next`; "
    "keep `resume` for the next sync). Changes of the last few seconds are held back until "
    "they have settled.")


def event_filter():
    return ModelChoiceFilter(queryset=Event.objects.all(), label=_("Event id"))


def changed_since_filter():
    return django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte",
                                            label=CHANGED_SINCE_HELP)


class ApplicationFilter(django_filters.FilterSet):
    event = event_filter()
    status = django_filters.MultipleChoiceFilter(
        choices=ApplicationStatus.choices, method="filter_status",
        label=_("Status; repeat the parameter for several"))
    category = IdOrCodeFilter(field_name="category",
                              label=_("Category letter code (e.g. P) or id"))
    vetting = django_filters.MultipleChoiceFilter(
        choices=VettingStatus.choices, label=_("Security vetting; repeat for several"))
    outlet = IdFilter(field_name="outlet", label=_("Media outlet id"))
    delegation = IdFilter(field_name="delegation", label=_("Delegation id"))
    source = django_filters.ChoiceFilter(choices=ApplicationSource.choices,
                                         label=_("Where the application came from"))
    changed_since = changed_since_filter()

    class Meta:
        model = Application
        fields = []

    def filter_status(self, queryset, name, value):
        """A caller that reads a possible duplicate as submitted finds it by that status, and
        by no other: the filter must not tell it apart either."""
        wanted = set(value)
        if self.request is not None and not sees_held_applications(self.request):
            wanted.discard(ApplicationStatus.POSSIBLE_DUPLICATE)
            if ApplicationStatus.SUBMITTED in wanted:
                wanted.add(ApplicationStatus.POSSIBLE_DUPLICATE)
        return queryset.filter(status__in=wanted)


