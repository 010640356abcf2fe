"""Numbered orders (the plenary's signing order, a speakers list): 1, 2, … without gaps."""

import unicodedata

from auditlog.models import LogEntry

from logistics.core.audit import log_many


def renumber(rows, ordered, *, by=None):
    """Give `ordered` the places 1, 2, … in their `order` field. `rows` are all the rows that
    share the unique order (one event's signings, one session's speakers): their places are
    cleared first in one UPDATE, so that the unique order is never violated half-way. Each
    place that moved goes into the audit trail (the UPDATEs bypass its signals)."""
    placed = {row.pk: row for row in rows.filter(order__isnull=False)
              .select_related("delegation__country")}
    rows.filter(order__isnull=False).update(order=None)
    before = {pk: row.order for pk, row in placed.items()}
    for position, row in enumerate(ordered, start=1):
        row.order = position
    rows.model.objects.bulk_update(ordered, ["order"])
    now_placed = {row.pk for row in ordered}
    entries = [(placed.get(row.pk, row), LogEntry.Action.UPDATE,
                {"order": (before.get(row.pk), row.order)})
               for row in ordered if before.get(row.pk) != row.order]
    entries += [(row, LogEntry.Action.UPDATE, {"order": (row.order, None)})
                for pk, row in placed.items() if pk not in now_placed]
    log_many(entries, by=by)
    return ordered


def name_key(name):
    """A state's name for sorting: case- and accent-insensitive ("Côte d'Ivoire" under C)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
