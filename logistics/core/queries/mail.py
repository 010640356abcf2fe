"""Reads of the outbox (logistics.core.mail) for the secretariat's page."""

from django.db.models import Count

from logistics.core.models.mail import OutgoingMail


def outbox(event):
    """The event's mails, newest first."""
    return OutgoingMail.objects.filter(event=event).order_by("-created_at", "-pk")


def outbox_counts(event):
    """{status: number of the event's mails}, in one query."""
    return dict(outbox(event).order_by().values_list("status").annotate(n=Count("pk")))
