"""What the integration API reads: applications, badges and webhook deliveries, each joined
with what its serializer shows, so a page costs the same number of queries for one row as for
five hundred. The ID document number is never loaded (only vetting officers read it, and
never through the API), nor the applicant's secret link."""

from django.db.models import F, OuterRef, Subquery

from accreditation.enums import BadgeStatus
from accreditation.models.applications import Application
from accreditation.models.badges import Badge
from accreditation.models.webhooks import Delivery, Webhook


def applications():
    active = Badge.objects.filter(application=OuterRef("pk"), status=BadgeStatus.ACTIVE)
    return (Application.objects
            .select_related("event", "category", "nationality", "outlet",
                            "proposed_outlet_country")
            .defer("id_document_number", "token", "vetting_note")
            .annotate(badge_id=Subquery(active.values("pk")[:1]),
                      badge_number=Subquery(active.values("number")[:1]),
                      duplicate_of_reference=F("duplicate_of__reference")))


def application_by_reference(reference):
    return applications().filter(reference=reference)


def badges():
    return (Badge.objects.select_related("event", "category", "application")
            .defer("nonce", "application__id_document_number", "application__token",
                   "application__vetting_note", "application__information_requested",
                   "application__equipment"))


def webhooks_of(api_key):
    return Webhook.objects.filter(api_key=api_key)


def deliveries_of(webhook):
    return Delivery.objects.filter(webhook=webhook)
