"""Celery tasks of the plan: thin, named, ids in, one service call each."""

from celery import shared_task
from django.db import OperationalError

from logistics.services import invitations, reminders

# Five retries, 1, 2, 4, 8 and 16 minutes apart (with jitter): about half an hour of
# mail-server trouble before a reminder is given up as failed.
SEND_MAX_RETRIES = 5


@shared_task(name="logistics.reminder_sweep")
def reminder_sweep():
    return reminders.reminders_sweep()


@shared_task(
    name="logistics.send_reminder",
    bind=True,
    max_retries=SEND_MAX_RETRIES,
    autoretry_for=(*reminders.TRANSIENT_ERRORS, OperationalError),
    retry_backoff=60,
    retry_backoff_max=16 * 60,
    retry_jitter=True,
)
def send_reminder(self, reminder_id):
    return reminders.reminder_send(reminder_id=reminder_id,
                                   final=self.request.retries >= self.max_retries)


@shared_task(
    name="logistics.send_invitation",
    max_retries=SEND_MAX_RETRIES,
    autoretry_for=(*reminders.TRANSIENT_ERRORS, OperationalError),
    retry_backoff=60,
    retry_backoff_max=16 * 60,
    retry_jitter=True,
)
def send_invitation(invitation_id):
    return invitations.invitation_mail_send(invitation_id=invitation_id)


# Side events: the organiser's mails (the reference on submit, then the decision).


@shared_task(
    name="logistics.send_proposal_received",
    max_retries=SEND_MAX_RETRIES,
    autoretry_for=(*reminders.TRANSIENT_ERRORS, OperationalError),
    retry_backoff=60,
    retry_backoff_max=16 * 60,
    retry_jitter=True,
)
def send_proposal_received(proposal_id):
    from logistics.services import side_events

    return side_events.proposal_received_mail_send(proposal_id=proposal_id)


@shared_task(
    name="logistics.send_proposal_decision",
    max_retries=SEND_MAX_RETRIES,
    autoretry_for=(*reminders.TRANSIENT_ERRORS, OperationalError),
    retry_backoff=60,
    retry_backoff_max=16 * 60,
    retry_jitter=True,
)
def send_proposal_decision(proposal_id, status):
    from logistics.services import side_events

    return side_events.proposal_decision_mail_send(proposal_id=proposal_id, status=status)


# The programme. One message per address and version, queued once when the version is
# published (see services.publishing for what a redelivery can still repeat).
@shared_task(
    name="logistics.programme_changes_mail",
    max_retries=SEND_MAX_RETRIES,
    autoretry_for=(*reminders.TRANSIENT_ERRORS, OperationalError),
    retry_backoff=60,
    retry_backoff_max=16 * 60,
    retry_jitter=True,
)
def programme_changes_mail(version_id, address):
    from logistics.services import publishing

    return publishing.programme_changes_mail_send(version_id=version_id, address=address)
