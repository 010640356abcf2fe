"""Reads of the public applicant pages: which event takes media applications, in which
categories, and what an applicant may see of their own application."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.duplicates import reason_as_sent
from accreditation.enums import (
    MEDIA_KINDS,
    ApplicationStatus,
    CategoryKind,
    MediaRole,
    status_as_sent,
)
from accreditation.setup.models import AccreditationCategory, MediaOutlet
from logistics.core.crypto import secret_match
from logistics.core.queries import event as event_queries


def media_event():
    """The event the public form is for: the one the committee is working on (as for the
    side-event proposals), or None."""
    return event_queries.current_event()


def media_categories(event):
    """{CategoryKind: category} for the event's media and media technician categories."""
    rows = AccreditationCategory.objects.filter(
        event=event, kind__in=MEDIA_KINDS)
    return {row.kind: row for row in rows}


def applications_open(event, categories):
    """The form takes applications while the event has a media category and has not ended
    (the event's own calendar)."""
    return CategoryKind.MEDIA in categories and event.today() <= event.end_date


def category_for_role(categories, role):
    """Technicians go to the media technician category (when the event has one); every other
    media role to the media category."""
    if role == MediaRole.TECHNICIAN and CategoryKind.MEDIA_TECHNICIAN in categories:
        return categories[CategoryKind.MEDIA_TECHNICIAN]
    return categories.get(CategoryKind.MEDIA)


def outlets(event):
    return MediaOutlet.objects.filter(event=event).select_related("country").order_by("name")


def normalise_reference(value):
    """"a-7k2m 9pqr", "7K2M9PQR" and "A-7K2M9PQR" are the same reference."""
    cleaned = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if cleaned.startswith("A") and len(cleaned) == 9:
        cleaned = cleaned[1:]
    return f"A-{cleaned}" if cleaned else ""


def application_for_status(reference, email):
    """The application with this reference and e-mail, or None: one query whatever is wrong,
    so a wrong reference and a wrong address look the same from outside. Its moves come
    with it, newest first, as `history`."""
    reference = normalise_reference(reference)
    email = (email or "").strip()
    if not reference or not email:
        return None
    newest_first = Transition.objects.order_by("-at", "-id")
    return (Application.objects.select_related("event", "category")
            .prefetch_related(Prefetch("transitions", queryset=newest_first,
                                       to_attr="history"))
            .filter(reference=reference, email__iexact=email).first())


def status_seen(application):
    """(status, its label) as the applicant sees them: a possible duplicate is submitted."""
    status = ApplicationStatus(status_as_sent(application.status))
    return status.value, status.label


@dataclass(frozen=True)
class MoveSeen:
    """A status change as the sender of the application sees it."""

    from_status: str
    to_status: str
    at: datetime
    reason: str


def moves_seen(application):
    """The application's status changes as its sender sees them, oldest first: a hold and a
    release (moves between two statuses it reads alike) left out, the other moves with
    statuses and reasons as sent (services.duplicates.reason_as_sent)."""
    moves = []
    for transition in sorted(application.transitions.all(), key=lambda t: (t.at, t.pk)):
        before, after = status_as_sent(transition.from_status), status_as_sent(
            transition.to_status)
        if before != after:
            moves.append(MoveSeen(before, after, transition.at, reason_as_sent(transition)))
    return moves


def last_change(application):
    """When the status the applicant sees last moved (moves they cannot see, a hold or a
    release, leave it where it was); the creation time without a move."""
    history = getattr(application, "history", None)
    if history is None:
        history = application.transitions.order_by("-at", "-id")
    for transition in history:
        if status_as_sent(transition.from_status) != status_as_sent(transition.to_status):
            return transition.at
    return application.created_at


def rejection_reason(application):
    """The reason the officer wrote for the applicant with the last rejection."""
    history = getattr(application, "history", None)
    if history is None:
        history = application.transitions.order_by("-at", "-id")
    for transition in history:
        if transition.to_status == ApplicationStatus.REJECTED:
            return transition.reason
    return ""


def application_for_token(token):
    return (Application.objects.select_related("event", "category", "outlet",
                                               "nationality", "proposed_outlet_country")
            .filter(secret_match("token", token)).first())
