"""Celery tasks of reminders: the sweep, and sending one reminder."""

from celery import shared_task

from logistics.core.queueing import MAIL_RETRIES, attempt_of
from logistics.reminders import services as reminders


@shared_task(name="logistics.reminder_sweep")
def reminder_sweep():
    return reminders.reminders_sweep()


# The mails: each claimed once by its row of the outbox (logistics.core.mail), retried on the mail
# server's errors until the final attempt marks it failed.
@shared_task(name="logistics.send_reminder", bind=True, **MAIL_RETRIES)
def send_reminder(self, reminder_id):
    return reminders.reminder_send(reminder_id=reminder_id, **attempt_of(self))
