"""Celery tasks of webhooks: deliver one, or many."""

from celery import shared_task

from accreditation.integrations.services import webhooks
from logistics.core.queueing import enqueue_each


@shared_task(name="accreditation.deliver_webhook", bind=True,
             autoretry_for=(webhooks.DeliveryFailed,),
             max_retries=webhooks.MAX_ATTEMPTS - 1, retry_backoff=30, retry_backoff_max=3600,
             retry_jitter=True)
def deliver_webhook(self, delivery_id):
    return webhooks.delivery_attempt(delivery_id=delivery_id,
                                     final=self.request.retries >= self.max_retries)


@shared_task(name="accreditation.deliver_webhooks")
def deliver_webhooks(delivery_ids):
    enqueue_each("accreditation.deliver_webhook", delivery_ids)
