"""Celery tasks of accreditation: thin, ids in, one service call each."""

from celery import shared_task

from accreditation.services import badges, mail, webhooks
from logistics.core.queueing import MAIL_RETRIES, attempt_of, enqueue_each


@shared_task(name="accreditation.send_status_mail", bind=True, **MAIL_RETRIES)
def send_status_mail(self, transition_id):
    return mail.status_mail_send(transition_id=transition_id, **attempt_of(self))


@shared_task(name="accreditation.issue_badge", autoretry_for=(Exception,), max_retries=5,
             retry_backoff=10, retry_jitter=True)
def issue_badge(application_id):
    badge = badges.badge_issue(application_id=application_id)
    return badge.pk if badge else None


@shared_task(name="accreditation.deliver_webhook", bind=True,
             autoretry_for=(webhooks.DeliveryFailed,),
             max_retries=webhooks.MAX_ATTEMPTS - 1, retry_backoff=30, retry_backoff_max=3600,
             retry_jitter=True)
def deliver_webhook(self, delivery_id):
    return webhooks.delivery_attempt(delivery_id=delivery_id,
                                     final=self.request.retries >= self.max_retries)


# A bulk call queues one message for all its mails (or webhook deliveries) and the worker
# splits it, one task each, so that every mail and delivery keeps its own retries.
@shared_task(name="accreditation.send_status_mails")
def send_status_mails(transition_ids):
    enqueue_each("accreditation.send_status_mail", transition_ids)


@shared_task(name="accreditation.deliver_webhooks")
def deliver_webhooks(delivery_ids):
    enqueue_each("accreditation.deliver_webhook", delivery_ids)


# A big batch draws for minutes: longer limits than the default five, and no automatic
# retry (a failed batch says why on its page; a worker lost mid-run redelivers it).
@shared_task(name="accreditation.make_badge_batch", time_limit=60 * 60,
             soft_time_limit=55 * 60)
def make_badge_batch(batch_id):
    from accreditation.services import batches

    batch = batches.batch_run(batch_id=batch_id)
    return batch.status if batch else None


@shared_task(name="accreditation.issue_missing_badges")
def issue_missing_badges():
    return badges.badges_issue_missing()


# A decision over thousands of applications takes minutes: it goes on from its last chunk
# when delivered again (services.bulk_decisions), so no automatic retry is needed.
@shared_task(name="accreditation.run_bulk_decision", time_limit=60 * 60,
             soft_time_limit=55 * 60)
def run_bulk_decision(job_id):
    from accreditation.services import bulk_decisions

    job = bulk_decisions.bulk_decision_run(job_id=job_id)
    return job.status if job else None
