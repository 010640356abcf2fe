"""Stored uploads cleaned again as uploads are cleaned now (logistics.core.uploads): for the files
stored before a rule existed (documents were once kept byte for byte). Every upload kind of
the table of stored files (logistics.core.stored_files), every row holding a file.

A cleaned file is written under a new random name, the row moved to it only if it still
holds the old one, and the old file deleted once that is committed: a file is never lost
half-way. A file with nothing to take out is left as it is, so a second run changes
nothing; one that cannot be cleaned is reported and kept."""

from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from logistics.core import stored_files
from logistics.core.audit import log_many
from logistics.core.uploads import clean_again


@dataclass(frozen=True)
class StoredUpload:
    kind: object  # stored_files.FileKind
    pk: int
    name: str

    def __str__(self):
        return f"{self.kind.label} #{self.pk} ({self.name})"


@dataclass
class CleaningReport:
    cleaned: list = field(default_factory=list)  # StoredUpload (cleaned, or to be)
    unchanged: int = 0
    failed: list = field(default_factory=list)  # (StoredUpload, why)
    missing: list = field(default_factory=list)  # StoredUpload whose file is not in storage
    moved: list = field(default_factory=list)  # StoredUpload replaced while being cleaned


def stored_uploads_clean(*, dry_run=False):
    """Clean every stored upload; with `dry_run`, only say which would change. Returns a
    CleaningReport."""
    report = CleaningReport()
    for kind in stored_files.kinds():
        if not kind.is_upload:
            continue  # badge PDFs: made by Accord, from records
        model = kind.model_class
        rows = (model.objects.exclude(**{kind.field: ""}).exclude(**{kind.field: None})
                .order_by("pk").values_list("pk", kind.field))
        for pk, name in rows.iterator():
            _clean(StoredUpload(kind, pk, name), report, dry_run=dry_run)
    return report


def _clean(upload, report, *, dry_run):
    kind = upload.kind
    model_field = kind.model_class._meta.get_field(kind.field)
    storage = model_field.storage
    try:
        with storage.open(upload.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        report.missing.append(upload)
        return
    try:
        result = clean_again(data, photo=kind.content == stored_files.PHOTO)
    except ValidationError as error:
        report.failed.append((upload, " ".join(error.messages)))
        return
    if result is None:
        report.unchanged += 1
        return
    report.cleaned.append(upload)
    if dry_run:
        return
    cleaned, extension = result
    instance = kind.model_class.objects.get(pk=upload.pk)
    new_name = storage.save(model_field.generate_filename(instance, f"cleaned.{extension}"),
                            ContentFile(cleaned))
    with transaction.atomic():
        # Only if the row still holds the file read: one replaced meanwhile is left alone.
        updated = kind.model_class.objects.filter(
            pk=upload.pk, **{kind.field: upload.name}).update(**{kind.field: new_name})
        if not updated:
            storage.delete(new_name)
            report.cleaned.remove(upload)
            report.moved.append(upload)
            return
        log_many([(instance, LogEntry.Action.UPDATE, {kind.field: (upload.name, new_name)})])
        transaction.on_commit(lambda: storage.delete(upload.name))
