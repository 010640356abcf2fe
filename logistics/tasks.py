"""Celery tasks of the plan: thin, named, ids in, one service call each."""

from celery import shared_task

from logistics import kept_uploads, queueing
from logistics.queueing import MAIL_RETRIES, attempt_of
from logistics.services import invitations, publishing, readiness, reminders, side_events


@shared_task(name="logistics.reminder_sweep")
def reminder_sweep():
    return reminders.reminders_sweep()


# Messages the broker refused while it was down (logistics.queueing), sent again once it is
# back: every minute, by beat.
@shared_task(name="logistics.resend_unsent_tasks")
def resend_unsent_tasks():
    return queueing.unsent_tasks_resend()


# Files kept for public forms that came back with an error and were never sent again
# (logistics.kept_uploads): hourly, by beat.
@shared_task(name="logistics.expire_kept_uploads")
def expire_kept_uploads():
    return kept_uploads.kept_uploads_expire()


# The mails: each claimed once by its row of the outbox (logistics.mail), retried on the mail
# server's errors until the final attempt marks it failed.
@shared_task(name="logistics.send_reminder", bind=True, **MAIL_RETRIES)
def send_reminder(self, reminder_id):
    return reminders.reminder_send(reminder_id=reminder_id, **attempt_of(self))


@shared_task(name="logistics.send_invitation", bind=True, **MAIL_RETRIES)
def send_invitation(self, invitation_id):
    return invitations.invitation_mail_send(invitation_id=invitation_id, **attempt_of(self))


# Side events: the organiser's mails (the reference on submit, then the decision).
@shared_task(name="logistics.send_proposal_received", bind=True, **MAIL_RETRIES)
def send_proposal_received(self, proposal_id):
    return side_events.proposal_received_mail_send(proposal_id=proposal_id, **attempt_of(self))


@shared_task(name="logistics.send_proposal_decision", bind=True, **MAIL_RETRIES)
def send_proposal_decision(self, proposal_id, status):
    return side_events.proposal_decision_mail_send(proposal_id=proposal_id, status=status,
                                                   **attempt_of(self))


# The programme. One message per address and version, queued once when the version is
# published.
@shared_task(name="logistics.programme_changes_mail", bind=True, **MAIL_RETRIES)
def programme_changes_mail(self, version_id, address):
    return publishing.programme_changes_mail_send(version_id=version_id, address=address,
                                                  **attempt_of(self))


# The day's readiness of each event, for the steering committee's chart: hourly by beat, so
# that each event's day (in its own time zone) has its row early; repeats write nothing.
@shared_task(name="logistics.snapshot_readiness")
def snapshot_readiness():
    return readiness.readiness_snapshots_take()
