"""Pure checks shared by the services, the import and the forms."""

import re
from collections import defaultdict

from django.utils.translation import gettext as _


def find_cycle(edges):
    """Return one cycle in a directed graph as a list of nodes [a, b, ..., a], or None.

    `edges` is an iterable of (node, depends_on) pairs. Iterative, so a long chain of
    security plans cannot hit Python's recursion limit.
    """
    graph = defaultdict(list)
    for node, target in edges:
        graph[node].append(target)
    WHITE, GREY, BLACK = 0, 1, 2
    colour = defaultdict(int)
    for root in list(graph):
        if colour[root] != WHITE:
            continue
        stack = [(root, iter(graph[root]))]
        path = [root]
        colour[root] = GREY
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = BLACK
                stack.pop()
                path.pop()
            elif colour[child] == GREY:
                return path[path.index(child):] + [child]
            elif colour[child] == WHITE:
                colour[child] = GREY
                stack.append((child, iter(graph[child])))
                path.append(child)
    return None


def validate_progress(value):
    if not 0 <= value <= 100:
        return _("Progress must be between 0 and 100.")
    return None


def validate_dates(start, due):
    if start and due and start > due:
        return _("The start date must not be after the due date.")
    return None


# The times a person can mean: year 1 at the venue is before the first instant UTC can hold,
# and the database adapter fails (a 500) converting it.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def validate_moment(value):
    """An arrival, a session, a scan: a date and time within years people plan in."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        return _("Check the date: %(year)s cannot be right.") % {"year": value.year}
    return None


IATA_CODE = re.compile(r"^[A-Z]{3}$")


def airport_code(value):
    """An airport as typed, as an upper-case code: " han" is "HAN"; blank stays blank."""
    return (value or "").strip().upper()


def validate_airport(code):
    """For a code already passed through airport_code()."""
    if code and not IATA_CODE.match(code):
        return _("Enter the airport's three-letter IATA code, e.g. HAN.")
    return None


def validate_id_document_expiry(expiry, event):
    """An ID document must still be valid after the event's last day (a badge is issued
    against it, and the holder must be able to travel home)."""
    if expiry and expiry <= event.end_date:
        return _("The document expires on %(expiry)s: it must still be valid after the "
                 "event's last day, %(last)s.") % {"expiry": expiry.isoformat(),
                                                   "last": event.end_date.isoformat()}
    return None
