"""Entries written while security vetting's note was logged in clear are scrubbed by the data
migration that masked it: the trail keeps that the note changed, never what it said; every
other value of the entry stays."""

import importlib
import json
import pkgutil

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

import accreditation.migrations
from accreditation.applications.models.applications import Application
from tests.factories.accreditation import journalist

NOTE = "Passport C1234567 on the stolen list"


def _scrub():
    """The migration's function, wherever the merge numbers the migration."""
    for module in pkgutil.iter_modules(accreditation.migrations.__path__):
        migration = importlib.import_module(f"accreditation.migrations.{module.name}")
        if hasattr(migration, "scrub_vetting_notes"):
            return migration.scrub_vetting_notes
    raise AssertionError("no migration scrubs the vetting notes")


def _old_entry(application, changes, text=""):
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Application), object_pk=application.pk,
        object_id=application.pk, object_repr=str(application), action=LogEntry.Action.UPDATE,
        changes=changes, changes_text=text)


def test_old_entries_keep_that_the_note_changed_and_nothing_of_it(event, cats):
    application = journalist(event)
    flagged = _old_entry(application, {"vetting": ["pending", "flagged"],
                                       "vetting_note": ["", NOTE]})
    cleared = _old_entry(application, {"vetting_note": [NOTE, "None"]},
                         text=json.dumps({"vetting_note": [NOTE, "None"]}))
    other = _old_entry(application, {"function": ["Reporter", "Editor"]})
    _scrub()(apps, None)
    flagged.refresh_from_db()
    cleared.refresh_from_db()
    other.refresh_from_db()
    assert flagged.changes == {"vetting": ["pending", "flagged"], "vetting_note": ["", "•••"]}
    assert cleared.changes == {"vetting_note": ["•••", ""]}
    assert NOTE not in cleared.changes_text
    assert other.changes == {"function": ["Reporter", "Editor"]}
    # Run again (a second deploy): nothing more changes.
    _scrub()(apps, None)
    flagged.refresh_from_db()
    assert flagged.changes["vetting_note"] == ["", "•••"]


def test_new_entries_are_masked_when_written(event, cats, vetter):
    from accreditation.vetting.services.decisions import application_vet

    application = journalist(event)
    application_vet(application=application, by=vetter, cleared=False, reason="Do not admit.",
                    note=NOTE)
    texts = json.dumps([e.changes for e in LogEntry.objects.all()], ensure_ascii=False)
    assert NOTE not in texts and "Do not admit." in texts
