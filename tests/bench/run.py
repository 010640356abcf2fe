"""`make bench`: the reminder sweep, the dashboard and the task list at 30, 1,000 and 10,000
tasks, with their query counts. It prints figures; it asserts nothing about time.

Runs against its own database (BENCH_DATABASE_URL, default var/bench.sqlite3), never the
one in DATABASE_URL, because it deletes and rebuilds its data for every size.
"""

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL",
                                            f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
# Its own folder for the file-system broker: the sweep's messages must not reach a
# development worker, which would look for the reminders in another database.
BENCH_VAR = ROOT / "var" / "bench"
os.environ["ACCORD_VAR_DIR"] = str(BENCH_VAR)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.bench.data import build_plan  # noqa: E402

REPEAT = 15


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
SEND_SAMPLE = 200


def _measure(func, repeat=REPEAT):
    timings, queries = [], 0
    for _ in range(repeat):
        with CountQueries() as ctx:
            start = time.perf_counter()
            func()
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(ctx)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, queries


def _page(client, path, **params):
    def get():
        response = client.get(path, params)
        assert response.status_code == 200, (path, response.status_code)
    return get


def bench_size(size, rows):
    from logistics.enums import ReminderStatus
    from logistics.models import Reminder
    from logistics.services.reminders import reminder_send, reminders_sweep

    event, user = build_plan(size)
    client = Client()
    client.force_login(user)
    from logistics import queries

    busiest = queries.agencies(event).order_by("-coordinating_count").first()
    for label, path, params in [
        ("agency list", "/agencies/", {}),
        (f"agency page ({busiest.code})", f"/agencies/{busiest.pk}/", {}),
        ("dashboard", "/", {}),
        ("task list", "/tasks/", {}),
        ("task list, overdue", "/tasks/", {"overdue": "true"}),
        ("timeline", "/timeline/", {}),
        ("API task list", "/api/v1/tasks/", {}),
    ]:
        median, p95, queries = _measure(_page(client, path, **params))
        rows.append((size, label, median, p95, queries, ""))

    # The sweep claims rows and queues one message per reminder (to the bench's own broker
    # folder); sending is timed apart, as a worker would do it, one reminder at a time.
    start = time.perf_counter()
    with CountQueries() as ctx:
        counts = reminders_sweep()
    first = (time.perf_counter() - start) * 1000
    claimed = Reminder.objects.filter(event=event).count()
    rows.append((size, "reminder sweep: claim and queue", first, first,
                 len(ctx), f"{claimed} reminders; " + ", ".join(
                     f"{kind} {n}" for kind, n in counts.items() if n)))
    start = time.perf_counter()
    with CountQueries() as ctx:
        reminders_sweep()
    again = (time.perf_counter() - start) * 1000
    rows.append((size, "reminder sweep: again, nothing new", again, again,
                 len(ctx),
                 f"{Reminder.objects.filter(event=event).count() - claimed} new"))
    pending = list(Reminder.objects.filter(event=event, status=ReminderStatus.PENDING)
                   .values_list("pk", flat=True)[:SEND_SAMPLE])
    if pending:
        start = time.perf_counter()
        with CountQueries() as ctx:
            for reminder_id in pending:
                reminder_send(reminder_id=reminder_id)
        per_mail = (time.perf_counter() - start) * 1000 / len(pending)
        rows.append((size, "send one reminder mail (mean)", per_mail, per_mail,
                     len(ctx) // len(pending),
                     f"over {len(pending)} mails, locmem backend"))
    for folder in ("queue", "control"):  # drop the queued messages, keep the folders
        shutil.rmtree(BENCH_VAR / "broker" / folder, ignore_errors=True)
        (BENCH_VAR / "broker" / folder).mkdir(parents=True)
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
