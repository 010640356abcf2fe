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


class MemorySpent:
    """The memory a block of code takes at its peak, in bytes: Python's own allocations
    (tracemalloc's peak: where zip members are inflated and XML parsed) plus the pixel
    buffers Pillow takes from its own allocator, which tracemalloc cannot see (counted in
    Pillow's blocks; an 80-megapixel PNG decoded shows a tracemalloc peak of 0.4 MB)."""

    def __enter__(self):
        import tracemalloc

        from PIL import Image

        self._started = not tracemalloc.is_tracing()
        if self._started:
            tracemalloc.start()
        tracemalloc.reset_peak()
        self._base = tracemalloc.get_traced_memory()[0]
        self._blocks = self._pillow_blocks(Image)
        return self

    def __exit__(self, *exc):
        import tracemalloc

        from PIL import Image

        self.python = tracemalloc.get_traced_memory()[1] - self._base
        if self._started:
            tracemalloc.stop()
        self.pillow = ((self._pillow_blocks(Image) - self._blocks)
                       * Image.core.get_block_size())
        self.bytes = self.python + self.pillow

    @staticmethod
    def _pillow_blocks(image_module):
        stats = image_module.core.get_stats()
        return stats["allocated_blocks"] + stats["reused_blocks"]

    @property
    def megabytes(self):
        return self.bytes / 1024 / 1024
