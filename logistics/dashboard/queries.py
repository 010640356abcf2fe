"""The dashboard's figures on delegations, the signing ceremony, side events and today's
arrivals: aggregates, one query each whatever the number of rows."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Min, Q

from logistics.delegations.enums import (
    FULL_POWERS_EXEMPT_LEVELS,
    STATE_KINDS,
    DelegationStatus,
    RegionalGroup,
)
from logistics.delegations.models import Delegation, DelegationMember
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal
from logistics.signing.enums import SigningPlace
from logistics.signing.models import Signing
from logistics.signing.queries import signatory_progress

ARRIVAL_ROWS = 8


def delegations_by_status(event):
    """[(status, label, count)] for every status, in the order of the pipeline, and the
    total."""
    counts = Delegation.objects.filter(event=event).aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in DelegationStatus.values})
    return {"total": counts.pop("total"),
            "rows": [(status, DelegationStatus(status).label, counts[status])
                     for status in DelegationStatus.values]}


def delegations_by_group(event):
    """States attending (not declined) by UN regional group, and the other delegations."""
    counts = (Delegation.objects.filter(event=event)
              .exclude(status=DelegationStatus.DECLINED)
              .aggregate(
                  organisations=Count("pk", filter=~Q(kind__in=STATE_KINDS)),
                  states=Count("pk", filter=Q(kind__in=STATE_KINDS)),
                  **{group: Count("pk", filter=Q(kind__in=STATE_KINDS,
                                                 country__regional_group=group))
                     for group in RegionalGroup.values}))
    return {"states": counts["states"], "organisations": counts["organisations"],
            "rows": [(group, RegionalGroup(group).label, counts[group])
                     for group in RegionalGroup.values]}


def signing_summary(event):
    """Expected signatories (signing appointments of states that intend to sign), where
    they sign, how many still lack verified full powers, and the count signed so far
    against the threshold."""
    needs_powers = ~Q(signatory_level__in=FULL_POWERS_EXEMPT_LEVELS)
    counts = Signing.objects.filter(event=event, delegation__intends_to_sign=True).aggregate(
        expected=Count("pk"),
        plenary=Count("pk", filter=Q(where=SigningPlace.PLENARY)),
        treaty_desk=Count("pk", filter=Q(where=SigningPlace.TREATY_DESK)),
        powers_pending=Count("pk", filter=needs_powers & Q(full_powers_verified_at__isnull=True)),
    )
    progress = signatory_progress(event)
    counts.update(progress)
    counts["signed_percent"] = progress["percent"]
    counts["expected_percent"] = min(100, round(100 * counts["expected"] / progress["threshold"]))
    return counts


def proposals_by_status(event):
    counts = SideEventProposal.objects.filter(event=event).aggregate(
        total=Count("pk"),
        scheduled=Count("pk", filter=Q(status=ProposalStatus.ACCEPTED, session__isnull=False)),
        confirmed=Count("pk", filter=Q(status=ProposalStatus.ACCEPTED,
                                       confirmed_at__isnull=False)),
        **{status: Count("pk", filter=Q(status=status)) for status in ProposalStatus.values})
    return {"total": counts["total"], "scheduled": counts["scheduled"],
            "confirmed": counts["confirmed"],
            "rows": [(status, ProposalStatus(status).label, counts[status])
                     for status in ProposalStatus.values]}


def arrivals_today(event, day, *, rows=ARRIVAL_ROWS):
    """Members landing on `day` (a date at the venue) in delegations still coming: how
    many, from how many delegations, and the first delegations to land with their count
    and first landing time."""
    starts = datetime.combine(day, time.min, tzinfo=event.tz)
    arriving = (DelegationMember.objects
                .filter(delegation__event=event, arrival_at__gte=starts,
                        arrival_at__lt=starts + timedelta(days=1))
                .exclude(delegation__status=DelegationStatus.DECLINED))
    totals = arriving.aggregate(members=Count("pk"),
                                delegations=Count("delegation", distinct=True))
    first = (arriving.values("delegation_id", "delegation__name")
             .annotate(members=Count("pk"), first=Min("arrival_at"))
             .order_by("first", "delegation__name")[:rows])
    return {**totals, "rows": [
        {"name": row["delegation__name"], "members": row["members"],
         "first": row["first"]} for row in first]}
