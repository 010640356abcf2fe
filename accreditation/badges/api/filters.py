"""Query parameters of the badges list endpoint."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accreditation.applications.api.filters import changed_since_filter, event_filter
from accreditation.badges.models import Badge
from accreditation.enums import BadgeStatus
from logistics.core.api.filters import IdOrCodeFilter


class BadgeFilter(django_filters.FilterSet):
    event = event_filter()
    status = django_filters.MultipleChoiceFilter(
        choices=BadgeStatus.choices, label=_("Status; repeat the parameter for several"))
    category = IdOrCodeFilter(field_name="category",
                              label=_("Category letter code (e.g. P) or id"))
    application = django_filters.CharFilter(field_name="application__reference",
                                            label=_("Application reference, e.g. A-7K3M9QXP"))
    changed_since = changed_since_filter()

    class Meta:
        model = Badge
        fields = []
