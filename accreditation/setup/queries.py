"""What the set-up page reads: categories, zones, outlets and organisation quotas, each with
the applications that count against its quota."""

from collections import Counter, defaultdict

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from accreditation.applications.models.applications import Application
from accreditation.enums import LIVE_STATUSES, ApplicationStatus
from accreditation.setup.models import AccreditationCategory, MediaOutlet, OrganisationQuota, Zone

# Live and not yet decided: what may still count against a quota.
PENDING = tuple(status for status in LIVE_STATUSES if status != ApplicationStatus.APPROVED)


def with_decision_counts(objects, field):
    """`approved` (what counts against a quota) and `pending` set on each of `objects`
    (categories by "category_id", outlets by "outlet_id"): one grouped count of just their
    applications. Annotating the objects instead joined every application of the event,
    and at a hundred thousand applications that was most of the set-up page."""
    objects = list(objects)
    counts = defaultdict(Counter)
    rows = (Application.objects
            .filter(**{f"{field}__in": [obj.pk for obj in objects]},
                    status__in=[ApplicationStatus.APPROVED, *PENDING])
            .order_by().values_list(field, "status").annotate(n=Count("*")))
    for pk, status, n in rows:
        counts[pk][status] = n
    for obj in objects:
        obj.approved = counts[obj.pk][ApplicationStatus.APPROVED]
        obj.pending = sum(counts[obj.pk][status] for status in PENDING)
    return objects


def categories(event):
    """Categories with `approved` and `pending` counts (a list)."""
    return with_decision_counts(
        AccreditationCategory.objects.filter(event=event)
        .prefetch_related(Prefetch("zones", queryset=Zone.objects.order_by("code")))
        .order_by("code"), "category_id")


def zones(event):
    return (Zone.objects.filter(event=event)
            .annotate(checkpoint_count=Count("checkpoints", distinct=True),
                      category_count=Count("categories", distinct=True))
            .order_by("code"))


def outlets(event, text=""):
    """Outlets by name, found by name or country; with_decision_counts() gives a page of
    them its counts."""
    queryset = (MediaOutlet.objects.filter(event=event).select_related("country")
                .order_by("name", "pk"))
    text = " ".join((text or "").split())
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(country__name__icontains=text)
                                   | Q(country__code__iexact=text))
    return queryset


def organisation_quotas(event):
    """Organisation quotas with `approved`: the approved applications of the category whose
    organisation has that name (any case)."""
    approved = (Application.objects
                .filter(category_id=OuterRef("category_id"), status=ApplicationStatus.APPROVED,
                        organisation__iexact=OuterRef("organisation"))
                .order_by().values("category_id").annotate(n=Count("pk")).values("n"))
    return (OrganisationQuota.objects.filter(category__event=event).select_related("category")
            .annotate(approved=Coalesce(Subquery(approved, output_field=IntegerField()),
                                        Value(0)))
            .order_by("category__code", "organisation"))
