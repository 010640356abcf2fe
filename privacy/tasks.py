"""The nightly purge, when PURGE_AFTER_DAYS is set (docs/PERSONAL_DATA.md)."""

from celery import shared_task
from django.conf import settings

from privacy.services import purge


@shared_task(name="privacy.purge_due_events")
def purge_due_events():
    days = settings.PURGE_AFTER_DAYS
    if days is None:
        return {}
    return purge.purges_due(days=days)
