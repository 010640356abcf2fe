"""The master plan's columns in a spreadsheet, and a file read into them (the reading
itself is core.spreadsheet_files')."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from logistics.core.errors import ImportRejected
from logistics.core.spreadsheet_files import Column, RowError, data_rows, normalize, read_grid, text

COLUMNS = (
    Column("code", "code", required=True),
    Column("title", "title", required=True),
    Column("committee", "committee", required=True),
    Column("lead_agency", "lead agency", ("lead",), required=True),
    Column("coordinating_agencies", "coordinating agencies",
           ("coordinating", "coordinatingagency")),
    Column("start_date", "start", ("startdate",)),
    Column("due_date", "due", ("duedate", "deadline"), required=True),
    Column("status", "status"),
    Column("parent", "parent", ("parenttask",)),
    Column("depends_on", "depends-on", ("dependencies",)),
    Column("progress", "progress"),
    Column("description", "description"),
)


HEADERS = {column.key: column.header for column in COLUMNS}


_BY_NAME = {
    normalize(name): column
    for column in COLUMNS for name in (column.header, column.key, *column.aliases)
}


@dataclass
class Table:
    headers: dict  # column key -> the header as written in the file
    rows: list  # (row number as the spreadsheet shows it, {column key: raw cell})


def read_table(data):
    """Bytes of a CSV or XLSX file -> Table. Raises ImportRejected for a file that is not
    a plan: too big, empty, of another kind, without the required columns or data rows."""
    return _table(read_grid(data))


def _table(grid):
    errors, headers, positions = [], {}, {}
    for index, name in enumerate(grid[0]):
        column = _BY_NAME.get(normalize(name)) if name is not None else None
        if column is None:
            continue  # extra columns (notes, colour codes) are the office's own business
        if column.key in headers:
            errors.append(RowError(_("The column appears more than once."), 1,
                                   text(name)))
            continue
        headers[column.key] = text(name)
        positions[column.key] = index
    for column in COLUMNS:
        if column.required and column.key not in headers:
            errors.append(RowError(_('The file has no "%(column)s" column.')
                                   % {"column": column.header}))
    if errors:
        raise ImportRejected(errors)
    return Table(headers=headers, rows=data_rows(grid, positions, headers))
