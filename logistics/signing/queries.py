"""Reads of the signing ceremony: the run of show and the count of signatories."""

from django.db.models import F

from logistics.delegations.enums import STATE_KINDS
from logistics.delegations.models import Delegation
from logistics.signing.enums import SigningPlace
from logistics.signing.models import Signing


def signatory_count(event):
    """How many states have signed so far, wherever they signed."""
    return Signing.objects.filter(event=event, signed_at__isnull=False).count()


def signatory_progress(event, signed=None):
    """The count of signatories beside the event's threshold (Event.signing_threshold), for
    the signing board, the dashboard and the API; `signed` if the caller has counted."""
    signed = signatory_count(event) if signed is None else signed
    threshold = event.signing_threshold
    return {"signed": signed, "threshold": threshold, "reached": signed >= threshold,
            "missing": max(0, threshold - signed),
            "percent": min(100, round(100 * signed / threshold))}


def run_of_show(event):
    """The plenary signings in their order (unordered ones last, by name)."""
    return (Signing.objects.filter(event=event, where=SigningPlace.PLENARY)
            .select_related("delegation", "delegation__country")
            .order_by(F("order").asc(nulls_last=True), "delegation__name", "pk"))


def treaty_desk_run(event):
    """The treaty-desk signings by time (unscheduled ones last, by name)."""
    return (Signing.objects.filter(event=event, where=SigningPlace.TREATY_DESK)
            .select_related("delegation", "delegation__country")
            .order_by(F("scheduled_at").asc(nulls_last=True), "delegation__name", "pk"))


def signings_board(event):
    """Every signing of the event for the ceremony page: the plenary in its order (unordered
    ones after), then the treaty desk by time."""
    return (Signing.objects.filter(event=event)
            .select_related("delegation", "delegation__country", "full_powers_verified_by")
            .order_by("where", F("order").asc(nulls_last=True),
                      F("scheduled_at").asc(nulls_last=True), "delegation__name", "pk"))


def signable_delegations(event):
    """The event's states and observer states that have no signing yet."""
    return (Delegation.objects.filter(event=event, kind__in=STATE_KINDS)
            .exclude(signings__event=event)
            .select_related("country")
            .order_by("name"))
