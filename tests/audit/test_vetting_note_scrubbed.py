"""Security vetting's note never reaches the audit trail: the trail keeps that the note changed,
never what it said."""

import json

from auditlog.models import LogEntry

from tests.factories.accreditation import journalist

NOTE = "Passport C1234567 on the stolen list"


def test_new_entries_are_masked_when_written(event, cats, vetter):
    from accreditation.vetting.services.decisions import application_vet

    application = journalist(event)
    application_vet(application=application, by=vetter, cleared=False, reason="Do not admit.",
                    note=NOTE)
    texts = json.dumps([e.changes for e in LogEntry.objects.all()], ensure_ascii=False)
    assert NOTE not in texts and "Do not admit." in texts
