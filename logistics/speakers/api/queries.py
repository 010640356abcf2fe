"""The speakers list API's list queryset, across events."""

from logistics.speakers.models import SpeakerSlot


def speakers():
    return SpeakerSlot.objects.select_related("session__event", "delegation")
