"""Badge batches: many badges in one PDF, made by a Celery job while the page shows how far
it has got, then offered for download.

A batch is claimed under a row lock; its progress moves by conditional UPDATEs that never
lower it and never touch a batch that is no longer running, and only the first run to
finish attaches its file. So a redelivered task, or two workers on one batch, leave one
file and a true count: a finished batch is never redone, a running one whose worker died is
started over from the first badge.
"""

import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accreditation import permissions
from accreditation.badges import pdf
from accreditation.badges import queries as badge_queries
from accreditation.badges.models import Badge, BadgeBatch
from accreditation.badges.services.badges import badges_mark_pdf_made
from accreditation.enums import BadgeStatus, BatchStatus, PrintStatus
from accreditation.errors import BadgeUnusable
from logistics.core.permissions import require
from logistics.core.queueing import queue_after_commit

log = logging.getLogger(__name__)

# More than the biggest event's badges of one kind, and a job that ends within its time limit.
MAX_BADGES = 10_000
# Badges marked per UPDATE: well under SQLite's limit of bound parameters.
MARK_CHUNK = 500


@transaction.atomic
def batch_create(*, event, badges, by):
    """A queued batch of `badges` (a queryset, such as the list's filters give, or badges or
    their ids); only the event's active badges are taken. Its job starts after commit."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office prints badges."))
    if hasattr(badges, "values_list"):
        chosen = badges.filter(event=event)
    else:
        ids = [getattr(badge, "pk", badge) for badge in badges]
        chosen = Badge.objects.filter(event=event, pk__in=ids)
    ids = list(chosen.filter(status=BadgeStatus.ACTIVE).order_by()
               .values_list("pk", flat=True)[:MAX_BADGES + 1])
    if not ids:
        raise BadgeUnusable(_("None of the chosen badges is active: there is nothing to print."))
    if len(ids) > MAX_BADGES:
        raise BadgeUnusable(_("A batch holds at most %(max)s badges; narrow the filters.")
                            % {"max": f"{MAX_BADGES:,}"})
    batch = BadgeBatch.objects.create(event=event, total=len(ids), requested_by=by,
                                      language=translation.get_language() or "")
    batch.badges.set(ids)
    queue_after_commit("accreditation.make_badge_batch", batch.pk)
    return batch


def _claim(batch_id):
    """The batch, now running from zero; None when it is finished (done or failed)."""
    with transaction.atomic():
        batch = BadgeBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or batch.status in (BatchStatus.DONE, BatchStatus.FAILED):
            return None
        batch.status = BatchStatus.RUNNING
        batch.done = 0
        batch.error = ""
        batch.save(update_fields=["status", "done", "error"])
        return batch


def _progress(batch_id):
    def record(count):
        BadgeBatch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING,
                                  done__lt=count).update(done=count)
    return record


def batch_run(*, batch_id):
    """Draw the batch's badges into a temporary file, then attach it and note the badges'
    PDF made (printed is for a person to confirm: batch_confirm_printed). Returns the batch
    as it ended, or None when there was nothing to do."""
    batch = _claim(batch_id)
    if batch is None:
        return None
    drawn = []

    def badges():
        for badge in (badge_queries.batch_badges(batch).filter(status=BadgeStatus.ACTIVE)
                      .iterator(chunk_size=pdf.CHUNK * 2)):
            drawn.append(badge.pk)
            yield badge

    with tempfile.TemporaryFile(suffix=".pdf") as handle:
        try:
            pdf.render_badges(badges(), handle, progress=_progress(batch_id))
        except Exception as error:  # a broken batch says so on its page, and nothing else
            log.exception("Badge batch %s failed.", batch_id)
            BadgeBatch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING).update(
                status=BatchStatus.FAILED, error=str(error)[:2000] or type(error).__name__,
                finished_at=timezone.now())
            return BadgeBatch.objects.get(pk=batch_id)
        if not drawn:
            # In the language of the officer who asked, not the worker's.
            with translation.override(batch.language or settings.LANGUAGE_CODE):
                error = _("None of the batch's badges is active any more.")
            BadgeBatch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING).update(
                status=BatchStatus.FAILED, finished_at=timezone.now(), error=error)
            return BadgeBatch.objects.get(pk=batch_id)
        handle.seek(0)
        name = batch.file.field.generate_filename(batch, f"batch-{batch_id}.pdf")
        name = batch.file.storage.save(name, File(handle), max_length=100)
    with transaction.atomic():
        finished = BadgeBatch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING).update(
            status=BatchStatus.DONE, file=name, done=F("total"), finished_at=timezone.now())
        if finished:
            for start in range(0, len(drawn), MARK_CHUNK):
                badges_mark_pdf_made(badge_ids=drawn[start:start + MARK_CHUNK])
    if not finished:
        # Another run of the same batch finished first: its file is the batch's.
        batch.file.storage.delete(name)
    return BadgeBatch.objects.get(pk=batch_id)


@transaction.atomic
def batch_confirm_printed(*, batch, by):
    """Someone took the batch's pages off the printer: its active badges count as printed
    (those confirmed before keep their time and name). Only a finished batch, and once: a
    second confirmation changes nothing. Returns how many badges it confirmed."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office confirms badges printed."))
    batch = BadgeBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.DONE:
        raise BadgeUnusable(_("Batch %(number)s is “%(status)s”: only a finished batch is "
                              "printed.") % {"number": batch.pk,
                                             "status": batch.get_status_display()})
    if batch.printed_at is not None:
        return 0
    now = timezone.now()
    batch.printed_at, batch.printed_by = now, by
    batch.save(update_fields=["printed_at", "printed_by"])
    return (Badge.objects.filter(batches=batch, status=BadgeStatus.ACTIVE,
                                 print_status=PrintStatus.NOT_PRINTED)
            .update(print_status=PrintStatus.PRINTED, printed_at=now, printed_by=by,
                    updated_at=now))
