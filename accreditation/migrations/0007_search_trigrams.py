"""On PostgreSQL, a trigram index for the searches of the applications list and the vetting
queue (a part of a name, e-mail, reference or organisation, in any case): at a hundred
thousand applications the search read the whole table (issue 5). SQLite, the embedded
default, searches without it.

Built CONCURRENTLY (outside a transaction), so that applications can still be written while
it is built. The pg_trgm extension is created if missing and left in place when the
migration is reversed: an administrator may have created it, and other things may use it."""

from django.db import migrations

# The expressions are those the searches compare: Django's icontains is UPPER(x) LIKE.
COLUMNS = ("family_name", "given_names", "email", "reference", "organisation")
EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
CREATE = ("CREATE INDEX CONCURRENTLY application_search_trigrams ON accreditation_application "
          "USING gin (" + ", ".join(f"UPPER({c}) gin_trgm_ops" for c in COLUMNS) + ")")
DROP = "DROP INDEX CONCURRENTLY IF EXISTS application_search_trigrams"


def _on_postgresql(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("accreditation", "0006_counting_indexes"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(EXTENSION, CREATE), _on_postgresql(DROP),
                             elidable=False),
    ]
