"""`make bench`: the reminder sweep, the dashboard and the task list at 30, 1,000 and 10,000
tasks; then the demo scenario (SCENARIO.md) at the reference event's size and ten times it:
loading it, the dashboard, the delegations list, the programme grid and the registration
form's submission of a delegation of ten; then a batch PDF of 1,000 badges (badges per
second; target under 30 s), and from --scale 10 batches of 1,000 and 10,000 badges drawn in
a worker process of their own (its peak memory); bulk creation of applications; uploads (a
decompression bomb refused through the public form and alone, honest files cleaned); every staff
page, dashboard and API list on the whole demo at scale 1 and at --scale (tests/bench/
pages.py); last the scan endpoint under gunicorn, with that demo still in the database.
With query counts; it prints figures and asserts nothing about time.

Runs against its own database (BENCH_DATABASE_URL, default var/bench.sqlite3), never the
one in DATABASE_URL, because it deletes and rebuilds its data for every size.
"""

import argparse
import os
import shutil
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
from django.urls import NoReverseMatch, reverse  # noqa: E402

from tests.bench import pages  # noqa: E402
from tests.bench.badges import bench_badge_batch, bench_batch_memory  # noqa: E402
from tests.bench.bulk import bench_bulk  # noqa: E402
from tests.bench.data import build_plan, build_scenario, registration_invitations, registration_post  # noqa: E402
from tests.bench.timing import CountQueries, percentiles  # noqa: E402
from tests.bench.uploads import bench_uploads  # noqa: E402

REPEAT = 15
SEND_SAMPLE = 200


def _measure(func, repeat=REPEAT):
    timings, queries = [], 0
    for _ in range(repeat):
        with CountQueries() as ctx:
            start = time.perf_counter()
            func()
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(ctx)
    return (*percentiles(timings), queries)


def _page(client, path, **params):
    def get():
        response = client.get(path, params)
        assert response.status_code == 200, (path, response.status_code)
    return get


def bench_size(size, rows):
    from logistics.core.enums import MailStatus
    from logistics.plan.models import Reminder
    from logistics.reminders.services import reminder_send, reminders_sweep

    event, user = build_plan(size)
    client = Client()
    client.force_login(user)
    from logistics.plan.queries import master_plan

    busiest = master_plan.agencies(event).order_by("-coordinating_count").first()
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
    pending = list(Reminder.objects.filter(event=event, mail__status=MailStatus.QUEUED)
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


def _url(name, *args):
    """A page's path, or None while the page does not exist in this checkout."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _post_each(client, paths, data, expect=302):
    """POST `data` to the next of `paths` at each call (a registration link is used once)."""
    remaining = iter(paths)

    def post():
        path = next(remaining)
        response = client.post(path, data)
        assert response.status_code == expect, (path, response.status_code,
                                                response.content[:2000])
    return post


def bench_scenario(scale, rows):
    from logistics.delegations.models import DelegationMember
    from logistics.programme.models import Room, Session

    start = time.perf_counter()
    with CountQueries() as ctx:
        event, user = build_scenario(scale)
    built = (time.perf_counter() - start) * 1000
    members = DelegationMember.objects.filter(delegation__event=event).count()
    sessions = Session.objects.filter(event=event).count()
    rooms = Room.objects.filter(venue__event=event).count()
    rows.append((scale, "load the scenario (seed_demo)", built, built, len(ctx),
                 f"{event.delegations.count()} delegations, {members} members, "
                 f"{rooms} rooms, {sessions} sessions"))
    client = Client()
    client.force_login(user)
    first_day = event.start_date.isoformat()
    for label, path, params in [
        ("dashboard", _url("logistics:dashboard"), {}),
        ("delegations list", _url("logistics:delegation_list"), {}),
        ("delegations list, African states", _url("logistics:delegation_list"),
         {"kind": "state", "regional_group": "african"}),
        (f"programme grid, {first_day}", _url("logistics:programme_grid"), {"day": first_day}),
    ]:
        if path is None:
            rows.append((scale, label, 0, 0, 0, "skipped: the page is not built yet"))
            continue
        median, p95, queries = _measure(_page(client, path, **params))
        rows.append((scale, label, median, p95, queries, ""))

    if _url("register", "x") is None:
        rows.append((scale, "registration submit, 10 members", 0, 0, 0,
                     "skipped: the form is not built yet"))
        return
    tokens = registration_invitations(event, REPEAT + 1)
    public = Client()
    form = public.get(reverse("register", args=[tokens[0]]))
    assert form.status_code == 200, form.status_code
    data = registration_post(form.content.decode(), event, members=10)
    paths = [reverse("register", args=[token]) for token in tokens[1:]]
    median, p95, queries = _measure(_post_each(public, paths, data))
    registered = DelegationMember.objects.filter(
        delegation__invitations__token__in=tokens[1:]).count()
    rows.append((scale, "registration submit, 10 members", median, p95, queries,
                 f"{registered} members registered by {REPEAT} POSTs"))
    reset_queries()


def print_table(title, unit, rows, *, p50=False):
    print(title)
    middle = "p50 ms" if p50 else "median ms"
    print(f"{unit:>7}  {'what':<36} {middle:>10} {'p95 ms':>8} {'queries':>8}  notes")
    for size, label, median, p95, queries, note in rows:
        print(f"{size:>7}  {label:<36} {median:>10.1f} {p95:>8.1f} {queries:>8}  {note}")


_print_table = print_table


def prepare():
    """The bench's database migrated, and Django as a production process runs it (no
    debug, its loaded objects frozen as config/wsgi.py does)."""
    from config.process import settle

    setup_test_environment()
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    settle()


def _numbers(text):
    return [int(s) for s in text.split(",") if s.strip()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="30,1000,10000",
                        help="plan sizes in tasks; empty to skip")
    parser.add_argument("--scenario-scales", default="1,10",
                        help="scales of the demo scenario (1 = the reference event); empty "
                             "to skip")
    parser.add_argument("--badges", default="1000",
                        help="badges in the batch PDF bench; empty to skip")
    parser.add_argument("--bulk-rounds", type=int, default=5,
                        help="calls of 1,000 applications in the bulk creation bench; 0 to skip")
    parser.add_argument("--upload-repeat", type=int, default=5,
                        help="timed runs of each upload (bombs refused, files cleaned); 0 to "
                             "skip")
    parser.add_argument("--scan-requests", type=int, default=6000,
                        help="scans posted to gunicorn by 8 clients (tests/bench/scans.py); "
                             "0 to skip")
    parser.add_argument("--scan-servers", default="1,2",
                        help="counts of gunicorn servers the scans are posted to, on the one "
                             "database, each measured against a bare select-and-insert view")
    parser.add_argument("--scale", type=int, default=1,
                        help="the whole demo (seed_demo --scale N) for the pages bench, "
                             "beside the reference event (1); the scans are then posted with "
                             "it in the database")
    parser.add_argument("--page-scales", default=None,
                        help="scales of the whole demo for the pages bench (default: 1 and "
                             "--scale); empty to skip")
    parser.add_argument("--page-repeat", type=int, default=pages.REPEAT,
                        help="requests of each page")
    parser.add_argument("--batch-memory", default=None,
                        help="badges per batch drawn in a worker process of its own, for its "
                             "peak memory (default: 1000,10000 from --scale 10; empty to skip)")
    args = parser.parse_args()
    sizes = _numbers(args.sizes)
    scales = _numbers(args.scenario_scales)
    page_scales = (_numbers(args.page_scales) if args.page_scales is not None
                   else sorted({1, args.scale}))
    memory = (_numbers(args.batch_memory) if args.batch_memory is not None
              else [1000, 10000] if args.scale >= 10 else [])

    prepare()
    engine = connection.vendor
    rows, scenario_rows, badge_rows = [], [], []
    for size in sizes:
        print(f"building {size} tasks…", file=sys.stderr, flush=True)
        bench_size(size, rows)
    for scale in scales:
        print(f"loading the scenario at scale {scale}…", file=sys.stderr, flush=True)
        bench_scenario(scale, scenario_rows)
    for count in _numbers(args.badges):
        print(f"drawing {count} badges…", file=sys.stderr, flush=True)
        bench_badge_batch(count, badge_rows)
    if memory:
        print(f"drawing batches of {memory} badges in a worker process…", file=sys.stderr,
              flush=True)
        bench_batch_memory(memory, badge_rows)
    bulk_rows = []
    if args.bulk_rounds:
        print("creating applications in bulk…", file=sys.stderr, flush=True)
        bench_bulk(bulk_rows, rounds=args.bulk_rounds, broker_dir=BENCH_VAR / "broker")
    upload_rows = []
    if args.upload_repeat:
        print("refusing decompression bombs, cleaning uploads…", file=sys.stderr, flush=True)
        bench_uploads(upload_rows, repeat=args.upload_repeat)
    page_rows = []
    for scale in page_scales:
        print(f"loading the whole demo at scale {scale} for the pages…", file=sys.stderr,
              flush=True)
        event, loaded = pages.load(scale)
        page_rows.append((scale, "load the whole demo (seed_demo)", loaded * 1000,
                          loaded * 1000, 0, pages.summary(event)))
        pages.bench_pages(event, scale, page_rows, repeat=args.page_repeat)

    print(f"\nAccord bench on {engine}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if rows:
        _print_table("", "tasks", rows)
    if scenario_rows:
        _print_table("\nThe demo scenario (scale 1: 310 delegations, 2,500 members)", "scale",
                     scenario_rows)
    if badge_rows:
        _print_table("\nBadge PDFs (A6, photo, QR code)", "badges", badge_rows)
    if bulk_rows:
        _print_table("\nBulk creation of applications", "items", bulk_rows)
    if upload_rows:
        _print_table("\nUploads: decompression bombs refused, files cleaned", "files",
                     upload_rows)
    if page_rows:
        print_table("\nPages on the whole demo (plan, delegations, programme, accreditation)",
                    "scale", page_rows, p50=True)
    if args.scan_requests:
        from tests.bench import scans

        print("scanning badges under gunicorn…", file=sys.stderr, flush=True)
        scans.run(requests=args.scan_requests, servers=_numbers(args.scan_servers))


if __name__ == "__main__":
    main()
