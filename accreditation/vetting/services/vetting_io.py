"""Security vetting in the security services' own systems: a batch of applicants goes out as
CSV, and their results come back as CSV.

The export is the only file that carries ID document numbers; only vetting officers make it,
and each one is logged (who, how many rows; never whom). The import is all rows or none:
the whole file is checked first and every error reported with its row; only a clean file
is applied, through application_vet, in one transaction. Each result has a reason (what the
accreditation office reads; a flag needs one) and a note (vetting's own, seen by no one
else)."""

import csv
import io
import logging
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from accreditation import permissions
from accreditation.applications.models.applications import Application
from accreditation.enums import OPEN_STATUSES, VettingStatus
from accreditation.vetting.services.decisions import application_vet
from logistics.core.errors import AccordError, ImportRejected, NotAllowed
from logistics.core.spreadsheet_cells import csv_cell
from logistics.core.spreadsheet_files import RowError

logger = logging.getLogger(__name__)

# A batch a vetting officer can still handle (and a file the server reads in one go).
MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024
EXPORT_COLUMNS = ("reference", "family_name", "given_names", "date_of_birth", "nationality",
                  "id_document_kind", "id_document_number", "id_document_expiry",
                  "organisation", "category", "result", "reason", "note")
CONTENT_TYPE = "text/csv; charset=utf-8"
# Excel opens a CSV as UTF-8 only when the file starts with a byte order mark.
BOM = "\ufeff"
_NOT_TEXT = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff")
RESULTS = {"cleared": True, "flagged": False}


def _require_vetter(by, message):
    if by is None or not permissions.can_vet(by):
        raise NotAllowed(message)


def vetting_export(*, applications, by):
    """A batch to vet as CSV text (with the byte order mark): the first MAX_ROWS of
    `applications` (a queryset from accreditation.vetting.queries), with empty `result`,
    `reason` and `note` columns for the security services to fill in and send back."""
    _require_vetter(by, _("Only security vetting officers export applicants to vet."))
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for application in applications[:MAX_ROWS]:
        # A name typed by an applicant may be a formula: csv_cell keeps every cell text.
        writer.writerow([csv_cell(value) for value in (
            application.reference, application.family_name, application.given_names,
            application.date_of_birth.isoformat() if application.date_of_birth else "",
            application.nationality.code if application.nationality_id else "",
            application.id_document_kind, application.id_document_number,
            application.id_document_expiry.isoformat() if application.id_document_expiry
            else "",
            application.organisation, application.category.code, "", "", "",
        )])
        count += 1
    logger.info("Vetting export by user %s: %s rows.", by.pk, count)
    return out.getvalue()


@dataclass(frozen=True)
class VettingRow:
    number: int
    reference: str
    cleared: bool
    note: str
    reason: str = ""


@dataclass(frozen=True)
class VettingImportResult:
    cleared: int
    flagged: int
    unchanged: int


def _reject(message):
    return ImportRejected([RowError(message)])


def _text(data):
    if len(data) > MAX_BYTES:
        raise _reject(_("The file is larger than 5 MB."))
    if data.startswith(_NOT_TEXT) or b"\x00" in data[:4096]:
        raise _reject(_("This is not a CSV file. Save the results as CSV (UTF-8) and "
                        "import that file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _reject(_("The file is not in UTF-8. Save it as “CSV UTF-8” and import it "
                        "again.")) from None


def _header_key(name):
    return re.sub(r"[\W_]+", "", name or "").casefold()


def _result_of(text):
    """cleared/flagged, in any case, or their names in the reader's language."""
    key = (text or "").strip().casefold()
    names = {**{value: value for value in RESULTS},
             str(VettingStatus.CLEARED.label).casefold(): "cleared",
             str(VettingStatus.FLAGGED.label).casefold(): "flagged"}
    return names.get(key)


def read_results(data):
    """Bytes of a results file -> ([VettingRow], [RowError]): the rows that read well, and
    the problems of the others. A file that cannot be read at all raises ImportRejected."""
    text = _text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise _reject(_("This is not a CSV file that can be read: check its quotes.")) \
            from None
    if not grid or not any(cell.strip() for row in grid for cell in row):
        raise _reject(_("The file is empty."))
    headers = {_header_key(name): index for index, name in reversed(list(enumerate(grid[0])))}
    missing = [name for name in ("reference", "result") if name not in headers]
    if missing:
        raise ImportRejected([RowError(
            _("The first row must name the columns; %(columns)s is missing.")
            % {"columns": ", ".join(f"“{name}”" for name in missing)}, 1)])
    if len(grid) - 1 > MAX_ROWS:
        raise _reject(_("The file has more than %(count)s rows; import it in parts.")
                      % {"count": MAX_ROWS})

    def cell(row, name):
        index = headers.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    rows, errors = [], []
    for number, row in enumerate(grid[1:], start=2):
        if not any(value.strip() for value in row):
            continue
        reference, result = cell(row, "reference").upper(), cell(row, "result")
        note, reason = cell(row, "note"), cell(row, "reason")
        if not reference:
            errors.append(RowError(_("The reference is missing."), number))
            continue
        outcome = _result_of(result)
        if outcome is None:
            errors.append(RowError(
                _("“%(result)s” is not a result: write “cleared” or “flagged”.")
                % {"result": result} if result else
                _("The result is missing: write “cleared” or “flagged”."), number))
            continue
        if outcome == "flagged" and not reason:
            errors.append(RowError(_("%(reference)s is flagged without a reason: say why, in "
                                     "words the accreditation office may read (the note is "
                                     "for vetting only).")
                                   % {"reference": reference}, number))
            continue
        rows.append(VettingRow(number, reference, RESULTS[outcome], note, reason))
    if not rows and not errors:
        raise _reject(_("The file has no results, only its header row."))
    return rows, errors


def _check_against_database(event, rows):
    found = {a.reference: a for a in Application.objects.filter(
        event=event, reference__in={row.reference for row in rows})}
    errors, seen = [], {}
    for row in rows:
        application = found.get(row.reference)
        if row.reference in seen:
            errors.append(RowError(_("%(reference)s is also on row %(row)s: give one result "
                                     "per applicant.")
                                   % {"reference": row.reference, "row": seen[row.reference]},
                                   row.number))
            continue
        seen[row.reference] = row.number
        if application is None:
            errors.append(RowError(_("No application of this event has the reference "
                                     "%(reference)s.") % {"reference": row.reference},
                                   row.number))
        elif application.vetting == VettingStatus.NOT_REQUIRED:
            errors.append(RowError(_("%(reference)s is in a category that is not vetted.")
                                   % {"reference": row.reference}, row.number))
        elif application.status not in OPEN_STATUSES:
            errors.append(RowError(_("%(reference)s is closed (%(status)s): it is no longer "
                                     "vetted.")
                                   % {"reference": row.reference,
                                      "status": application.get_status_display().lower()},
                                   row.number))
    return found, errors


def vetting_import(*, event, by, data):
    """Apply a results file (bytes) to the event's applications; returns the counts. Raises
    ImportRejected listing every error, and then nothing is written."""
    _require_vetter(by, _("Only security vetting officers import vetting results."))
    rows, errors = read_results(data)
    with transaction.atomic():
        found, unknown = _check_against_database(event, rows)
        errors = sorted([*errors, *unknown], key=lambda error: error.row)
        if errors:
            raise ImportRejected(errors)
        cleared = flagged = unchanged = 0
        # Rows locked in primary-key order: two imports of overlapping batches wait for one
        # another instead of deadlocking.
        for row in sorted(rows, key=lambda row: found[row.reference].pk):
            application = found[row.reference]
            state = VettingStatus.CLEARED if row.cleared else VettingStatus.FLAGGED
            if (application.vetting, application.vetting_note, application.vetting_reason) == (
                    state, row.note, row.reason):
                unchanged += 1
                continue
            try:
                application_vet(application=application, by=by, cleared=row.cleared,
                                note=row.note, reason=row.reason)
            except AccordError as error:  # closed meanwhile: the whole file goes back
                raise ImportRejected([RowError(error.message, row.number)]) from error
            if row.cleared:
                cleared += 1
            else:
                flagged += 1
    logger.info("Vetting import by user %s: %s cleared, %s flagged, %s unchanged.",
                by.pk, cleared, flagged, unchanged)
    return VettingImportResult(cleared=cleared, flagged=flagged, unchanged=unchanged)

