"""The bench's bare view: what one select and one insert cost through Django on the same
database, without authentication, services or serializers. The rate it takes is the
ceiling of any write endpoint on that database and machine, against which the scan
endpoint's rate is read."""

import json

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

TABLE = "bench_bare_row"


def create_table():
    """The bare view's table, empty (dropped and made again: the bench's alone)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(f"CREATE TABLE {TABLE} (token varchar(36) PRIMARY KEY, "
                       "checkpoint bigint NOT NULL, scanned_at varchar(40) NOT NULL)")


@csrf_exempt
def select_insert(request):
    """The scan's body in, one select (the checkpoint) and one insert (the row, unique by
    the client's id), an answer shaped like a scan's."""
    body = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM accreditation_checkpoint WHERE id = %s",
                       [body["checkpoint"]])
        (checkpoint,) = cursor.fetchone()
        cursor.execute(f"INSERT INTO {TABLE} (token, checkpoint, scanned_at) "  # noqa: S608
                       "VALUES (%s, %s, %s)",
                       [body["client_scan_id"], checkpoint, body["scanned_at"]])
    return JsonResponse({"result": "allow"})
