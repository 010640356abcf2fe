"""Incremental sync: `?changed_since=<ISO 8601>` (or `?cursor=`) pages by (updated_at, id)
with an opaque cursor instead of page numbers.

Every change moves a row's updated_at forward, so a row changed while a client pages shows
again on a later page with its new state; a row is never skipped, and never served twice in
one pass where nothing changed. Rows younger than SETTLE_SECONDS are held back: a transaction
that started earlier may still commit a row stamped before them, and the cursor would already
be past it. Without changed_since or a cursor, the list pages by number as every other list.
"""

import base64
import binascii
import json
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from config.api import Pagination

# Longer than any transaction that writes applications or badges runs (a bulk call of 1,000
# takes under a second); a sync client sees a change this much later.
SETTLE_SECONDS = 5


def encode_cursor(updated_at, pk):
    raw = json.dumps([updated_at.isoformat(), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value):
    """(updated_at, id), or ValidationError: a cursor is only ever one we gave out."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        stamp, pk = json.loads(raw)
        stamp = datetime.fromisoformat(stamp)
        if timezone.is_naive(stamp) or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError
        return stamp, pk
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationError({"cursor": [_("Not a cursor this API gave out; start again from "
                                            "changed_since.")]}) from None


class SyncPagination(Pagination):
    """Page numbers for a plain list; (updated_at, id) keyset pages when syncing."""

    cursor_query_param = "cursor"
    sync_query_params = ("changed_since", "cursor")

    def paginate_queryset(self, queryset, request, view=None):
        self.syncing = any(name in request.query_params for name in self.sync_query_params)
        if not self.syncing:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        size = self.get_page_size(request)
        position = None
        if self.cursor_query_param in request.query_params:
            position = decode_cursor(request.query_params[self.cursor_query_param])
        horizon = timezone.now() - timedelta(seconds=SETTLE_SECONDS)
        rows = queryset.filter(updated_at__lte=horizon).order_by("updated_at", "pk")
        if position is not None:
            stamp, pk = position
            rows = rows.filter(Q(updated_at__gt=stamp) | Q(updated_at=stamp, pk__gt=pk))
        rows = list(rows[:size + 1])
        self.has_more = len(rows) > size
        rows = rows[:size]
        self.position = (rows[-1].updated_at, rows[-1].pk) if rows else position
        return rows

    def _link_at(self, position):
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        if position is None:
            return url
        return replace_query_param(url, self.cursor_query_param, encode_cursor(*position))

    def get_paginated_response(self, data):
        if not self.syncing:
            return super().get_paginated_response(data)
        return Response({
            "count": None,
            "next": self._link_at(self.position) if self.has_more else None,
            "previous": None,
            "resume": self._link_at(self.position),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        properties = response["properties"]
        properties["count"] = {
            "type": "integer", "nullable": True, "example": 123,
            "description": "How many rows match; null when syncing (changed_since or cursor "
                           "given)."}
        properties["next"]["description"] = (
            "The next page; when syncing, null once the rows changed so far are all read.")
        properties["resume"] = {
            "type": "string", "format": "uri", "nullable": True,
            "example": "https://accord.example.org/api/v1/applications/"
                       "?changed_since=2026-05-01T00%3A00%3A00Z&cursor=WyIyMDI2LTA1LTAyVDA4OjE1",
            "description": "Only when syncing: where to continue on the next sync, to get "
                           "what changes from now on (keep it with your data)."}
        return response

    def get_schema_operation_parameters(self, view):
        return [*super().get_schema_operation_parameters(view), {
            "name": self.cursor_query_param, "required": False, "in": "query",
            "description": "Incremental sync: the opaque position from a `next` or `resume` "
                           "link. Rows come in the order they last changed, oldest first.",
            "schema": {"type": "string"},
        }]
