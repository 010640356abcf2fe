"""The scan endpoint under load: gunicorn with the repo's settings on 127.0.0.1 (a free
port), N collected badges, a checkpoint and a `scan` key; then CLIENTS concurrent clients,
each on one connection (kept alive where the server allows), post scans with unique client
ids until REQUESTS are sent or the time cap is reached. Prints requests per second, p50,
p99 and errors.

With one and with two gunicorn servers on the one database (--servers 1,2: two servers as
two web machines would run them, each with --workers workers, the clients split between
them), the same run also loads a bare Django view doing one select and one insert on that
database (tests/bench/views.py, mounted by the bench's own settings, tests.bench.
server_settings, never in production's URLs): its rate is the ceiling of any write on this
database and machine, and the table gives the scans' rate as a share of it.

    python -m tests.bench.scans                       # SQLite: var/bench-scans.sqlite3
    BENCH_DATABASE_URL=postgres://... python -m tests.bench.scans

Only loopback is loaded; the server is stopped (its own process group, by PID) at the end.
A bare Django JSON response is measured the same way for comparison: the machine is shared,
and the CPU per request (gunicorn, PostgreSQL, the load generator) says more than the rate
when other work runs beside it. For experiments: BENCH_SERVER_SETTINGS (another settings
module for gunicorn), BENCH_GUNICORN_CONFIG (e.g. a profiling hook).
Targets (the issue, on the 2-core machine, load generator included): PostgreSQL at least
600 requests/s with p99 under 50 ms at 8 clients; SQLite at least 200/s with no error.
"""

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
BENCH_VAR = ROOT / "var" / "bench"

if "DJANGO_SETTINGS_MODULE" not in os.environ:
    # Run on its own: its own SQLite file by default (the other benches empty theirs), and
    # the settings of the test suite for this process; gunicorn gets the real ones.
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-scans.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    os.environ["ACCORD_VAR_DIR"] = str(BENCH_VAR)
    os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402


def server_env():
    """The repo's settings, on this process's database and signing key (the key follows
    SECRET_KEY unless BADGE_SIGNING_KEY is set), quiet and without the TLS redirect."""
    return {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"],
            "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SERVER_SETTINGS",
                                                     "tests.bench.server_settings"),
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
            "ACCORD_VAR_DIR": str(BENCH_VAR), "LOG_LEVEL": "ERROR",
            "PYTHONWARNINGS": "ignore:No directory at"}


EVENT_SLUG = "bench-scans"


def _clear():
    """The previous run's bench event, child tables first (zones and categories are
    protected while anything uses them)."""
    from accreditation.applications.models.applications import Application
    from accreditation.badges.models import Badge
    from accreditation.gates.models import Checkpoint, Scan
    from accreditation.setup.models import AccreditationCategory, Zone
    from logistics.core.models.event import Event

    events = Event.objects.filter(slug=EVENT_SLUG)
    for model, path in [(Scan, "checkpoint__event__in"), (Checkpoint, "event__in"),
                        (Badge, "event__in"), (Application, "event__in"),
                        (AccreditationCategory, "event__in"), (Zone, "event__in")]:
        model.objects.filter(**{path: events}).delete()
    events.delete()


def seed(badges):
    """A fresh bench event on today, `badges` collected press badges (bulk: this measures
    the scans, not the issuing), the press centre's door and a key with the scan scope.
    Returns (codes, checkpoint id, raw key)."""
    from accreditation.applications.models.applications import Application
    from accreditation.badges import codes
    from accreditation.badges.models import Badge
    from accreditation.badges.services.badges import badge_number
    from accreditation.enums import ApplicationSource, ApplicationStatus, VettingStatus
    from accreditation.gates.models import Checkpoint
    from accreditation.keys.services import api_key_create
    from accreditation.setup.models import AccreditationCategory, Zone
    from accreditation.setup.services.categories import categories_install_defaults
    from logistics.core.models.event import Event

    _clear()
    start = timezone.localdate(timezone=ZoneInfo("Asia/Ho_Chi_Minh"))
    event = Event.objects.create(name="Scan bench", slug=EVENT_SLUG, venue="Bench hall",
                                 city="Hanoi", start_date=start,
                                 end_date=start + timedelta(days=2),
                                 time_zone="Asia/Ho_Chi_Minh", languages=["en"])
    categories_install_defaults(event=event, by=None)
    press = AccreditationCategory.objects.get(event=event, code="P")
    zone = Zone.objects.get(event=event, code="2")
    applications = Application.objects.bulk_create(
        [Application(event=event, category=press, status=ApplicationStatus.APPROVED,
                     source=ApplicationSource.STAFF, vetting=VettingStatus.CLEARED,
                     family_name=f"Bench {n}", given_names="Scan",
                     organisation="Bench News Agency")
         for n in range(badges)], batch_size=1000)
    now = timezone.now()
    made = Badge.objects.bulk_create(
        [Badge(event=event, application=application, category=press, sequence=n + 1,
               number=badge_number(event, press, n + 1), zone_codes="2,5,6",
               valid_from=start - timedelta(days=3), valid_until=start + timedelta(days=2),
               collected_at=now)
         for n, application in enumerate(applications)], batch_size=1000)
    if not made or made[0].pk is None:  # SQLite before 3.35 returns no ids
        made = list(Badge.objects.filter(event=event).order_by("pk"))
    checkpoint = Checkpoint.objects.create(event=event, zone=zone, name="Press centre door",
                                           mode="both")
    raw = api_key_create(name="scan bench", scopes=["scan"])[1]
    from tests.bench.views import create_table

    create_table()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return [codes.encode(badge) for badge in made], checkpoint.pk, raw


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port, workers, worker_class):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--worker-class", worker_class,
               "--log-level", "warning", "--backlog", "256", "--keep-alive", "5"]
    if worker_class == "gthread":
        command += ["--threads", "4"]
    if os.environ.get("BENCH_GUNICORN_CONFIG"):  # e.g. a profiling hook
        command += ["--config", os.environ["BENCH_GUNICORN_CONFIG"]]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(), start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("gunicorn did not start within 30 s")


def server_cpu_seconds(process):
    """User and system CPU of the gunicorn master and its workers so far (Linux /proc)."""
    pids = [process.pid]
    try:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
        pids += [int(pid) for pid in children.split()]
    except OSError:
        return None
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def database_cpu_seconds():
    """CPU of the PostgreSQL server's processes so far (Linux /proc), or None."""
    if connection.vendor != "postgresql":
        return None
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().split(") ", 1)
        except OSError:
            continue
        if name.endswith("(postgres"):
            fields = rest.split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def stop_server(process):
    """Its own session, so the master and its workers go together; only them."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Connection(http.client.HTTPConnection):
    """http.client sends the headers and the body in two writes: without TCP_NODELAY, Nagle
    and the server's delayed ACK hold the body back for tens of milliseconds."""

    def connect(self):
        super().connect()
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class Client(threading.Thread):
    """One gate: one connection (kept alive where the server allows), requests one after
    another. `make(n)` gives the n-th request: (method, path, body, expected status)."""

    def __init__(self, port, headers, make, budget, deadline):
        super().__init__(daemon=True)
        self.port, self.headers, self.make = port, headers, make
        self.budget, self.deadline = budget, deadline
        self.latencies, self.errors, self.results = [], [], {}

    def run(self):
        connection = Connection("127.0.0.1", self.port, timeout=10)
        n = 0
        while self.budget.take() and time.monotonic() < self.deadline:
            method, path, body, expected = self.make(n)
            n += 1
            started = time.perf_counter()
            try:
                connection.request(method, path, body, self.headers)
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(repr(error))
                connection.close()
                continue
            self.latencies.append(time.perf_counter() - started)
            if response.status != expected:
                self.errors.append(f"{response.status} {payload[:200]!r}")
            elif method == "POST":
                result = json.loads(payload)["result"]
                self.results[result] = self.results.get(result, 0) + 1
        connection.close()


def scans_of(checkpoint, codes, path="/api/v1/scans/"):
    """The n-th scan of a gate: its badges in turn, in and out, each with a new id."""
    def make(n):
        body = json.dumps({
            "code": codes[n % len(codes)], "checkpoint": checkpoint,
            "scanned_at": timezone.now().isoformat(), "client_scan_id": str(uuid.uuid4()),
            "direction": "in" if n % 2 else "out"})
        return "POST", path, body, 200
    return make


def selects_inserts_of(checkpoint, codes, path="/bench/select-insert/"):
    """The same bodies to the bench's bare view (one select, one insert), or to the same
    work behind one more of the scan endpoint's layers."""
    return scans_of(checkpoint, codes, path=path)


# The scan endpoint's layers, each measured on its own: (name, path of the bench's view).
LAYERS = (
    ("bare Django view, one select and one insert", "/bench/select-insert/"),
    ("+ DRF (request, parsing, response)", "/bench/drf-select-insert/"),
    ("+ the API key, the scope and the throttle", "/bench/keyed-select-insert/"),
)


def nothing(n):
    """A bare request for comparison: Django's JSON 404 for an unknown API path."""
    return "GET", "/api/v1/bench-nothing/", None, 404


class Budget:
    """A fixed number of requests shared by the clients."""

    def __init__(self, total):
        self.left, self.lock = total, threading.Lock()

    def take(self):
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True


def load(ports, raw, makers, *, requests, seconds):
    """One thread per request maker (per gate), the gates spread over the servers' `ports`
    in turn (as a load balancer would); returns (seconds, latencies, errors, answers)."""
    budget = Budget(requests)
    deadline = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {raw}", "Content-Type": "application/json",
               "Accept": "application/json"}
    threads = [Client(ports[i % len(ports)], headers, make, budget, deadline)
               for i, make in enumerate(makers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(x for thread in threads for x in thread.latencies)
    errors = [e for thread in threads for e in thread.errors]
    results = {}
    for thread in threads:
        for key, value in thread.results.items():
            results[key] = results.get(key, 0) + value
    return elapsed, latencies, errors, results


def percentile(values, fraction):
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))] if values else 0


def servers_cpu_seconds(servers):
    seconds = [server_cpu_seconds(server) for server in servers]
    return None if None in seconds else sum(seconds)


def measure(servers, ports, raw, makers, *, requests, seconds):
    """Load the servers and measure: rate, latencies, errors and CPU per request."""
    server_cpu, database_cpu = servers_cpu_seconds(servers), database_cpu_seconds()
    client_cpu = time.process_time()
    elapsed, latencies, errors, results = load(ports, raw, makers, requests=requests,
                                               seconds=seconds)
    client_cpu = time.process_time() - client_cpu
    done = len(latencies) or 1

    def per_request(before, after):
        # A process that exits meanwhile (a PostgreSQL backend) takes its CPU with it.
        return None if before is None or after is None or after < before else round(
            1000 * (after - before) / done, 2)

    return {
        "requests": len(latencies) + len(errors), "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "p50_ms": round(1000 * statistics.median(latencies), 2) if latencies else 0,
        "p99_ms": round(1000 * percentile(latencies, 0.99), 2),
        "max_ms": round(1000 * latencies[-1], 2) if latencies else 0,
        "errors": len(errors), "error_samples": errors[:5], "results": results,
        # CPU per request: what bounds the rate on two shared cores.
        "server_cpu_ms": per_request(server_cpu, servers_cpu_seconds(servers)),
        "database_cpu_ms": per_request(database_cpu, database_cpu_seconds()),
        "client_cpu_ms": round(1000 * client_cpu / done, 2),
        "load_average": round(os.getloadavg()[0], 2),
    }


def _print(title, figures):
    print(f"  {title}: {figures['requests']} requests in {figures['seconds']} s: "
          f"{figures['rps']} requests/s, p50 {figures['p50_ms']} ms, "
          f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms, "
          f"errors {figures['errors']}")
    database = (f", PostgreSQL {figures['database_cpu_ms']} ms"
                if figures["database_cpu_ms"] is not None else "")
    print(f"    CPU per request: gunicorn {figures['server_cpu_ms']} ms{database}, load "
          f"generator {figures['client_cpu_ms']} ms; load average {figures['load_average']}")
    for error in figures["error_samples"]:
        print(f"    error: {error}")


def run(*, badges=2000, clients=8, requests=6000, seconds=60, workers=3,
        worker_class="sync", warmup=400, baseline=True, servers=(1,)):
    """Seed, then for each count of `servers` (gunicorn servers, each of `workers`
    workers, on the one database): serve, load the scan endpoint and the bare select-and-
    insert view. Prints the figures and the table; returns the figures of each count."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    codes, checkpoint, raw = seed(badges)
    connection.close()
    gates = [codes[i::clients] or codes for i in range(clients)]
    every = []
    for count in servers:
        ports = [free_port() for _ in range(count)]
        started = []
        try:
            for port in ports:
                started.append(start_server(port, workers, worker_class))
            # Warm every worker up (imports, the checkpoint cache, the key's last use).
            load(ports, raw, [scans_of(checkpoint, gate) for gate in gates],
                 requests=warmup * count, seconds=30)
            for _name, path in LAYERS:
                load(ports, raw, [selects_inserts_of(checkpoint, gate, path) for gate in gates],
                     requests=warmup * count, seconds=30)
            figures = measure(started, ports, raw, [scans_of(checkpoint, gate) for gate in gates],
                              requests=requests, seconds=seconds)
            figures["layers"] = [
                (name, measure(started, ports, raw,
                               [selects_inserts_of(checkpoint, gate, path) for gate in gates],
                               requests=requests, seconds=seconds))
                for name, path in LAYERS]
            figures["bare_write"] = figures["layers"][0][1]
            # The machine's yardstick, once: a JSON 404 touches no database.
            figures["bare"] = measure(started, ports, raw, [nothing] * clients,
                                      requests=requests, seconds=seconds) \
                if baseline and not every else None
        finally:
            for server in started:
                stop_server(server)
        figures.update(engine=connection.vendor, servers=count,
                       workers=f"{workers} {worker_class}", clients=clients)
        _report(figures)
        every.append(figures)
    _table(every)
    _layers(every)
    return every


def _report(figures):
    print(f"\nScan endpoint on {figures['engine']}: {figures['servers']} gunicorn server(s) of "
          f"{figures['workers']} workers, {figures['clients']} clients, {os.cpu_count()} "
          "cores, load generator included")
    _print("POST /api/v1/scans/", figures)
    print(f"    answers {figures['results']}")
    for name, layer in figures["layers"]:
        _print(name, layer)
    if figures["bare"]:
        _print("for comparison, a bare JSON 404 of Django", figures["bare"])


def _table(every):
    print(f"\nScans per second against the bare limit, one {every[0]['engine']} database, "
          f"{os.cpu_count()} cores shared with the load generator:")
    print(f"  {'gunicorn servers':<18}{'scans/s':>9}{'p99 ms':>8}"
          f"{'select+insert/s':>17}{'p99 ms':>8}{'scans ÷ bare':>14}")
    for figures in every:
        bare = figures["bare_write"]
        ratio = figures["rps"] / bare["rps"] if bare["rps"] else 0
        print(f"  {figures['servers']} × {figures['workers']:<12}{figures['rps']:>9.1f}"
              f"{figures['p99_ms']:>8.1f}{bare['rps']:>17.1f}{bare['p99_ms']:>8.1f}"
              f"{ratio:>14.2f}")


def _layers(every):
    """What each layer adds to a request, as the CPU of the web server per request and as
    the rate against the bare view's, the scan endpoint last (its service, serializers and
    its own statements)."""
    for figures in every:
        rows = [*figures["layers"], ("+ the scan itself (service, serializers)", figures)]
        bare = figures["bare_write"]
        print(f"\nWhat a scan costs, layer by layer: {figures['servers']} server(s), "
              f"{figures['engine']}")
        print(f"  {'layer':<46}{'req/s':>8}{'÷ bare':>8}{'web CPU ms':>12}{'added':>8}")
        previous = None
        for name, layer in rows:
            cpu = layer["server_cpu_ms"]
            added = (f"{cpu - previous:>8.2f}" if cpu is not None and previous is not None
                     else f"{'':>8}")
            ratio = layer["rps"] / bare["rps"] if bare["rps"] else 0
            print(f"  {name:<46}{layer['rps']:>8.1f}{ratio:>8.2f}"
                  f"{cpu if cpu is not None else float('nan'):>12.2f}{added}")
            previous = cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--seconds", type=float, default=60, help="time cap of the load")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the bare Django 404 measured for comparison")
    parser.add_argument("--servers", default="1",
                        help="counts of gunicorn servers on the one database, e.g. 1,2")
    args = parser.parse_args()
    run(badges=args.badges, clients=args.clients, requests=args.requests,
        seconds=args.seconds, workers=args.workers, worker_class=args.worker_class,
        baseline=not args.no_baseline,
        servers=[int(n) for n in args.servers.split(",") if n.strip()])


if __name__ == "__main__":
    main()
