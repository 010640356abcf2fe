"""Samples that a test can replay: the same rows on every run, spread over the whole table
rather than drawn at random (which no one can replay) or taken from its start (a demo loads
its rows in order: country by country, status by status)."""


def spread(queryset, size):
    """`size` rows of `queryset` (all, if it holds no more) at even steps through its rows
    in primary-key order, from the first to near the last; in that order, with the
    queryset's own select_related and prefetch_related."""
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    if len(pks) > size:
        pks = [pks[n * len(pks) // size] for n in range(size)]
    return queryset.filter(pk__in=pks).order_by("pk")
