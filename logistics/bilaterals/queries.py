"""Reads of bilateral meetings: the list the protocol office works from, with both sides,
the room and the time in one query."""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.models import BilateralMeeting
from logistics.delegations.models import DelegationMember
from logistics.delegations.queries.delegations import event_delegations
from logistics.programme.models import HostLeader, Room

RELATED = ["requester", "requester__country", "counterpart", "counterpart__country",
           "host_leader", "session", "session__room"]

# A room this size or smaller suits a bilateral: offered first in the room select.
BILATERAL_ROOM_SEATS = 40


def bilaterals(event):
    """Scheduled and held meetings by their time, then the requests by the date they came
    in, then the declined ones."""
    rank = Case(When(status__in=[BilateralStatus.SCHEDULED, BilateralStatus.HELD], then=0),
                When(status=BilateralStatus.REQUESTED, then=1),
                default=Value(2), output_field=IntegerField())
    return (BilateralMeeting.objects.filter(event=event).select_related(*RELATED)
            .order_by(rank, F("session__starts_at").asc(nulls_last=True), "requested_at",
                      "pk"))


def requests_of(delegation):
    """The meetings a delegation asked for or was asked to, as its focal point sees them."""
    return (BilateralMeeting.objects
            .filter(Q(requester=delegation) | Q(counterpart=delegation))
            .select_related(*RELATED).order_by(F("session__starts_at").asc(nulls_last=True),
                                               "requested_at", "pk"))


def bilateral_detail_qs(event):
    return bilaterals(event).select_related("session__room__venue")


def event_rooms(event):
    """The rooms a bilateral can be booked into: those that suit a meeting of two
    delegations (up to BILATERAL_ROOM_SEATS seats) first, smallest first, then the bigger
    halls, also smallest first."""
    suits = Case(When(capacity__lte=BILATERAL_ROOM_SEATS, then=0), default=Value(1),
                 output_field=IntegerField())
    return (Room.objects.filter(venue__event=event).select_related("venue")
            .order_by(suits, "capacity", "name", "venue__name", "pk"))


def delegation_choices(event):
    """(pk, name) of every delegation, for a select: a COP-sized event has twelve thousand,
    and whole rows with their country took most of a second to read."""
    return event_delegations(event).values_list("pk", "name")


def host_leaders(event):
    return HostLeader.objects.filter(event=event).order_by("pk")


def presence_warnings(bilateral, *, tz):
    """Sentences for each head of delegation of a scheduled bilateral who, by the arrival
    and departure their delegation registered, is not yet in the country or already gone
    at the time of the meeting. One query; nothing when no such data is known."""
    session = bilateral.session
    if session is None or bilateral.status != BilateralStatus.SCHEDULED:
        return []
    sides = [d for d in (bilateral.requester, bilateral.counterpart) if d is not None]
    heads = (DelegationMember.objects
             .filter(delegation__in=sides, is_head=True)
             .only("delegation_id", "arrival_at", "departure_at"))
    names = {d.pk: d.name for d in sides}
    warnings = []
    for head in sorted(heads, key=lambda h: names[h.delegation_id]):
        delegation = names[head.delegation_id]
        if head.arrival_at is not None and head.arrival_at > session.starts_at:
            warnings.append(_("The head of delegation of %(delegation)s arrives only on "
                              "%(when)s, after the meeting starts.") % {
                "delegation": delegation,
                "when": date_format(head.arrival_at.astimezone(tz), "j F, H:i")})
        if head.departure_at is not None and head.departure_at < session.ends_at:
            warnings.append(_("The head of delegation of %(delegation)s leaves on %(when)s, "
                              "before the meeting ends.") % {
                "delegation": delegation,
                "when": date_format(head.departure_at.astimezone(tz), "j F, H:i")})
    return warnings
