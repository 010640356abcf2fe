"""What every bench measures with: a query counter and the percentiles of timings."""

import statistics

from django.db import connection


class CountQueries:
    """Counts the queries run inside it, however many (Django's own log keeps 9,000)."""

    def __enter__(self):
        self.count = 0
        self._wrapper = connection.execute_wrapper(self._counter)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def _counter(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self):
        return self.count


def percentiles(timings):
    """(median, 95th percentile by nearest rank) of a list of timings."""
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95
