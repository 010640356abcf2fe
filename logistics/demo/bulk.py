"""A leaner bulk_create for the demo at scale: seed_demo --scale 40 writes about a million
rows, and Django's bulk_create spends most of its time preparing each value of each row
through the generic field machinery (several calls per value) and, on SQLite, in batches of
999 parameters. Here each field's preparation is chosen once: plain strings, numbers and
foreign keys of Django's own fields go to the database as they are, everything else (dates,
JSON, enums, encrypted fields) through the field's own get_db_prep_save, as bulk_create
would. Like bulk_create: no save(), no signals, and the primary keys are set on the
objects (RETURNING, on SQLite and PostgreSQL alike)."""

import sqlite3
from datetime import UTC

from django.db import connection, models
from django.db.models.fields.related import ForeignKey

PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
                models.EmailField, ForeignKey)
PLAIN_VALUES = (str, int, bool, float, type(None))
# Parameters per statement: PostgreSQL takes 65,535; SQLite what it was built with (32,766
# since 3.32), which Django assumes is 999.
POSTGRESQL_PARAMS = 60000


def _max_params():
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return min(limit, 30000)
    if connection.vendor == "postgresql":
        return POSTGRESQL_PARAMS
    return connection.features.max_query_params or 999


def _plain(field):
    return isinstance(field, PLAIN_FIELDS) and type(field).__module__.startswith("django.")


def _getter(field):
    """How to read one field's database value from an unsaved object."""
    if isinstance(field, ForeignKey):
        attname = field.attname

        def related(obj):
            target = field.get_cached_value(obj, None)
            if target is None:
                return getattr(obj, attname)
            if target.pk is None:
                raise ValueError(f"{field}: the related object is not saved yet.")
            return target.pk
        return related
    overridden = type(field).pre_save is not models.Field.pre_save
    if overridden:  # auto_now, auto_now_add, files: the field decides, as on save()
        return lambda obj: field.pre_save(obj, True)
    attname = field.attname
    return lambda obj: getattr(obj, attname)


def _converter(field):
    prep = field.get_db_prep_save
    sqlite = connection.vendor == "sqlite"
    if isinstance(field, models.DateTimeField) and type(field).__module__.startswith("django."):
        # Aware times, as the demo makes them: in UTC as text for SQLite (what its backend
        # writes), as they are for PostgreSQL.
        def moment(value):
            if value is None or value.tzinfo is None:
                return prep(value, connection)
            return str(value.astimezone(UTC).replace(tzinfo=None)) if sqlite else value
        return moment
    if type(field) is models.DateField:
        return lambda value: str(value) if sqlite and value is not None else value
    if _plain(field):
        prep = field.get_db_prep_save

        def convert(value):
            if type(value) in PLAIN_VALUES:
                return value
            return prep(value, connection)
        return convert
    return lambda value: field.get_db_prep_save(value, connection)


def _execute(model, fields, rows, *, returning):
    """INSERT `rows` (lists of database values, one per field) in as few statements as
    the database allows; yields the new primary keys in order when `returning`."""
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, _max_params() // len(fields))
    tail = f" RETURNING {quote(meta.pk.column)}" if returning else ""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start:start + per_statement]
            cursor.execute(f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
                           + ", ".join([row_sql] * len(batch)) + tail,
                           [value for row in batch for value in row])
            if returning:
                yield from (key for key, in cursor.fetchall())


def insert(model, objs):
    """INSERT the unsaved `objs` of `model`; sets their primary keys. Returns `objs`."""
    objs = list(objs)
    if not objs:
        return objs
    pk = model._meta.pk
    # The database numbers the rows (an auto-incremented key is left out).
    fields = [f for f in model._meta.concrete_fields
              if not (f is pk and isinstance(f, models.AutoField))]
    readers = [(_getter(f), _converter(f)) for f in fields]
    rows = [[convert(read(obj)) for read, convert in readers] for obj in objs]
    for obj, key in zip(objs, _execute(model, fields, rows, returning=True), strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def insert_values(model, names, rows):
    """INSERT rows given as tuples of values for the fields `names` (attnames: "badge_id"),
    without making a model instance of each: for link tables and logs of many rows that
    nothing reads back. Fields left out take their database default, so give them all."""
    fields = [model._meta.get_field(name) for name in names]
    converters = [_converter(f) for f in fields]
    rows = [[convert(value) for convert, value in zip(converters, row, strict=True)]
            for row in rows]
    if rows:
        list(_execute(model, fields, rows, returning=False))
    return len(rows)
