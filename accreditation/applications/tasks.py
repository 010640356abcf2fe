"""Celery tasks of applications: the applicant's status mails and the bulk decisions."""

from celery import shared_task

from accreditation.applications.services import mail
from logistics.core.queueing import MAIL_RETRIES, attempt_of, enqueue_each


@shared_task(name="accreditation.send_status_mail", bind=True, **MAIL_RETRIES)
def send_status_mail(self, transition_id):
    return mail.status_mail_send(transition_id=transition_id, **attempt_of(self))


# A bulk call queues one message for all its mails (or webhook deliveries) and the worker
# splits it, one task each, so that every mail and delivery keeps its own retries.
@shared_task(name="accreditation.send_status_mails")
def send_status_mails(transition_ids):
    enqueue_each("accreditation.send_status_mail", transition_ids)


# A decision over thousands of applications takes minutes: it goes on from its last chunk
# when delivered again (services.bulk_decisions), so no automatic retry is needed.
@shared_task(name="accreditation.run_bulk_decision", time_limit=60 * 60,
             soft_time_limit=55 * 60)
def run_bulk_decision(job_id):
    from accreditation.applications.services import bulk_decisions

    job = bulk_decisions.bulk_decision_run(job_id=job_id)
    return job.status if job else None
