"""Reads of bilateral meetings: the list the protocol office works from, with both sides,
the room and the time in one query."""

from logistics.models import BilateralMeeting, Delegation, HostLeader, Room

RELATED = ["requester", "requester__country", "counterpart", "counterpart__country",
           "host_leader", "session", "session__room"]


def bilaterals(event):
    return (BilateralMeeting.objects.filter(event=event).select_related(*RELATED)
            .order_by("-requested_at", "-pk"))


def bilateral_detail_qs(event):
    return bilaterals(event).select_related("session__room__venue")


def event_rooms(event):
    """The rooms a bilateral can be booked into, by venue."""
    return Room.objects.filter(venue__event=event).select_related("venue").order_by(
        "venue__name", "name")


def event_delegations(event):
    return Delegation.objects.filter(event=event).select_related("country").order_by("name")


def host_leaders(event):
    return HostLeader.objects.filter(event=event).order_by("pk")
