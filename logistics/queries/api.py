"""The API's list querysets, across events (the `event` filter narrows them): each joins or
prefetches what its serializer shows, so a page costs the same number of queries for one row
as for five hundred. The event comes along everywhere: times are given in its time zone."""

from django.db.models import Prefetch

from logistics.enums import SessionKind
from logistics.models import (
    Delegation,
    DelegationMember,
    Room,
    Session,
    SideEventProposal,
    Signing,
    SpeakerSlot,
)

from .delegations import level_rank, member_count


def delegations():
    return (Delegation.objects.select_related("event", "country", "liaison_officer")
            .annotate(member_count=member_count(), level_rank=level_rank()))


def members():
    # Never loads the ID document number: it is for the vetting officers alone.
    return (DelegationMember.objects.select_related("delegation__event", "nationality")
            .defer("id_document_number", "id_document_expiry"))


def signings():
    return Signing.objects.select_related("event", "delegation__country")


def rooms():
    return Room.objects.select_related("venue")


def sessions(*, with_bilaterals=True):
    """With the event (whose time zone the times are given in), room, venue and host leader,
    and the ids of the delegations taking part. Bilaterals only `with_bilaterals` (for those
    who see the delegations)."""
    sessions = (Session.objects.select_related("event", "room__venue", "host_leader")
                .prefetch_related(Prefetch("delegations",
                                           queryset=Delegation.objects.only("pk"))))
    if not with_bilaterals:
        sessions = sessions.exclude(kind=SessionKind.BILATERAL)
    return sessions


def speakers():
    return SpeakerSlot.objects.select_related("session__event", "delegation")


def proposals():
    # The reviews stay out: they are never shown outside the review pages.
    return SideEventProposal.objects.select_related("event") \
        .defer("confirm_token")
