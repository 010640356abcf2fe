"""On PostgreSQL, a trigram index for the searches of the applications list and the vetting
queue (a part of a name, e-mail, reference or organisation, in any case): at a hundred
thousand applications the search read the whole table (issue 5). SQLite, the embedded
default, searches without it."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The expressions are those the searches compare: Django's icontains is UPPER(x) LIKE.
COLUMNS = ("family_name", "given_names", "email", "reference", "organisation")
CREATE = ("CREATE INDEX IF NOT EXISTS application_search_trigrams ON accreditation_application "
          "USING gin (" + ", ".join(f"UPPER({c}) gin_trgm_ops" for c in COLUMNS) + ")")
DROP = "DROP INDEX IF EXISTS application_search_trigrams"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("accreditation", "0006_counting_indexes"),
    ]

    operations = [
        TrigramExtension(),  # does nothing on another database
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
