"""What a page, an endpoint or a read costs in database queries, counted one way for every
test: a list must cost the same with three rows as with one (STYLE.md, habit 2)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(call):
    """How many queries `call()` makes."""
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def same_queries(read, add):
    """Check that `read()` makes as many queries after `add()` has added rows as before, and
    return what the last `read()` returned, for the test to see the rows are there.

    `read()` runs once first, uncounted: what a process or a client keeps after its first
    request (the content types, the session, an API key's last use, written at most once a
    minute; the day's readiness snapshot) is then not counted against the fewer rows."""
    read()
    with CaptureQueriesContext(connection) as before:
        read()
    add()
    with CaptureQueriesContext(connection) as after:
        result = read()
    assert len(after) == len(before), (
        f"{len(before)} queries before the rows were added, {len(after)} after:\n"
        + "\n".join(f"{n}. {query['sql']}" for n, query in enumerate(after, start=1)))
    grouped = [query["sql"] for query in after if groups_by_a_subquery(query["sql"])]
    assert grouped == [], "a subquery beside GROUP BY:\n" + "\n".join(grouped)
    return result


def _outer(sql):
    """The SQL at parenthesis depth 0, subqueries and function arguments left out."""
    depth, kept = 0, []
    for char in sql:
        depth += char == "("
        if depth == 0:
            kept.append(char)
        depth -= char == ")"
    return "".join(kept)


def groups_by_a_subquery(sql):
    """A grouped select with a subquery among its columns: the database groups by the
    subquery too, and may run it once per joined row rather than once per group (the
    dashboard's late coordinated tasks: 100 ms at ten times the reference event, against
    7 for two grouped queries). Such a count belongs in a query of its own, or the grouped
    counts in subqueries."""
    outer = _outer(sql)
    if " GROUP BY " not in outer or not outer.lstrip().startswith("SELECT"):
        return False
    columns = sql[:sql.index(" FROM ")] if " FROM " in outer else sql
    return "(SELECT" in columns
