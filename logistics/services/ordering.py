"""Numbered orders (the plenary's signing order, a speakers list): 1, 2, … without gaps."""


def renumber(rows, ordered):
    """Give `ordered` the places 1, 2, … in their `order` field. `rows` are all the rows that
    share the unique order (one event's signings, one session's speakers): their places are
    cleared first in one UPDATE, so that the unique order is never violated half-way."""
    rows.filter(order__isnull=False).update(order=None)
    for position, row in enumerate(ordered, start=1):
        row.order = position
    rows.model.objects.bulk_update(ordered, ["order"])
    return ordered
