"""Celery tasks of delegations: thin, named, ids in, one service call each."""

from celery import shared_task

from logistics.core.queueing import MAIL_RETRIES, attempt_of
from logistics.delegations.services import invitations


@shared_task(name="logistics.send_invitation", bind=True, **MAIL_RETRIES)
def send_invitation(self, invitation_id):
    return invitations.invitation_mail_send(invitation_id=invitation_id, **attempt_of(self))
