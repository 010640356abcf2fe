"""The side-event proposals API's list queryset, across events."""

from logistics.side_events.models import SideEventProposal


def proposals():
    # The reviews stay out: they are never shown outside the review pages.
    return SideEventProposal.objects.select_related("event") \
        .defer("confirm_token")
