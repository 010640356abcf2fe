"""Celery tasks of the core: thin, named, ids in, one service call each."""

from celery import shared_task

from logistics.core import kept_uploads, queueing


# Messages the broker refused while it was down (logistics.core.queueing), sent again once it is
# back: every minute, by beat.
@shared_task(name="logistics.resend_unsent_tasks")
def resend_unsent_tasks():
    return queueing.unsent_tasks_resend()


# Files kept for public forms that came back with an error and were never sent again
# (logistics.core.kept_uploads): hourly, by beat.
@shared_task(name="logistics.expire_kept_uploads")
def expire_kept_uploads():
    return kept_uploads.kept_uploads_expire()
