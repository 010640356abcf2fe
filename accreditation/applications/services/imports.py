"""Applications imported from a spreadsheet by the accreditation office (staff, security,
liaison officers, exhibitors... whoever does not apply on a form). All rows or none: the
whole file is read and checked first and every error is reported with its row and column;
only a clean file is written, each row through application_create, in one transaction.

A row naming the ID document or e-mail of a live application (or of an earlier row) is no
error: application_create holds it as a possible duplicate, and the result names it with the
application it may duplicate, never why (only security vetting reads that)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation import permissions
from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_create
from accreditation.enums import (
    MEDIA_KINDS,
    ApplicationSource,
    ApplicationStatus,
    IdDocumentKind,
    MediaRole,
)
from accreditation.setup.models import AccreditationCategory, MediaOutlet
from logistics.core import spreadsheet_files
from logistics.core.errors import AccordError, ImportRejected
from logistics.core.models.event import Event
from logistics.core.permissions import require
from logistics.core.spreadsheet_files import (
    Column,
    RowError,
    choice_lookup,
    normalize,
    parse_date,
    text,
)
from logistics.delegations.enums import Gender
from logistics.delegations.models import Country

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000

COLUMNS = (
    Column("category", "category", ("category code", "categorycode"), required=True),
    Column("family_name", "family name", ("surname", "last name")),
    Column("given_names", "given names", ("given name", "first name", "first names")),
    Column("gender", "gender", ("sex",)),
    Column("date_of_birth", "date of birth", ("birth date", "dob")),
    Column("nationality", "nationality", ("citizenship",)),
    Column("email", "e-mail", ("email", "e-mail address")),
    Column("organisation", "organisation", ("organization",)),
    Column("function", "function", ("position", "job title")),
    Column("id_document_kind", "ID document kind", ("ID document", "document kind")),
    Column("id_document_number", "ID document number", ("document number",
                                                        "passport number")),
    Column("id_document_expiry", "ID document expiry", ("document expiry", "passport expiry")),
    Column("outlet", "outlet name", ("outlet", "media outlet")),
    Column("media_role", "media role", ("role",)),
)
HEADERS = {column.key: column.header for column in COLUMNS}
_BY_NAME = {normalize(name): column
            for column in COLUMNS for name in (column.header, column.key, *column.aliases)}
# The family name is required of every row, but a file may call it "surname": checked after
# the header is matched.
REQUIRED = ("category", "family_name")
LENGTHS = {name: Application._meta.get_field(name).max_length
           for name in ("family_name", "given_names", "organisation", "function", "email")}
ID_NUMBER_MAX = 40


@dataclass(frozen=True)
class ImportResult:
    created: int
    # (reference, reference of the application it may duplicate or ""), of the rows held.
    held: tuple = ()


def template_rows():
    """The header row of the import file, as the template offers it."""
    return [[column.header for column in COLUMNS]]


def _fold_outlet(name):
    return " ".join(name.split()).casefold()



def read_grid(data):
    """Bytes of a CSV or XLSX file -> rows of cells (the header first)."""
    return spreadsheet_files.read_grid(data, max_rows=MAX_ROWS)


def _header(grid):
    errors, positions, headers = [], {}, {}
    for index, name in enumerate(grid[0]):
        column = _BY_NAME.get(normalize(name)) if name is not None else None
        if column is None:
            continue  # notes and other columns are the office's own business
        if column.key in positions:
            errors.append(RowError(_("The column appears more than once."), 1, text(name)))
            continue
        positions[column.key] = index
        headers[column.key] = text(name)
    for key in REQUIRED:
        if key not in positions:
            errors.append(RowError(_('The file has no "%(column)s" column.')
                                   % {"column": HEADERS[key]}))
    if errors:
        raise ImportRejected(errors)
    return positions, headers


class _Check:
    """Reads each row into the keyword arguments of application_create, collecting every
    error on the way."""

    def __init__(self, event, headers):
        self.event = event
        self.headers = headers
        self.errors = []
        self.today = timezone.localdate()
        categories = list(AccreditationCategory.objects.filter(event=event))
        self.categories = ({normalize(c.name): c for c in categories}
                           | {normalize(c.code): c for c in categories})
        countries = list(Country.objects.all())
        # "Viet Nam", "Vietnam" and "VN" are one country.
        self.countries = ({normalize(c.name): c for c in countries}
                          | {normalize(c.code): c for c in countries})
        self.outlets = {_fold_outlet(o.name): o
                        for o in MediaOutlet.objects.filter(event=event)}
        self.genders = choice_lookup(Gender)
        self.document_kinds = choice_lookup(IdDocumentKind)
        self.roles = choice_lookup(MediaRole)

    def error(self, number, key, message):
        self.errors.append(RowError(message, number, self.headers.get(key)))

    def _lookup(self, number, key, raw, table, message):
        value = text(raw)
        if not value:
            return None
        found = table.get(_fold_outlet(value) if key == "outlet" else normalize(value))
        if found is None:
            self.error(number, key, message % {"value": value})
        return found

    def _date(self, number, key, raw):
        try:
            return parse_date(raw)
        except (ValueError, TypeError):
            self.error(number, key, _("“%(value)s” is not a date: write YYYY-MM-DD or "
                                      "DD/MM/YYYY.") % {"value": text(raw)})
            return None

    def row(self, number, cells):
        before = len(self.errors)
        fields = {}
        for key in ("family_name", "given_names", "organisation", "function"):
            fields[key] = text(cells.get(key))
        if not fields["family_name"]:
            self.error(number, "family_name", _("The family name is missing."))
        for key, limit in LENGTHS.items():
            if key != "email" and len(fields[key]) > limit:
                self.error(number, key, _("At most %(count)s characters.") % {"count": limit})
        category = self._lookup(number, "category", cells.get("category"), self.categories,
                                _("No category “%(value)s” in this event."))
        if category is None and not text(cells.get("category")):
            self.error(number, "category", _("The category is missing."))
        fields["gender"] = self._lookup(number, "gender", cells.get("gender"), self.genders,
                                        _("“%(value)s” is not a gender: female, male or "
                                          "other.")) or ""
        fields["date_of_birth"] = self._date(number, "date_of_birth",
                                             cells.get("date_of_birth"))
        if fields["date_of_birth"] and fields["date_of_birth"] >= self.today:
            self.error(number, "date_of_birth", _("The date of birth is not in the past."))
        fields["nationality"] = self._lookup(
            number, "nationality", cells.get("nationality"), self.countries,
            _("Unknown country “%(value)s”: give its ISO code (VN) or its English name."))
        fields["email"] = self._email(number, cells.get("email"))
        fields["id_document_kind"] = self._lookup(
            number, "id_document_kind", cells.get("id_document_kind"), self.document_kinds,
            _("“%(value)s” is not an ID document: passport or national ID.")) or ""
        fields["id_document_number"] = text(cells.get("id_document_number"))
        if len(fields["id_document_number"]) > ID_NUMBER_MAX:
            self.error(number, "id_document_number",
                       _("At most %(count)s characters.") % {"count": ID_NUMBER_MAX})
        fields["id_document_expiry"] = self._date(number, "id_document_expiry",
                                                  cells.get("id_document_expiry"))
        self._media(number, cells, category, fields)
        return (category, fields) if len(self.errors) == before else None

    def _email(self, number, raw):
        email = text(raw)
        if not email:
            return ""
        try:
            validate_email(email)
        except ValidationError:
            self.error(number, "email", _("“%(value)s” is not an e-mail address.")
                       % {"value": email})
        if len(email) > LENGTHS["email"]:
            self.error(number, "email", _("At most %(count)s characters.")
                       % {"count": LENGTHS["email"]})
        return email

    def _media(self, number, cells, category, fields):
        media = category is not None and category.kind in MEDIA_KINDS
        outlet = self._lookup(number, "outlet", cells.get("outlet"), self.outlets,
                              _("No outlet “%(value)s” in the list: add it first."))
        role = self._lookup(number, "media_role", cells.get("media_role"), self.roles,
                            _("“%(value)s” is not a media role: reporter, photographer, "
                              "camera operator, technician or editor."))
        if category is None:
            return
        if media:
            if outlet is None and not text(cells.get("outlet")):
                self.error(number, "outlet", _("A media category needs the outlet."))
            if role is None and not text(cells.get("media_role")):
                self.error(number, "media_role", _("A media category needs the media role."))
            fields.update(outlet=outlet, media_role=role or "")
        elif text(cells.get("outlet")) or text(cells.get("media_role")):
            key = "outlet" if text(cells.get("outlet")) else "media_role"
            self.error(number, key, _("Only media categories have an outlet and a media "
                                      "role; %(category)s is not one.")
                       % {"category": category.name})

def applications_import(*, event, by, data):
    """Import a CSV or XLSX file (bytes) of applications into `event`, as submitted by the
    office. Raises ImportRejected listing every error, and then nothing is written."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office imports applications."))
    grid = read_grid(data)
    positions, headers = _header(grid)
    table = spreadsheet_files.data_rows(grid, positions, headers)
    with transaction.atomic():
        # One import into an event at a time: the second checks its file against what the
        # first wrote.
        Event.objects.select_for_update().filter(pk=event.pk).first()
        check = _Check(event, headers)
        rows = [(number, check.row(number, cells)) for number, cells in table]
        if check.errors:
            raise ImportRejected(check.errors)
        held = []
        for number, (category, fields) in rows:
            try:
                application = application_create(event=event, category=category,
                                                  source=ApplicationSource.IMPORT, by=by,
                                                  **fields)
            except AccordError as error:
                details = [message for messages in error.fields.values()
                           for message in messages if message != error.message]
                check.errors.append(RowError(" ".join([error.message, *details]), number))
                continue
            if application.status == ApplicationStatus.POSSIBLE_DUPLICATE:
                other = application.duplicate_of
                held.append((application.reference, other.reference if other else ""))
        if check.errors:
            raise ImportRejected(check.errors)
    return ImportResult(created=len(rows), held=tuple(held))
