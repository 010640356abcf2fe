"""Celery tasks of badges: issue one, make a batch's PDF, and issue those missing."""

from celery import shared_task

from accreditation.badges.services import badges


@shared_task(name="accreditation.issue_badge", autoretry_for=(Exception,), max_retries=5,
             retry_backoff=10, retry_jitter=True)
def issue_badge(application_id):
    badge = badges.badge_issue(application_id=application_id)
    return badge.pk if badge else None


# A big batch draws for minutes: longer limits than the default five, and no automatic
# retry (a failed batch says why on its page; a worker lost mid-run redelivers it).
@shared_task(name="accreditation.make_badge_batch", time_limit=60 * 60,
             soft_time_limit=55 * 60)
def make_badge_batch(batch_id):
    from accreditation.badges.services import batches

    batch = batches.batch_run(batch_id=batch_id)
    return batch.status if batch else None


@shared_task(name="accreditation.issue_missing_badges")
def issue_missing_badges():
    return badges.badges_issue_missing()
