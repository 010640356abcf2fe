"""The master plan as a spreadsheet: its columns, and reading and writing CSV and XLSX.

No database here: this module turns bytes into rows of raw cells and back. The import
service (logistics.plan.services.plan_io) decides what the cells mean."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

import openpyxl
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.xml.functions import iterparse

from logistics.core.errors import ImportRejected
from logistics.core.spreadsheet_cells import csv_cell, defuse, restore
from logistics.core.unpacking import TooBigToOpen, check_zip

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0"  # the old binary .xls


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple = ()
    required: bool = False


def normalize(name):
    """"Lead agency", "lead_agency" and "LEAD-AGENCY" are the same column."""
    return re.sub(r"[\W_]+", "", str(name)).casefold()


def choice_lookup(enum):
    """A cell's words -> the enum's value: each value and label, in English and in the
    reader's language, normalised, so that a cell may say either."""
    lookup = {}
    for value, label in enum.choices:
        with translation.override("en"):
            english = str(label)
        for name in (value, english, str(label)):
            lookup[normalize(name)] = value
    return lookup


@dataclass(frozen=True)
class RowError:
    """One problem in an import file, where a spreadsheet user would look for it."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self):
        if self.row and self.column:
            return _('Row %(row)s, column "%(column)s": %(message)s') % {
                "row": self.row, "column": self.column, "message": self.message}
        if self.row:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


def rejection(message):
    return ImportRejected([RowError(message)])


class Grid(list):
    """Rows of raw cells, the header first. For a workbook it also knows the cells whose
    value the reader cannot see: `merged` maps a row to the merged ranges across it, as
    (first column, first row, last column, "B5:D5"), `formulas` holds the (row, column) of
    each formula cell saved without its value (both counted from 1, as the spreadsheet
    shows them)."""

    merged = {}
    formulas = frozenset()

    def hidden_cell(self, row, column):
        """Why the cell at `row`, `column` (from 1) shows empty, or None."""
        if (row, column) in self.formulas:
            return _("the cell holds a formula whose value was not saved; paste values only "
                     "(Paste special → Values) and save again.")
        for first_column, first_row, last_column, ref in self.merged.get(row, ()):
            if first_column <= column <= last_column and (row, column) != (first_row,
                                                                             first_column):
                return _("the cell is merged with others (%(range)s); unmerge it and put the "
                         "value in each cell.") % {"range": ref}
        return None


def data_rows(grid, positions, headers):
    """The data rows of `grid` as (row number, {column key: raw cell}) for the columns at
    `positions`, blank rows left out: what every import checks. Raises ImportRejected for an
    empty cell the file does hold a value for, out of the reader's sight (a merged cell, a
    formula saved without its value), so that it is not taken for a missing value."""
    rows, errors = [], []
    for number, cells in enumerate(grid[1:], start=2):
        row = {key: cells[index] if index < len(cells) else None
               for key, index in positions.items()}
        if isinstance(grid, Grid):
            for key, index in positions.items():
                reason = is_blank([row[key]]) and grid.hidden_cell(number, index + 1)
                if reason:
                    errors.append(RowError(reason, number, headers[key]))
        if not is_blank(cells):
            rows.append((number, row))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise rejection(_("The file has a header row but no data rows."))
    return rows


def read_grid(data, *, max_rows=MAX_ROWS):
    """Bytes of a CSV or XLSX file -> rows of raw cells, the header first: what every import
    reads (the plan, applications, delegation members). The kind is told by the content,
    never by the file's name. Raises ImportRejected for a file too big, of another kind, with
    more than `max_rows` data rows, or empty."""
    if len(data) > MAX_BYTES:
        raise rejection(_("The file is larger than 5 MB."))
    if data.startswith(_ZIP):
        grid = xlsx_rows(data)
    elif data.startswith(_OLE2):
        raise rejection(_("Old Excel files (.xls) cannot be read; save the file as .xlsx or "
                          "CSV."))
    else:
        grid = _csv_rows(data)
    if len(grid) > max_rows + 1:
        raise rejection(_("The file has more than %(count)s rows; split it.")
                        % {"count": max_rows})
    if all(is_blank(row) for row in grid):
        raise rejection(_("The file is empty."))
    return grid


def is_blank(cells):
    """A row with nothing in it (a spreadsheet's empty lines are skipped, not errors)."""
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _not_a_plan():
    return rejection(_("The file is neither a CSV file in UTF-8 nor an Excel workbook "
                       "(.xlsx)."))


def _csv_rows(data):
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_a_plan() from None
    if "\x00" in content:
        raise _not_a_plan()
    # Excel where the decimal separator is a comma (Vietnamese among them) saves with ";".
    first_line = content.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return [[restore(cell) for cell in row]
                for row in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise rejection(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None


def xlsx_rows(data):
    """Bytes of an XLSX workbook -> the rows of raw cells of its first sheet (at most
    MAX_ROWS + 2). Raises ImportRejected for a workbook that cannot be read, or that declares
    more than it may unpack (logistics.core.unpacking), before openpyxl reads any of it."""
    try:
        check_zip(data)
    except TooBigToOpen as error:
        raise rejection(error.message) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                return []
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some writers store a wrong size; read what is there
            grid = Grid([restore(cell) if isinstance(cell, str) else cell for cell in row]
                        for row in islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2))
            # openpyxl's read-only sheet keeps neither; its source is the sheet's XML.
            source = sheet._get_source()
            try:
                grid.merged, grid.formulas = _hidden_cells(source)
            finally:
                source.close()
            return grid
        finally:
            workbook.close()
    except Exception:  # a damaged or foreign zip fails in many different ways inside openpyxl
        raise rejection(_("The file is a zip archive but not an Excel workbook (.xlsx) that "
                          "can be read.")) from None


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# More than any real sheet has (formula cells, and rows crossed by merged ranges); past it a
# file could make the lookups cost memory and time.
MAX_HIDDEN_CELLS = 10_000


def _hidden_cells(source):
    """The merged ranges (by row) and the formula cells without a saved value of a sheet's
    XML, read as a stream: each row is dropped once seen, so a large sheet costs no more
    memory."""
    merged, crossed, formulas = {}, 0, set()
    for _event, element in iterparse(source):
        if element.tag == f"{_MAIN}c":
            value = element.find(f"{_MAIN}v")
            if (element.find(f"{_MAIN}f") is not None and (value is None or not value.text)
                    and element.get("r") and len(formulas) < MAX_HIDDEN_CELLS):
                formulas.add(coordinate_to_tuple(element.get("r")))
        elif element.tag == f"{_MAIN}row":
            element.clear()
        elif element.tag == f"{_MAIN}mergeCell" and ":" in element.get("ref", ""):
            ref = element.get("ref")
            first_column, first_row, last_column, last_row = range_boundaries(ref)
            if None in (first_column, first_row, last_column, last_row):
                continue  # a whole row or column: no writer merges those
            for row in range(first_row, min(last_row, MAX_ROWS + 2) + 1):
                if crossed == MAX_HIDDEN_CELLS:
                    break
                merged.setdefault(row, []).append((first_column, first_row, last_column, ref))
                crossed += 1
    return merged, frozenset(formulas)


def text(value):
    """A cell as text: numbers without a spurious ".0", dates as ISO, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(value):
    """A date cell, "YYYY-MM-DD" or "DD/MM/YYYY" -> date; empty -> None; else ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    if match := _ISO.fullmatch(raw):
        year, month, day = match.groups()
    elif match := _DMY.fullmatch(raw):
        day, month, year = match.groups()
    else:
        raise ValueError(raw)
    return date(int(year), int(month), int(day))


def parse_list(value):
    """"MOFA; MOH, VNA" -> ["MOFA", "MOH", "VNA"], without repeats."""
    items = (item.strip() for item in re.split(r"[;,]", text(value)))
    return list(dict.fromkeys(item for item in items if item))


def write_csv(rows):
    """Rows (the header first) -> CSV bytes with a BOM, so that Excel reads UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(rows, *, title):
    """Rows (the header first) -> XLSX bytes; dates become date cells, numbers number cells,
    text stays text (defused as in a CSV file, and never a formula cell)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = defuse(ILLEGAL_CHARACTERS_RE.sub("", value)) or None
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula cell, whatever openpyxl guesses
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            if row_number == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
