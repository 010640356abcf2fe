"""One decision over many applications (approve, start the review, reject), made by a Celery
job while the office watches its page.

Each application is decided by the service that decides it alone (application_approve...),
with its permission check, its lock and its refusals; an application it refuses is listed
with why, and the others go on. The job works through its selection in chunks, each one
transaction that also moves the job's position: a worker lost mid-chunk leaves nothing of
that chunk, and the task delivered again (or a second worker) takes the job row's lock and
goes on from where the last committed chunk ended, so no application is decided twice.

A second click does nothing twice, by the database: the confirmation form carries a token
that is the job's unique key (the same form sent again finds its job), and one selection has
one unfinished job at a time (bulk_decision_one_running_per_selection).
"""

import hashlib

from auditlog.context import set_actor
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accreditation import permissions
from accreditation.applications.models.applications import Application
from accreditation.applications.models.bulk import BulkDecision, BulkRefusal
from accreditation.applications.services import applications as services
from accreditation.enums import ApplicationStatus, BulkAction, BulkStatus
from accreditation.errors import InvalidApplication
from logistics.core.errors import AccordError
from logistics.core.permissions import require
from logistics.core.queueing import queue_after_commit

# More than any event's applications; the ids are kept on the job row.
MAX_APPLICATIONS = 20_000
# Applications per transaction: a chunk holds its applications' locks until it commits.
CHUNK = 50

# The status each action leads to: an application already there is refused as such.
TARGET = {BulkAction.START_REVIEW: ApplicationStatus.UNDER_REVIEW,
          BulkAction.APPROVE: ApplicationStatus.APPROVED,
          BulkAction.REJECT: ApplicationStatus.REJECTED}


def selection_digest(action, ids):
    text = f"{action}:" + ",".join(str(pk) for pk in sorted(ids))
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def bulk_decision_start(*, event, by, action, ids, key, reason="", described="", query=""):
    """A queued job deciding `action` for the event's applications among `ids`; its task
    starts after commit. The job of the same `key` (the same form sent twice), or the
    unfinished job of the same selection, is returned instead of a second one."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office decides applications."))
    action = BulkAction(action)
    reason = (reason or "").strip()
    if action == BulkAction.REJECT and not reason:
        raise InvalidApplication(_("Give the reason for the rejection."),
                                 fields={"reason": [_("Give the reason for the rejection.")]})
    chosen = sorted(Application.objects.filter(event=event, pk__in=list(ids))
                    .values_list("pk", flat=True))
    if not chosen:
        raise InvalidApplication(_("Choose the applications first."))
    if len(chosen) > MAX_APPLICATIONS:
        raise InvalidApplication(_("At most %(max)s applications at once; narrow the filters.")
                                 % {"max": f"{MAX_APPLICATIONS:,}"})
    existing = BulkDecision.objects.filter(key=key).first()
    if existing is not None:
        if existing.event_id != event.pk or existing.by_id != by.pk:
            raise InvalidApplication(_("This confirmation was used already; start again."))
        return existing
    digest = selection_digest(action, chosen)
    try:
        with transaction.atomic():
            job = BulkDecision.objects.create(
                event=event, by=by, action=action, reason=reason, key=key, digest=digest,
                selection=chosen, total=len(chosen), described=described[:500], query=query,
                language=translation.get_language() or "")
    except IntegrityError:
        # The other form of a double submit won, or the same selection is being decided.
        job = (BulkDecision.objects.filter(key=key).first()
               or BulkDecision.objects.filter(event=event, action=action, digest=digest)
               .exclude(status=BulkStatus.DONE).first())
        if job is None:
            raise
        return job
    queue_after_commit("accreditation.run_bulk_decision", job.pk)
    return job


def _decide(job, application):
    if job.action == BulkAction.APPROVE:
        services.application_approve(application=application, by=job.by, reason=job.reason)
    elif job.action == BulkAction.START_REVIEW:
        services.application_start_review(application=application, by=job.by)
    else:
        services.application_reject(application=application, by=job.by, reason=job.reason)


def _refusal(job, application):
    """Why `application` cannot be decided (an AccordError's code and message), or None."""
    target = TARGET[job.action]
    if application.status == target:
        return "already", _("already %(status)s") % {"status": target.label.lower()}
    try:
        _decide(job, application)
    except AccordError as error:
        return error.code, error.message
    return None


def _run_chunk(job_id):
    """Decide the next chunk of the job; returns the job, or None once there is no work."""
    with transaction.atomic():
        job = (BulkDecision.objects.select_for_update().select_related("by")
               .filter(pk=job_id).exclude(status=BulkStatus.DONE).first())
        if job is None:
            return None
        if job.status == BulkStatus.QUEUED:
            job.status, job.started_at = BulkStatus.RUNNING, timezone.now()
        ids = job.selection[job.position:job.position + CHUNK]
        found = Application.objects.filter(pk__in=ids).in_bulk()
        refusals = []
        # A task has no signed-in user: the audit trail names the officer who confirmed, and
        # the refusals are written in the officer's language.
        language = job.language or settings.LANGUAGE_CODE
        with set_actor(job.by), translation.override(language):
            for pk in ids:
                application = found.get(pk)
                if application is None:  # deleted with its event's data since
                    continue
                refused = _refusal(job, application)
                if refused is None:
                    job.done += 1
                else:
                    code, message = refused
                    refusals.append(BulkRefusal(job=job, application=application,
                                                reference=application.reference, code=code,
                                                message=message))
        BulkRefusal.objects.bulk_create(refusals)
        job.refused += len(refusals)
        job.position += len(ids)
        if job.position >= job.total:
            job.status, job.finished_at = BulkStatus.DONE, timezone.now()
        job.save(update_fields=["status", "started_at", "finished_at", "position", "done",
                                "refused"])
        return job


def bulk_decision_run(*, job_id):
    """Work through the job, chunk by chunk, until it is done. Returns the job, or None if
    another run finished it."""
    while True:
        job = _run_chunk(job_id)
        if job is None or job.status == BulkStatus.DONE:
            return job
