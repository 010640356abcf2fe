"""The signing API's list queryset, across events."""

from logistics.signing.models import Signing


def signings():
    return Signing.objects.select_related("event", "delegation__country")
