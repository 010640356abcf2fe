"""Celery tasks of accreditation: thin, ids in, one service call each."""

from celery import shared_task

from accreditation.services import badges, mail, webhooks
from logistics.tasks import MAIL_RETRIES


@shared_task(name="accreditation.send_status_mail", **MAIL_RETRIES)
def send_status_mail(transition_id):
    return mail.status_mail_send(transition_id=transition_id)


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
