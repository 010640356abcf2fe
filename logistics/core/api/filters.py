"""Filters every list endpoint shares: a stable ordering, and an id or a code in one
parameter."""

import django_filters
from django_filters.constants import EMPTY_VALUES
from rest_framework.filters import OrderingFilter

from logistics.core.ids import as_id


class StableOrderingFilter(OrderingFilter):
    """Any ordering the client asks for, then the primary key: pages never overlap when many
    rows share a status or a progress."""

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not {"pk", "-pk", "id", "-id"} & set(ordering):
            ordering.append("pk")
        return ordering


class IdOrCodeFilter(django_filters.CharFilter):
    """`?committee=12` or `?committee=SEC`: a number is an id, anything else a code. Codes are
    unique within an event, so combine a code with `event` when there are several."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        value = value.strip()
        pk = as_id(value)
        if pk is not None:
            return qs.filter(**{self.field_name: pk})
        return qs.filter(**{f"{self.field_name}__code": value})
