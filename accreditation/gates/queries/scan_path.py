"""The statements of the scan endpoint, written by the ORM once per process and then only run.

On this path compiling a query cost several times what running it does (a select of the
badge with its holder: 1.5 ms to compile, 0.05 ms to run on SQLite), and the gates of a
morning send hundreds of scans a second. Each statement here is built from an ordinary
queryset or the model's own fields, so a renamed column still follows the models. They run
on Django's own cursor, as every query does: on PostgreSQL its parameters are bound on the
server, so psycopg prepares a statement run often and PostgreSQL keeps its plan (settings,
DATABASES' OPTIONS).
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.db import connection, connections, models
from django.utils import timezone

from accreditation.badges.models import Badge
from accreditation.gates.models import Scan
from accreditation.keys.models import ApiKey

# What decide() reads of a badge, in the model's field order (Model.from_db() wants that).
BADGE_FIELDS = tuple(f.attname for f in Badge._meta.concrete_fields if f.attname in {
    "id", "event_id", "category_id", "application_id", "number", "nonce", "zone_codes",
    "valid_from", "valid_until", "status", "collected_at"})
HOLDER_COLUMNS = ("application__given_names", "application__family_name",
                  "application__organisation", "application__outlet__name",
                  "application__photo", "category__name", "category__code",
                  "category__badge_colour")


@dataclass(frozen=True)
class Holder:
    """Who a badge belongs to, as the guard compares them with the person in front."""

    name: str
    category: str
    category_code: str
    colour: str
    organisation: str
    badge_number: str
    application_id: int
    has_photo: bool

    @classmethod
    def of(cls, badge):
        """From a badge loaded by the ORM, with its application (and outlet) and category."""
        application, category = badge.application, badge.category
        outlet = application.outlet.name if application.outlet_id else ""
        return cls(application.full_name, category.name, category.code,
                   category.badge_colour, application.organisation or outlet, badge.number,
                   application.pk, bool(application.photo))


API_KEY_FIELDS = tuple(f.attname for f in ApiKey._meta.concrete_fields)


@cache
def _sql(alias, name):
    if name == "badge":
        query = Badge.objects.using(alias).filter(pk=0).values_list(*BADGE_FIELDS,
                                                                    *HOLDER_COLUMNS)
    else:
        query = ApiKey.objects.using(alias).filter(digest="").values_list(*API_KEY_FIELDS)
    return query.order_by()[:1].query.sql_with_params()[0]


@cache
def _converters(model, names):
    """Per column: (field, kind), kind 0 as is, 1 a datetime, 2 a date (see _instance)."""
    out = []
    for name in names:
        field = model._meta.get_field(name)  # attnames too: application_id
        kind = (1 if isinstance(field, models.DateTimeField)
                else 2 if isinstance(field, models.DateField) else 0)
        out.append((field, hasattr(field, "from_db_value"), kind))
    return tuple(out)


def _instance(model, names, values):
    """A model instance from raw column values, converted as the ORM converts them."""
    converted = []
    for (field, from_db, kind), value in zip(_converters(model, names), values, strict=True):
        if from_db:
            value = field.from_db_value(value, None, connection)
        if kind == 1:
            if isinstance(value, str):
                value = datetime.fromisoformat(value)
            if value is not None and timezone.is_naive(value):
                value = value.replace(tzinfo=UTC)  # SQLite keeps UTC without saying so
        elif kind == 2:
            value = field.to_python(value)
        converted.append(value)
    return model.from_db(connection.alias, names, converted)


def badge_with_holder(badge_id):
    """(badge, holder) in one select, or None. The badge has the fields decide() reads."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.alias, "badge"), [badge_id])
        row = cursor.fetchone()
    if row is None:
        return None
    badge = _instance(Badge, BADGE_FIELDS, row[:len(BADGE_FIELDS)])
    given, family, organisation, outlet, photo, category, code, colour = row[len(BADGE_FIELDS):]
    holder = Holder(f"{given} {family}".strip(), category, code, colour,
                    organisation or outlet or "", badge.number, badge.application_id,
                    bool(photo))
    return badge, holder


def api_key(digest):
    """The ApiKey with this digest, or None."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.alias, "api_key"), [digest])
        row = cursor.fetchone()
    return None if row is None else _instance(ApiKey, API_KEY_FIELDS, row)


@cache
def _insert(alias):
    db = connections[alias]
    fields = [f for f in Scan._meta.concrete_fields if not f.primary_key]
    table = db.ops.quote_name(Scan._meta.db_table)
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    returning = db.features.can_return_columns_from_insert
    if returning:
        sql += " " + db.ops.return_insert_columns([Scan._meta.pk])[0]
    return fields, sql, returning


def scan_insert(scan):
    """INSERT the scan, its values prepared as Model.save() prepares them (received_at is
    set by pre_save), and give it its id. Raises IntegrityError as save() would."""
    fields, sql, returning = _insert(connection.alias)
    values = [f.get_db_prep_save(f.pre_save(scan, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        scan.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    scan._state.adding, scan._state.db = False, connection.alias
    return scan
