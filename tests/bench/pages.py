"""Every staff list and detail page, the dashboards and the API's list endpoints, timed on
the whole demo scenario (`seed_demo --scale N`: plan, delegations, programme and
accreditation) with Django's test client in-process, each GET repeated N times, logged in
as the role the page is for (the API with a key holding the read scopes). Prints p50, p95
and the queries per request; the targets of issue 5 (at scale 40 on PostgreSQL): pages and
API lists under 200 ms at p95, dashboards under 300 ms, and queries that do not grow with
the data (compare the counts at scale 1 and at scale N).

Run alone: `.venv/bin/python -m tests.bench.pages --scale 40 [--reuse]` (the bench's own
database, as run.py; --reuse keeps a scenario of that scale already loaded there)."""

import time

from django.db.models import Count

from tests.bench.timing import CountQueries, percentiles

REPEAT = 20
# The target of each kind of page, in milliseconds at p95 (issue 5).
TARGETS = {"page": 200, "dashboard": 300, "api": 200}

# (label, kind, role's demo user, URL name, object to show or None, query parameters)
PAGES = [
    ("dashboard", "dashboard", "secretariat", "logistics:dashboard", None, {}),
    # Each desk's landing (issue 15): its own panels on the same page.
    ("dashboard, steering", "dashboard", "steering", "logistics:dashboard", None, {}),
    ("dashboard, focal point", "dashboard", "focal.mps", "logistics:dashboard", None, {}),
    ("dashboard, protocol", "dashboard", "protocol", "logistics:dashboard", None, {}),
    ("dashboard, accreditation", "dashboard", "accreditation", "logistics:dashboard", None,
     {}),
    ("gates: live zones", "dashboard", "accreditation", "accreditation:zone_live", None, {}),
    ("task list", "page", "secretariat", "logistics:task_list", None, {}),
    ("task list, overdue", "page", "secretariat", "logistics:task_list", None,
     {"overdue": "true"}),
    ("task page", "page", "secretariat", "logistics:task_detail", "task", {}),
    ("timeline", "page", "secretariat", "logistics:timeline", None, {}),
    ("agency list", "page", "secretariat", "logistics:agency_list", None, {}),
    ("agency page", "page", "secretariat", "logistics:agency_detail", "agency", {}),
    ("delegations list", "page", "protocol", "logistics:delegation_list", None, {}),
    ("delegations list, African states", "page", "protocol", "logistics:delegation_list",
     None, {"kind": "state", "regional_group": "african"}),
    ("delegation page", "page", "protocol", "logistics:delegation_detail", "delegation", {}),
    ("arrivals", "page", "protocol", "logistics:arrivals", None, {}),
    ("signing", "page", "protocol", "logistics:signing", None, {}),
    ("run of show", "page", "protocol", "logistics:run_of_show", None, {}),
    ("speakers", "page", "protocol", "logistics:speakers", None, {}),
    ("bilaterals list", "page", "protocol", "logistics:bilateral_list", None, {}),
    ("bilateral page", "page", "protocol", "logistics:bilateral_detail", "bilateral", {}),
    ("programme grid, first day", "page", "programme", "logistics:programme_grid", None,
     "first_day"),
    ("session page", "page", "programme", "logistics:session_detail", "session", {}),
    ("rooms", "page", "programme", "logistics:room_list", None, {}),
    ("programme versions", "page", "programme", "logistics:programme_versions", None, {}),
    ("side-event proposals", "page", "programme", "logistics:proposal_list", None, {}),
    ("side-event proposal page", "page", "programme", "logistics:proposal_detail", "proposal",
     {}),
    ("accreditation setup", "page", "accreditation", "accreditation:setup", None, {}),
    ("applications list", "page", "accreditation", "accreditation:application_list", None, {}),
    ("applications list, submitted", "page", "accreditation",
     "accreditation:application_list", None, {"status": "submitted"}),
    ("applications list, search", "page", "accreditation", "accreditation:application_list",
     None, {"q": "nguyen"}),
    ("application page", "page", "accreditation", "accreditation:application_detail",
     "application", {}),
    ("vetting queue", "page", "vetting", "accreditation:vetting_queue", None, {}),
    ("badges list", "page", "accreditation", "accreditation:badge_list", None, {}),
    ("badge page", "page", "accreditation", "accreditation:badge_detail", "badge", {}),
    ("badge collection desk", "page", "accreditation", "accreditation:collection", None, {}),
    ("badge batches", "page", "accreditation", "accreditation:batch_list", None, {}),
    ("gates", "page", "accreditation", "accreditation:checkpoint_list", None, {}),
    ("scanner", "page", "gate", "accreditation:scanner", None, {}),
]
API_LISTS = ["events", "agencies", "committees", "tasks", "task-updates", "delegations",
             "members", "signings", "rooms", "sessions", "speakers", "side-event-proposals",
             "applications", "badges"]
API_SCOPES = ["read", "accreditation:read"]


def shown_objects(event):
    """For each detail page, the object with the most to show: the largest delegation, the
    busiest agency, the signing ceremony's session, an application with a long history."""
    from accreditation.applications.models.applications import Application
    from accreditation.badges.models import Badge
    from logistics.bilaterals.models import BilateralMeeting
    from logistics.delegations.models import Delegation
    from logistics.plan.models import Task
    from logistics.plan.queries import master_plan
    from logistics.programme.models import Session
    from logistics.side_events.models import SideEventProposal

    return {
        "task": Task.objects.filter(event=event).annotate(n=Count("updates"))
        .order_by("-n", "pk").first(),
        "agency": master_plan.agencies(event).order_by("-coordinating_count", "pk").first(),
        "delegation": Delegation.objects.filter(event=event).annotate(n=Count("members"))
        .order_by("-n", "pk").first(),
        "bilateral": BilateralMeeting.objects.filter(event=event, session__isnull=False)
        .order_by("pk").first(),
        "session": Session.objects.filter(event=event).annotate(n=Count("delegations"))
        .order_by("-n", "pk").first(),
        "proposal": SideEventProposal.objects.filter(event=event).annotate(n=Count("reviews"))
        .order_by("-n", "pk").first(),
        "application": Application.objects.filter(event=event)
        .annotate(n=Count("transitions")).order_by("-n", "pk").first(),
        "badge": Badge.objects.filter(event=event, replaces__isnull=False).order_by("pk")
        .first() or Badge.objects.filter(event=event).order_by("pk").first(),
    }


def _get(client, path, params, **headers):
    def get():
        response = client.get(path, params, **headers)
        assert response.status_code == 200, (path, params, response.status_code)
    return get


def measure(func, repeat):
    """(p50 ms, p95 ms, queries of one request, median CPU ms of this process); one
    unmeasured request first, as a running server would have had. The CPU time (Django's
    own work, without the database server's) says more than the time when other work shares
    the machine."""
    func()
    timings, cpu, queries = [], [], 0
    for _ in range(repeat):
        with CountQueries() as counted:
            start, started = time.perf_counter(), time.process_time()
            func()
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - started) * 1000)
        queries = len(counted)
    return (*percentiles(timings), queries, percentiles(cpu)[0])


def bench_pages(event, scale, rows, *, repeat=REPEAT):
    """Rows of (scale, what, p50 ms, p95 ms, queries, note)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from accreditation.keys.services import api_key_create

    users = {u.username: u for u in get_user_model().objects.filter(
        username__in={role for _, _, role, *_ in PAGES})}
    clients = {}
    for username, user in users.items():
        clients[username] = Client()
        clients[username].force_login(user)
    shown = shown_objects(event)
    for label, kind, role, name, shows, params in PAGES:
        args = []
        if shows:
            if shown[shows] is None:
                rows.append((scale, label, 0, 0, 0, "skipped: nothing to show"))
                continue
            args = [shown[shows].pk]
        if params == "first_day":
            params = {"day": event.start_date.isoformat()}
        p50, p95, queries, cpu = measure(
            _get(clients[role], reverse(name, args=args), params), repeat)
        rows.append((scale, label, p50, p95, queries, _verdict(kind, p95, cpu)))

    _key, raw = api_key_create(name=f"bench pages {time.time_ns()}", scopes=API_SCOPES)
    api = Client()
    for resource in API_LISTS:
        p50, p95, queries, cpu = measure(
            _get(api, f"/api/v1/{resource}/", {}, HTTP_AUTHORIZATION=f"Bearer {raw}"), repeat)
        rows.append((scale, f"API {resource}", p50, p95, queries, _verdict("api", p95, cpu)))


def _verdict(kind, p95, cpu):
    target = TARGETS[kind]
    return f"CPU {cpu:.0f} ms; target {target}" + ("" if p95 < target else ": OVER")


def load(scale, *, reuse=False):
    """The whole demo at `scale` in the bench's database (emptied first); returns (event,
    seconds to load, or None when an already loaded scenario of that scale was kept)."""
    from django.core.management import call_command

    from logistics.core.models.event import Event
    from logistics.delegations.models import Delegation
    from tests.bench.data import _analyze

    event = Event.objects.first()
    # 310 delegations a copy: the scale of what is there.
    if (reuse and event is not None and Event.objects.count() == 1
            and round(Delegation.objects.filter(event=event).count() / 310) == scale):
        return event, None
    call_command("flush", interactive=False, verbosity=0)
    start = time.perf_counter()
    call_command("seed_demo", scale=scale, verbosity=0, stdout=_Quiet())
    elapsed = time.perf_counter() - start
    _analyze()
    return Event.objects.get(), elapsed


class _Quiet:
    def write(self, text):
        pass

    def flush(self):
        pass


def main():
    import argparse

    from tests.bench import run

    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--only", default="", help="labels containing this text")
    args = parser.parse_args()
    run.prepare()
    event, loaded = load(args.scale, reuse=args.reuse)
    rows = []
    if loaded is not None:
        rows.append((args.scale, "load the scenario (seed_demo)", loaded * 1000,
                     loaded * 1000, 0, summary(event)))
    if args.only:
        global PAGES, API_LISTS
        PAGES = [p for p in PAGES if args.only in p[0]]
        API_LISTS = [r for r in API_LISTS if args.only in f"API {r}"]
    bench_pages(event, args.scale, rows, repeat=args.repeat)
    run.print_table("Pages on the whole demo scenario", "scale", rows, p50=True)


def summary(event):
    from accreditation.applications.models.applications import Application

    return (f"{event.delegations.count()} delegations, "
            f"{Application.objects.filter(event=event).count()} applications, "
            f"{event.sessions.count()} sessions, {event.tasks.count()} tasks")


if __name__ == "__main__":
    main()
