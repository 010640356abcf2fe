"""What a long-running web process does once Django is loaded."""

import gc

from django.urls import get_resolver


def settle():
    """Load every view (the URL patterns import them), then move what is loaded out of the
    garbage collector's sight. Django, the apps and their libraries are some 190,000
    objects that live as long as the process; a full collection walked them all, 100 ms
    every few requests, and those pauses were most of the pages' 95th percentile at scale
    40. Frozen, a full collection takes 5 ms (docs/BENCHMARKS.md). Objects made later,
    request by request, are collected as before."""
    get_resolver().url_patterns  # noqa: B018 (imported for its side effect)
    gc.collect()
    gc.freeze()
