"""Celery tasks of the programme: thin, named, ids in, one service call each."""

from celery import shared_task

from logistics.core.queueing import MAIL_RETRIES, attempt_of
from logistics.programme.services import publishing


# The programme. One message per address and version, queued once when the version is
# published.
@shared_task(name="logistics.programme_changes_mail", bind=True, **MAIL_RETRIES)
def programme_changes_mail(self, version_id, address):
    return publishing.programme_changes_mail_send(version_id=version_id, address=address,
                                                  **attempt_of(self))
