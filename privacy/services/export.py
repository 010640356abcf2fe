"""One person's data, on the person's request: a ZIP with one JSON file of every record held
about them (field labels, the event each belongs to) and the files they uploaded that the
exporter may open (the table of stored files, logistics.core.stored_files, decides, as it does
for each file's own page); the JSON lists each file left out and why. Each export is
written to the audit trail: who, when, which records, never what they hold.

An application reads as its sender sees it everywhere else (its status page, its mails):
one held as a possible duplicate is submitted, its hold and release are no moves, and no
reason names the application it may duplicate. The export is for the person, whoever on
the staff makes it: it must not tell them that the ID number or address they gave is
someone else's."""

import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.applications.queries.public import moves_seen
from accreditation.enums import ApplicationStatus, status_as_sent
from privacy import permissions, queries
from privacy.errors import NothingToExport, SearchIncomplete
from privacy.services.records import Files, Reader, history, plain, readable

JSON_NAME = "personal-data.json"


@dataclass(frozen=True)
class Export:
    """What an export held: the records found, the files carried (names in the ZIP), those
    withheld (records.Withheld) and those missing from storage."""

    found: object
    carried: list
    withheld: list
    missing: list


def personal_data_export(*, search, by, output, scope=None, with_id_data=False, via=""):
    """Write the ZIP of what `search` finds to the binary file `output`; return the Export.

    `by` is the staff member asking: their roles decide the scope, the ID numbers in clear
    and the files carried. None is a command run on the server, which passes `scope` itself
    and `with_id_data` when asked for ID numbers in clear and copies of ID documents.
    Raises SearchIncomplete or NothingToExport."""
    if not search.is_enough:
        raise SearchIncomplete(_("Give an e-mail address, an application reference, or a "
                                 "family name with the date of birth."))
    if by is not None:
        scope = permissions.export_scope(by)
        clear_ids = permissions.reads_id_numbers(by)
        permissions_check(scope)
    else:
        clear_ids = bool(with_id_data)
    found = queries.find_person(search, scope=scope)
    if not found:
        raise NothingToExport(_("No record matches this person."))
    files = Files(Reader(user=by, id_data=bool(with_id_data)))
    document = _document(found, files=files, clear_ids=clear_ids)
    carried, missing = [], []
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, field_file in files.entries:
            try:
                with field_file.storage.open(field_file.name, "rb") as handle:
                    archive.writestr(name, handle.read())
                carried.append(name)
            except FileNotFoundError:
                missing.append(name)
        if files.withheld:
            document[_("files withheld")] = [entry.as_json() for entry in files.withheld]
        if missing:
            document[_("files missing from storage")] = missing
        archive.writestr(JSON_NAME, json.dumps(document, ensure_ascii=False, indent=2,
                                               default=str))
    _log(found, by=by, via=via)
    return Export(found=found, carried=carried, withheld=files.withheld, missing=missing)


def permissions_check(scope):
    from logistics.core.errors import NotAllowed

    if not scope:
        raise NotAllowed(_("Only the secretariat, the accreditation office and security "
                           "vetting can export a person's data."))


def _document(found, *, files, clear_ids):
    by_event = {event.pk: {_("event"): _event(event)} for event in found.events()}

    def section(event_id, title, items):
        if items:
            by_event[event_id].setdefault(title, []).extend(items)

    for application in found.applications:
        section(application.event_id, _("accreditation applications"),
                [_application(application, files=files, clear_ids=clear_ids)])
    for member in found.members:
        record = readable(member, files=files, clear_ids=clear_ids)
        record[_("history")] = history(member, clear_ids=clear_ids)
        section(member.delegation.event_id, _("delegation members"), [record])
    for delegation in found.focal_point_of:
        credentials = delegation.credentials_document
        section(delegation.event_id, _("focal point of delegations"), [{
            _("delegation"): delegation.name,
            _("focal point"): delegation.focal_point_name,
            _("focal point's e-mail"): delegation.focal_point_email,
            # The note verbale or nomination letter the focal point sent.
            str(credentials.field.verbose_name): (files.add(delegation, credentials)
                                                   if credentials else None)}])
    # Records shown as they are: (what was found, its event, the section, fields left out).
    plain_records = (
        (found.invitations, lambda r: r.delegation.event_id, _("invitations"), ()),
        (found.proposals, lambda r: r.event_id, _("side-event proposals"), ()),
        (found.sessions, lambda r: r.event_id, _("sessions organised"),
         ("chair", "host_leader", "expected_audience")),
        (found.speaker_slots, lambda r: r.delegation.event_id, _("speakers list"), ()),
        (found.signings, lambda r: r.event_id, _("signings"), ()),
    )
    for records, event_of, title, exclude in plain_records:
        for record in records:
            section(event_of(record), title,
                    [readable(record, files=files, clear_ids=clear_ids, exclude=exclude)])
    for reminder in found.reminders:
        section(reminder.event_id, _("mail sent"), [{
            _("kind"): str(reminder.get_kind_display()), _("for"): plain(reminder.for_date),
            _("status"): str(reminder.mail.get_status_display()),
            _("sent"): plain(reminder.mail.sent_at)}])
    return {
        _("title"): _("Personal data held by Accord"),
        _("generated"): plain(timezone.now()),
        _("ID document numbers"): (_("in clear") if clear_ids else
                                   _("masked: only the last three characters are shown")),
        _("events"): list(by_event.values()),
    }


def _event(event):
    return {_("name"): event.name, _("short name"): event.slug,
            _("first day"): plain(event.start_date), _("last day"): plain(event.end_date)}


# An application's fields as its sender sees them (see the module's docstring).
APPLICATION_SEEN = {"status": status_as_sent}


def _application(application, *, files, clear_ids):
    record = readable(application, files=files, clear_ids=clear_ids, seen=APPLICATION_SEEN)
    record[_("status changes")] = [{
        _("from"): _status_label(move.from_status), _("to"): _status_label(move.to_status),
        _("at"): plain(move.at), _("reason"): move.reason} for move in moves_seen(application)]
    record[_("badges")] = [_badge(badge, files=files) for badge in application.badges.all()]
    record[_("history")] = history(application, clear_ids=clear_ids, seen=APPLICATION_SEEN)
    return record


def _status_label(status):
    return str(ApplicationStatus(status).label) if status else ""


def _badge(badge, *, files):
    return {
        _("badge number"): badge.number,
        _("status"): str(badge.get_status_display()),
        _("access zones"): sorted(zone.code for zone in badge.zones.all()),
        _("valid from"): plain(badge.valid_from), _("valid until"): plain(badge.valid_until),
        _("issued"): plain(badge.issued_at), _("printed"): plain(badge.printed_at),
        _("collected"): plain(badge.collected_at),
        _("scans"): [{_("checkpoint"): scan.checkpoint.name,
                      _("direction"): str(scan.get_direction_display()),
                      _("result"): str(scan.get_result_display()),
                      _("reason"): str(scan.get_reason_display()) if scan.reason else "",
                      _("entered by hand because"): (str(scan.get_manual_reason_display())
                                                     if scan.manual_reason else ""),
                      _("scanned"): plain(scan.scanned_at)}
                     for scan in badge.scans.all()],
        # Batch PDFs hold many people's badges: listed as withheld, never carried.
        _("printed in batches"): [files.add(batch, batch.file)
                                  for batch in badge.batches.all() if batch.file],
    }


def _log(found, *, by, via):
    """One audit-trail entry per event: the kinds and ids of the records exported, who
    asked and when; no name, address or search term (they would outlive a purge)."""
    if "auditlog" not in settings.INSTALLED_APPS:
        return
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from logistics.core.models.event import Event

    content_type = ContentType.objects.get_for_model(Event)
    LogEntry.objects.bulk_create([
        LogEntry(content_type=content_type, object_pk=str(event_id), object_id=event_id,
                 object_repr=f"event {event_id}", action=LogEntry.Action.ACCESS,
                 actor=by, changes_text="personal data export",
                 additional_data={"personal_data_export": records, "via": via or "page"})
        for event_id, records in sorted(found.ids_by_event().items())])
