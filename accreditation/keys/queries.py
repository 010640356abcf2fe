"""The API key of a request, looked up on every call of the API (a gate's scans among them)
by a select compiled once per process (logistics.core.compiled)."""

from functools import cache

from django.db import connection

from accreditation.keys.models import ApiKey
from logistics.core import compiled

API_KEY_FIELDS = tuple(f.attname for f in ApiKey._meta.concrete_fields)


@cache
def _select(alias):
    return compiled.first_row_sql(
        ApiKey.objects.using(alias).filter(digest="").values_list(*API_KEY_FIELDS))


def api_key(digest):
    """The ApiKey with this digest, or None."""
    row = compiled.fetch_one(_select(connection.alias), [digest])
    return None if row is None else compiled.instance(ApiKey, API_KEY_FIELDS, row)
