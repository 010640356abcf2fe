"""Celery tasks of side events: the organiser's mails."""

from celery import shared_task

from logistics.core.queueing import MAIL_RETRIES, attempt_of
from logistics.side_events.services import decisions
from logistics.side_events.services import proposals as side_events


# Side events: the organiser's mails (the reference on submit, then the decision).
@shared_task(name="logistics.send_proposal_received", bind=True, **MAIL_RETRIES)
def send_proposal_received(self, proposal_id):
    return side_events.proposal_received_mail_send(proposal_id=proposal_id, **attempt_of(self))


@shared_task(name="logistics.send_proposal_decision", bind=True, **MAIL_RETRIES)
def send_proposal_decision(self, proposal_id, status):
    return decisions.proposal_decision_mail_send(proposal_id=proposal_id, status=status,
                                                   **attempt_of(self))
