"""The whole database read back as text, table by table, column by column: what a purge
must leave no name, address, number or date of birth in, whatever model or app wrote it."""

from django.db import connection


def dump():
    """{table: sorted rows, each a tuple of str}: every table the database holds (not only
    the models': through tables, the audit log's, the admin's, the sessions')."""
    quote = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            result[table] = sorted(tuple("" if v is None else _text(v) for v in row)
                                   for row in cursor.fetchall())
    return result


def _text(value):
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def occurrences(needles, tables=None):
    """[(needle, table)] for each needle found in any column of any row."""
    tables = dump() if tables is None else tables
    found = []
    for table, rows in tables.items():
        text = "\n".join("\t".join(row) for row in rows)
        found.extend((needle, table) for needle in needles if needle in text)
    return found
