"""Selects compiled by the ORM once per process and then only run, for the hottest reads (a
gate's scan and its API key: compiling the badge's select with its holder cost 1.5 ms,
running it 0.05 ms on SQLite). Each statement is built from an ordinary queryset, so a
renamed column still follows the models, and runs on Django's own cursor, as every query
does: counted by the query-count tests, prepared on PostgreSQL (config/settings.py)."""

from datetime import UTC, datetime
from functools import cache

from django.db import connection, models
from django.utils import timezone

AS_IS, A_DATETIME, A_DATE = range(3)


def first_row_sql(queryset):
    """The SQL of the queryset's first row, its one parameter left as a placeholder: build
    the queryset with a stand-in value (filter(pk=0)), then run the SQL with the real one."""
    return queryset.order_by()[:1].query.sql_with_params()[0]


def fetch_one(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


@cache
def _converters(model, names):
    out = []
    for name in names:
        field = model._meta.get_field(name)  # attnames too: application_id
        kind = (A_DATETIME if isinstance(field, models.DateTimeField)
                else A_DATE if isinstance(field, models.DateField) else AS_IS)
        out.append((field, hasattr(field, "from_db_value"), kind))
    return tuple(out)


def instance(model, names, values):
    """A model instance from raw column values (`names`, in the model's field order, as
    Model.from_db() wants them), converted as the ORM converts them."""
    converted = []
    for (field, from_db, kind), value in zip(_converters(model, names), values, strict=True):
        if from_db:
            value = field.from_db_value(value, None, connection)
        if kind == A_DATETIME:
            if isinstance(value, str):
                value = datetime.fromisoformat(value)
            if value is not None and timezone.is_naive(value):
                value = value.replace(tzinfo=UTC)  # SQLite keeps UTC without saying so
        elif kind == A_DATE:
            value = field.to_python(value)
        converted.append(value)
    return model.from_db(connection.alias, names, converted)
