"""`clean_stored_uploads` cleans what was stored before uploads were cleaned: a dirty file
written straight into storage for every upload kind of the table comes out clean, its row on
the new file and the old one gone; a second run changes nothing; --dry-run changes nothing;
a file that cannot be cleaned is reported and kept."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.management import call_command

from logistics.core import stored_files
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.signing import SigningFactory
from tests.security.dirty_files import DIRTY_DOCUMENTS, DIRTY_IMAGES, assert_clean

# On the disk and on a bucket (tests/plugins/file_storage.py).
pytestmark = pytest.mark.usefixtures("media")


def files_in(media):
    return media.contents()


def record_for(model, event, n):
    """A fresh record of `model` (a table row's model) to hold one stored file."""
    label = model._meta.label
    if label == "accreditation.Application":
        return journalist(event)
    if label == "logistics.DelegationMember":
        return MemberFactory(delegation=DelegationFactory(event=event))
    if label == "logistics.Delegation":
        return DelegationFactory(event=event)
    if label == "logistics.Signing":
        return SigningFactory(delegation__event=event,
                              delegation__country=country(["KE", "CL", "FR", "GH"][n % 4]))
    raise AssertionError(f"no record made for {label}: add it here")


@pytest.fixture
def dirty(event, cats):
    """Every upload kind of the table with each dirty file it can hold, written into storage
    directly as an old row would have it: [(kind, record, dirty sample kind)]."""
    written, n = [], 0
    for kind in stored_files.kinds():
        if not kind.is_upload:
            continue
        samples = DIRTY_IMAGES if kind.content == stored_files.PHOTO else DIRTY_DOCUMENTS
        for sample, make in samples.items():
            record = record_for(kind.model_class, event, n)
            n += 1
            getattr(record, kind.field).save(f"old.{sample}", ContentFile(make()))
            written.append((kind, record, sample))
    return written


def run(*args):
    out = io.StringIO()
    call_command("clean_stored_uploads", *args, stdout=out)
    return out.getvalue()


def test_the_command_cleans_every_kind_once_and_keeps_what_it_cannot(
        dirty, media, event, django_capture_on_commit_callbacks):
    broken = DelegationFactory(event=event)
    broken.credentials_document.save("old.pdf", ContentFile(b"%PDF-1.4 torn in half"))
    before = files_in(media)

    dry = run("--dry-run")
    assert files_in(media) == before  # nothing written, nothing deleted
    assert f"{len(dirty)} file(s) would be cleaned, 0 already clean, 1 cannot be cleaned" in dry

    with django_capture_on_commit_callbacks(execute=True):  # the old files go after commit
        report = run()
    assert f"{len(dirty)} file(s) cleaned, 0 already clean, 1 cannot be cleaned" in report
    for kind, record, sample in dirty:
        record.refresh_from_db()
        stored = getattr(record, kind.field)
        assert stored.name not in before  # a new name; the old file is gone
        cleaned = stored.storage.open(stored.name).read()
        if kind.content == stored_files.PHOTO:
            assert stored.name.endswith(".jpg")
            assert_clean(cleaned, "jpg")
        else:
            assert stored.name.endswith(f".{sample}")
            assert_clean(cleaned, sample)
    # Reported and kept, byte for byte.
    broken.refresh_from_db()
    assert f"cannot be cleaned, kept: logistics.Delegation.credentials_document #{broken.pk}" \
        in report
    assert files_in(media)[broken.credentials_document.name] == b"%PDF-1.4 torn in half"
    assert sorted(files_in(media)) == sorted(
        [getattr(record, kind.field).name for kind, record, _ in dirty]
        + [broken.credentials_document.name])
    # Each change is in the record's history, by the system: which file became which.
    for kind, record, _sample in dirty:
        entries = LogEntry.objects.filter(
            content_type__model=record._meta.model_name, object_pk=str(record.pk),
            action=LogEntry.Action.UPDATE, changes__has_key=kind.field)
        [entry] = [e for e in entries
                   if e.changes[kind.field][1] == getattr(record, kind.field).name]
        assert entry.actor is None

    # Idempotent: a second run finds everything clean and touches nothing.
    after = files_in(media)
    again = run()
    assert f"0 file(s) cleaned, {len(dirty)} already clean, 1 cannot be cleaned" in again
    assert files_in(media) == after


def test_clean_files_stored_by_the_forms_are_left_as_they_are(client, event, cats, media):
    from logistics.core.uploads import clean_document, clean_photo
    from tests.factories.registration import pdf_upload, photo_upload

    journalist(event, photo=clean_photo(photo_upload()), letter_of_assignment=clean_document(
        pdf_upload()), press_card=clean_document(photo_upload(name="card.jpg")))
    before = files_in(media)
    assert "0 file(s) cleaned, 3 already clean" in run()
    assert files_in(media) == before
