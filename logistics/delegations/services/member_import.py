"""A delegation's members from a spreadsheet (CSV or XLSX) its focal point uploads through the
registration link. All rows or none, as the plan import: the whole file is read and every
row checked by the registration form's own member form (the same rules as a row typed in the
page), every error is reported with its row and column, and only a clean file that fits in
the quota is written, through registration_submit. Photos do not travel in a spreadsheet:
each member's is chosen in the page afterwards."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from logistics.core import spreadsheet_files
from logistics.core.errors import ImportRejected
from logistics.core.spreadsheet_files import (
    Column,
    RowError,
    choice_lookup,
    normalize,
    parse_date,
    text,
)
from logistics.delegations.enums import Gender
from logistics.delegations.models import Country, Delegation
from logistics.delegations.registration.forms import MemberForm
from logistics.delegations.services.invitations import invitation_open, registration_submit

# More rows than any quota allows is not a delegation's list: refused before it is read.
MAX_ROWS = 1_000

COLUMNS = (
    Column("family_name", "family name", ("surname", "last name"), required=True),
    Column("given_names", "given names", ("given name", "first name", "first names")),
    Column("title", "title or function", ("title", "function")),
    Column("gender", "gender", ("sex",)),
    Column("date_of_birth", "date of birth", ("birth date", "dob")),
    Column("nationality", "nationality", ("citizenship",)),
    Column("email", "e-mail", ("email", "e-mail address")),
    Column("is_head", "head of delegation", ("head",)),
    Column("in_list_of_participants", "in the list of participants",
           ("list of participants", "published", "publish")),
    Column("id_document_number", "ID document number", ("document number",
                                                        "passport number")),
    Column("id_document_expiry", "ID document expiry", ("document expiry", "passport expiry")),
    Column("hotel", "hotel"),
    Column("arrival_at", "arrival", ("arrival date", "arrival time")),
    Column("arrival_flight", "arrival flight"),
    Column("arrival_airport", "arrival airport"),
    Column("departure_at", "departure", ("departure date", "departure time")),
    Column("departure_flight", "departure flight"),
    Column("departure_airport", "departure airport"),
    Column("dietary_needs", "dietary needs", ("diet",)),
    Column("accessibility_needs", "accessibility needs", ("accessibility",)),
)
HEADERS = {column.key: column.header for column in COLUMNS}
_BY_NAME = {normalize(name): column
            for column in COLUMNS for name in (column.header, column.key, *column.aliases)}
# What a spreadsheet user writes in the "head of delegation" column for yes.
YES = frozenset({"yes", "y", "x", "true", "1", "oui", "sí", "si", "да", "是", "نعم"})
TEMPLATE_FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": spreadsheet_files.XLSX_CONTENT_TYPE}
TEMPLATE_TITLE = gettext_lazy("Members")


def template_rows():
    """The import file's header row and one example row, as the template offers them."""
    example = {"family_name": "NGUYEN", "given_names": "Thi Lan", "title": "Minister",
               "gender": "female", "date_of_birth": "1970-05-31", "nationality": "VN",
               "is_head": "yes", "in_list_of_participants": "yes", "id_document_number": "B1234567",
               "id_document_expiry": "2031-01-31", "arrival_flight": "VN 18",
               "arrival_airport": "HAN"}
    return [[column.header for column in COLUMNS],
            [example.get(column.key, "") for column in COLUMNS]]


def template_file(fmt):
    rows = template_rows()
    if fmt == "xlsx":
        return spreadsheet_files.write_xlsx(rows, title=str(TEMPLATE_TITLE))
    return spreadsheet_files.write_csv(rows)


def _header(grid):
    errors, positions, headers = [], {}, {}
    for index, name in enumerate(grid[0]):
        column = _BY_NAME.get(normalize(name)) if name is not None else None
        if column is None:
            continue  # a column of the delegation's own (notes) is no error
        if column.key in positions:
            errors.append(RowError(_("The column appears more than once."), 1, text(name)))
            continue
        positions[column.key], headers[column.key] = index, text(name)
    for column in COLUMNS:
        if column.required and column.key not in positions:
            errors.append(RowError(_('The file has no "%(column)s" column.')
                                   % {"column": column.header}))
    if errors:
        raise ImportRejected(errors)
    return positions, headers



class _Rows:
    """Turns each row's cells into what the member form is given, as the page would post
    them; what cannot be said that way (an unknown country) is an error of its own."""

    def __init__(self, headers):
        self.headers = headers
        self.errors = []
        countries = list(Country.objects.all())
        # "Viet Nam", "Vietnam" and "VN" are one country.
        self.countries = ({normalize(c.name): c for c in countries}
                          | {normalize(c.code): c for c in countries})
        self.genders = choice_lookup(Gender)

    def error(self, number, key, message):
        self.errors.append(RowError(str(message), number, self.headers.get(key, HEADERS.get(key))))

    def data(self, number, cells):
        data = {}
        for key, raw in cells.items():
            if key in ("date_of_birth", "id_document_expiry"):
                data[key] = self._date(number, key, raw)
            elif key in ("arrival_at", "departure_at"):
                data[key] = (raw.strftime("%Y-%m-%dT%H:%M") if isinstance(raw, datetime)
                             else text(raw))
            elif key == "nationality":
                data[key] = self._lookup(number, key, raw, self.countries, _(
                    "Unknown country “%(value)s”: give its ISO code (VN) or its English "
                    "name."))
            elif key == "gender":
                data[key] = self._lookup(number, key, raw, self.genders, _(
                    "“%(value)s” is not a gender: female, male or other."))
            elif key in ("is_head", "in_list_of_participants"):
                if text(raw).casefold() in YES or text(raw).casefold() == _("yes").casefold():
                    data[key] = "on"
            else:
                data[key] = text(raw)
        return data

    def _date(self, number, key, raw):
        try:
            value = parse_date(raw)
        except (ValueError, TypeError):
            self.error(number, key, _("“%(value)s” is not a date: write YYYY-MM-DD or "
                                      "DD/MM/YYYY.") % {"value": text(raw)})
            return ""
        return value.isoformat() if value else ""

    def _lookup(self, number, key, raw, table, message):
        value = text(raw)
        if not value:
            return ""
        found = table.get(normalize(value))
        if found is None:
            self.error(number, key, message % {"value": value})
            return ""
        return getattr(found, "pk", found)


def _table(grid):
    positions, headers = _header(grid)
    return spreadsheet_files.data_rows(grid, positions, headers), headers


@transaction.atomic
def registration_members_import(*, token, data, consented_at=None):
    """Add the members of a CSV or XLSX file (bytes) to the delegation of the registration
    link `token`. Raises ImportRejected listing every error (nothing is then written),
    InvitationUnusable for a link that no longer works. Returns the number added.
    `consented_at`: when the focal point agreed to the privacy notice, recorded with it."""
    invitation = invitation_open(token)
    grid = spreadsheet_files.read_grid(data, max_rows=MAX_ROWS)
    rows, headers = _table(grid)
    # The quota is counted under the delegation's lock, as every addition is.
    delegation = (Delegation.objects.select_for_update(of=("self",)).select_related("event")
                  .get(pk=invitation.delegation_id))
    event = delegation.event
    count = delegation.members.count()
    if count + len(rows) > delegation.size_quota:
        raise ImportRejected([RowError(
            _("The file has %(rows)s members; %(name)s may register %(quota)s and has "
              "%(count)s already, so %(room)s more at most.")
            % {"rows": len(rows), "name": delegation.name, "quota": delegation.size_quota,
               "count": count, "room": max(0, delegation.size_quota - count)})])
    check = _Rows(headers)
    members, heads = [], []
    for number, cells in rows:
        before = len(check.errors)
        form = MemberForm(check.data(number, cells), event=event)
        # Times in the file are the host's, as in the page.
        with timezone.override(event.tz):
            valid = form.is_valid()
        if not valid:
            for name, messages in form.errors.items():
                for message in messages:
                    if name in HEADERS:
                        check.error(number, name, message)
                    else:
                        check.errors.append(RowError(message, number))
        if form.data.get("is_head"):
            heads.append(number)
        if len(check.errors) == before:
            members.append(form.service_fields())
    if len(heads) > 1:
        check.errors.append(RowError(
            _("Rows %(rows)s each name a head of delegation; a delegation has one.")
            % {"rows": ", ".join(str(number) for number in heads)}))
    if check.errors:
        raise ImportRejected(sorted(check.errors, key=lambda error: error.row or 0))
    registration_submit(token=token, details={}, members=members, consented_at=consented_at)
    return len(members)
