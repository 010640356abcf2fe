"""The purge: refused before the event's end plus N days; a dry run changes nothing; the
purge leaves no name, address, ID number or date of birth of the event's people anywhere in
the database nor any of their files on disk, while every anonymous count stays the same;
a second run changes nothing."""

import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse

from accreditation.applications.models.applications import Application
from logistics.core.models.event import Event
from logistics.delegations.models import DelegationMember, Invitation
from privacy.errors import PurgeTooEarly
from privacy.queries import event_statistics
from privacy.services.purge import PLACEHOLDER, personal_data_purge
from tests.privacy.dbscan import dump, occurrences


@pytest.fixture
def privacy_media(media):
    """On the disk and on a bucket (tests/plugins/file_storage.py)."""
    return media


DAYS = 30  # the event ended 40 days ago


def _files(media):
    return media.names()


def _purge(capture, **options):
    out = io.StringIO()
    with capture(execute=True):
        call_command("purge_personal_data", "--event", "hanoi-2025", "--days", str(DAYS),
                     *(["--dry-run"] if options.get("dry_run") else []), stdout=out)
    return out.getvalue()


def test_the_purge_is_refused_before_the_end_plus_the_days(world):
    before = dump()
    with pytest.raises(CommandError) as refused:
        call_command("purge_personal_data", "--event", "hanoi-2025", "--days", "41")
    allowed = (world.event.end_date + timedelta(days=41)).isoformat()
    assert str(refused.value) == (
        f"The personal data of Hanoi Convention Signing is kept until 41 day(s) after its "
        f"last day ({world.event.end_date.isoformat()}): it can be purged from {allowed}.")
    with pytest.raises(PurgeTooEarly):
        personal_data_purge(event=world.later, days=0)
    with pytest.raises(PurgeTooEarly):
        personal_data_purge(event=world.event, days=-1)
    assert dump() == before


def test_an_unknown_event_is_refused(world):
    with pytest.raises(CommandError, match="No event with the short name 'nope'"):
        call_command("purge_personal_data", "--event", "nope", "--days", "1")


def test_a_dry_run_counts_and_changes_nothing(world, media, django_capture_on_commit_callbacks):
    before, files = dump(), _files(media)
    output = _purge(django_capture_on_commit_callbacks, dry_run=True)
    assert dump() == before
    assert _files(media) == files
    assert "applications: 5\n" in output
    assert "delegation members: 2\n" in output
    assert "uploaded files: 9\n" in output
    assert "hanoi-2025: " in output and "would be purged." in output

    # The purge then changes exactly what the dry run counted.
    assert _purge(django_capture_on_commit_callbacks).replace(
        "purged.", "").splitlines() == output.replace("would be purged.", "").splitlines()


def test_the_purge_leaves_no_personal_data_and_the_same_statistics(
        world, media, django_capture_on_commit_callbacks):
    statistics = event_statistics(world.event)
    later_statistics = event_statistics(world.later)
    assert occurrences(world.needles)  # the scan does see them before
    files_before = _files(media)
    stranger_files = {getattr(world.stranger, f).name for f in ("photo",) if
                      getattr(world.stranger, f)}

    _purge(django_capture_on_commit_callbacks)

    assert occurrences(world.needles) == []
    assert event_statistics(world.event) == statistics
    assert event_statistics(world.later) == later_statistics
    # Every upload of the event is gone from the disk; none of the other event's is.
    assert len(files_before) == 9
    assert set(_files(media)) == stranger_files
    for application in Application.objects.filter(event=world.event):
        assert application.family_name == PLACEHOLDER
        assert (application.id_document_number, application.id_document_index) == ("", "")
        assert application.date_of_birth is None
        assert not (application.photo or application.id_copy or application.press_card
                    or application.letter_of_assignment)
    for member in DelegationMember.objects.filter(delegation__event=world.event):
        assert (member.family_name, member.id_document_number, member.id_document_index,
                member.date_of_birth) == (PLACEHOLDER, "", "", None)
    # The other event's people are untouched.
    stranger = Application.objects.get(pk=world.stranger.pk)
    assert (stranger.family_name, stranger.email, stranger.id_document_number) == (
        "Lê", "bao.le@example.vn", "V5556667")
    assert occurrences(["Lê", "bao.le@example.vn", "1979-09-09"]) != []


def test_the_secret_links_stop_working(client, world, django_capture_on_commit_callbacks):
    correction = reverse("apply_correct", args=[world.mai.token])
    invitation = Invitation.objects.get(delegation=world.delegation)
    registration = reverse("register", args=[invitation.token])
    _purge(django_capture_on_commit_callbacks)
    assert client.get(correction).status_code == 404
    assert client.get(registration).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_second_run_changes_nothing_and_reports_zero(
        world, media, django_capture_on_commit_callbacks):
    _purge(django_capture_on_commit_callbacks)
    after, files = dump(), _files(media)
    output = _purge(django_capture_on_commit_callbacks)
    assert dump() == after
    assert _files(media) == files
    assert "hanoi-2025: 0 row(s) and file(s) purged." in output
    assert personal_data_purge(event=world.event, days=DAYS).total == 0


def test_the_purge_is_in_the_audit_trail_as_counts(world, django_capture_on_commit_callbacks):
    _purge(django_capture_on_commit_callbacks)
    [entry] = LogEntry.objects.filter(additional_data__has_key="personal_data_purge")
    assert entry.object_pk == str(world.event.pk)
    logged = entry.additional_data["personal_data_purge"]
    assert logged["days"] == DAYS
    assert logged["rows"]["applications"] == 5
    assert logged["files"] == 9


def test_the_audit_trail_of_purged_rows_keeps_when_but_not_what(
        world, django_capture_on_commit_callbacks):
    entries = LogEntry.objects.filter(object_pk=str(world.mai.pk),
                                      content_type__model="application")
    count = entries.count()
    assert count > 1
    _purge(django_capture_on_commit_callbacks)
    assert entries.count() == count
    assert set(entries.values_list("object_repr", "changes", "changes_text")) == {
        (PLACEHOLDER, None, "")}
    assert Event.objects.filter(pk=world.event.pk).exists()


def test_the_nightly_task_purges_the_events_past_the_days_when_set(
        settings, world, django_capture_on_commit_callbacks):
    from privacy.tasks import purge_due_events

    settings.PURGE_AFTER_DAYS = None
    assert purge_due_events() == {}
    assert Application.objects.get(pk=world.mai.pk).family_name == "Trần"

    settings.PURGE_AFTER_DAYS = 41  # the event ended 40 days ago: not yet
    assert purge_due_events() == {}

    settings.PURGE_AFTER_DAYS = DAYS
    with django_capture_on_commit_callbacks(execute=True):
        done = purge_due_events()
    assert set(done) == {"hanoi-2025"} and done["hanoi-2025"] > 0
    assert Application.objects.get(pk=world.mai.pk).family_name == PLACEHOLDER
    assert Application.objects.get(pk=world.stranger.pk).family_name == "Lê"
    assert purge_due_events() == {"hanoi-2025": 0}
