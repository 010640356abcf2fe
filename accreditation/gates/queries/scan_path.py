"""The statements of the scan endpoint, written by the ORM once per process and then only run
(logistics.core.compiled; the request's API key is looked up the same way, keys/queries.py).

The gates of a morning send hundreds of scans a second, and on this path compiling a query
cost several times running it. The badge's select is built from an ordinary queryset and
the scan's insert from the model's own fields, so a renamed column still follows the models.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection, connections

from accreditation.badges.models import Badge
from accreditation.gates.models import Scan
from logistics.core import compiled

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


@cache
def _badge_select(alias):
    return compiled.first_row_sql(
        Badge.objects.using(alias).filter(pk=0).values_list(*BADGE_FIELDS, *HOLDER_COLUMNS))


def badge_with_holder(badge_id):
    """(badge, holder) in one select, or None. The badge has the fields decide() reads."""
    row = compiled.fetch_one(_badge_select(connection.alias), [badge_id])
    if row is None:
        return None
    badge = compiled.instance(Badge, BADGE_FIELDS, row[:len(BADGE_FIELDS)])
    given, family, organisation, outlet, photo, category, code, colour = row[len(BADGE_FIELDS):]
    holder = Holder(f"{given} {family}".strip(), category, code, colour,
                    organisation or outlet or "", badge.number, badge.application_id,
                    bool(photo))
    return badge, holder


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
