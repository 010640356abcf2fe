"""Reads of badges and badge batches that the pages, the PDFs and the API share."""

from django.db.models import Q

from accreditation.applications.models.applications import Application
from accreditation.badges.models import Badge, BadgeBatch

# What a badge's page and its PDF print: the holder, the category, the event, and where the
# holder comes from when the application names no organisation.
PRINTED = ("application", "application__outlet", "application__delegation", "category",
           "event")


def badges(event):
    """The event's badges with what the list shows, newest first."""
    return (Badge.objects.filter(event=event)
            .select_related("application", "category", "collected_by")
            .order_by("-issued_at", "-id"))


def badges_for_print(event):
    """Badges with all that their PDF page prints, in one query."""
    return Badge.objects.filter(event=event).select_related(*PRINTED)


def badge_detail(event):
    return (Badge.objects.filter(event=event)
            .select_related(*PRINTED, "application__nationality", "collected_by",
                            "printed_by", "replaces", "replaced_by"))


def search(queryset, text):
    """Badges whose holder's name or badge number contains each word of `text`, or whose
    application has that reference."""
    for word in (text or "").split()[:6]:
        queryset = queryset.filter(
            Q(number__icontains=word) | Q(application__reference__iexact=word)
            | Q(application__family_name__icontains=word)
            | Q(application__given_names__icontains=word))
    return queryset


def badge_history(badge):
    """Every badge of the same application, oldest first: issued, replaced, lost, revoked."""
    return (Badge.objects.filter(application_id=badge.application_id)
            .select_related("collected_by").order_by("issued_at", "id"))


def batches(event):
    return (BadgeBatch.objects.filter(event=event).select_related("requested_by", "printed_by")
            .order_by("-created_at", "-id"))


def batch_badges(batch):
    """A batch's badges in print order: by category, then number."""
    return (batch.badges.select_related(*PRINTED)
            .order_by("category__code", "sequence", "id"))


# The collection desk.

def holders(event):
    """The event's applications as the collection desk shows them."""
    return (Application.objects.filter(event=event)
            .select_related("category", "nationality", "outlet", "delegation"))


def holders_search(event, text):
    """Applications whose person's name contains each word of `text`, or with that
    reference, or holding a badge whose number contains it."""
    queryset = holders(event)
    words = (text or "").split()[:6]
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(
            Q(reference__iexact=word) | Q(family_name__icontains=word)
            | Q(given_names__icontains=word) | Q(badges__number__icontains=word))
    return queryset.distinct().order_by("family_name", "given_names", "id")


def holder_badges(application):
    """The application's badges, newest first (a handful at most)."""
    return list(application.badges.select_related("collected_by", "printed_by")
                .order_by("-issued_at", "-id"))
