"""The programme API's list querysets (rooms, sessions), across events, with what their
serializers show joined."""

from django.db.models import Prefetch

from logistics.delegations.models import Delegation
from logistics.programme.enums import SessionKind
from logistics.programme.models import Room, Session


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
