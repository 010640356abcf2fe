"""`make bench`: the reminder sweep, the dashboard and the task list at 30, 1,000 and 10,000
tasks, with their query counts. It prints figures; it asserts nothing about time.

Runs against its own database (BENCH_DATABASE_URL, default var/bench.sqlite3), never the
one in DATABASE_URL, because it deletes and rebuilds its data for every size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL",
                                            f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"  # mails rendered and "sent" (locmem) inline

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from tests.bench.data import build_plan  # noqa: E402

REPEAT = 15


def _measure(func, repeat=REPEAT):
    timings, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            func()
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, queries


def _page(client, path, **params):
    def get():
        response = client.get(path, params)
        assert response.status_code == 200, (path, response.status_code)
    return get


def bench_size(size, rows):
    from logistics.models import Reminder
    from logistics.services.reminders import reminders_sweep

    event, user = build_plan(size)
    client = Client()
    client.force_login(user)
    for label, path, params in [
        ("dashboard", "/", {}),
        ("task list", "/tasks/", {}),
        ("task list, overdue", "/tasks/", {"overdue": "true"}),
        ("timeline", "/timeline/", {}),
        ("API task list", "/api/v1/tasks/", {}),
    ]:
        median, p95, queries = _measure(_page(client, path, **params))
        rows.append((size, label, median, p95, queries, ""))

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        counts = reminders_sweep()
    first = (time.perf_counter() - start) * 1000
    sent = Reminder.objects.filter(event=event).count()
    rows.append((size, "reminder sweep (first run)", first, first, len(ctx.captured_queries),
                 f"{sent} reminders; {counts}"))
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        reminders_sweep()
    again = (time.perf_counter() - start) * 1000
    rows.append((size, "reminder sweep (again, nothing new)", again, again,
                 len(ctx.captured_queries),
                 f"{Reminder.objects.filter(event=event).count() - sent} new"))
    reset_queries()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="30,1000,10000")
    parser.add_argument("--scale", type=int, default=1, help="multiplies every size")
    args = parser.parse_args()
    sizes = [int(s) * args.scale for s in args.sizes.split(",")]

    setup_test_environment()
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    engine = connection.vendor
    rows = []
    for size in sizes:
        print(f"building {size} tasks…", file=sys.stderr, flush=True)
        bench_size(size, rows)

    print(f"\nAccord bench on {engine}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'tasks':>7}  {'what':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  notes")
    for size, label, median, p95, queries, note in rows:
        print(f"{size:>7}  {label:<36} {median:>10.1f} {p95:>8.1f} {queries:>8}  {note}")


if __name__ == "__main__":
    main()
