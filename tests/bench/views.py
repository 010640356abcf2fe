"""The bench's bare views: what one select and one insert cost through Django on the same
database, without authentication, services or serializers; then the same work with each
layer the scan endpoint adds, one at a time: DRF (its request, parsing, negotiation and
response), then the API key's authentication and the scan permission. The bare view's rate
is the ceiling of any write endpoint on that database and machine; the scan endpoint's
rate and CPU are read against each layer's, all measured in the same run."""

import json

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.response import Response
from rest_framework.views import APIView

from accreditation.gates.api.views import ScanView

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
    _select_insert(json.loads(request.body))
    return JsonResponse({"result": "allow"})


def _select_insert(body):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM accreditation_checkpoint WHERE id = %s",
                       [body["checkpoint"]])
        (checkpoint,) = cursor.fetchone()
        cursor.execute(f"INSERT INTO {TABLE} (token, checkpoint, scanned_at) "  # noqa: S608
                       "VALUES (%s, %s, %s)",
                       [body["client_scan_id"], checkpoint, body["scanned_at"]])


class DrfSelectInsert(APIView):
    """The bare view's work in a DRF view: no authentication, permission or throttle."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []

    def post(self, request):
        _select_insert(request.data)
        return Response({"result": "allow"})


class KeyedSelectInsert(DrfSelectInsert):
    """And the scan endpoint's authentication (the API key), permission (the scope) and
    throttle."""

    authentication_classes = ScanView.authentication_classes
    permission_classes = ScanView.permission_classes
    content_negotiation_class = ScanView.content_negotiation_class
    throttle_classes = ScanView.throttle_classes
    throttle_scope = ScanView.throttle_scope
