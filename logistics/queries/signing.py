"""Reads of the signing ceremony: the run of show and the count of signatories."""

from django.db.models import F

from logistics.enums import SIGNATURE_THRESHOLD, SigningPlace
from logistics.models.signing import Signing


def signatory_count(event):
    """How many states have signed so far, wherever they signed."""
    return Signing.objects.filter(event=event, signed_at__isnull=False).count()


def signatory_progress(event):
    """The count beside the threshold, for the ceremony screen and the dashboard."""
    signed = signatory_count(event)
    return {"signed": signed, "threshold": SIGNATURE_THRESHOLD,
            "reached": signed >= SIGNATURE_THRESHOLD}


def run_of_show(event):
    """The plenary signings in their order (unordered ones last, by name)."""
    return (Signing.objects.filter(event=event, where=SigningPlace.PLENARY)
            .select_related("delegation", "delegation__country")
            .order_by(F("order").asc(nulls_last=True), "delegation__name", "pk"))
