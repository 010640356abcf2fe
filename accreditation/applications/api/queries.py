"""The applications API's list querysets, across events: each joins what its serializer
shows (the badge's status too), so a page costs the same queries for one row as for five
hundred. The ID document number is never loaded."""

from django.db.models import F, OuterRef, Subquery

from accreditation.applications.models.applications import Application
from accreditation.badges.models import Badge
from accreditation.enums import BadgeStatus


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
