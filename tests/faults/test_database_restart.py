"""PostgreSQL restarted while gunicorn serves staff pages and the API under a steady load:
the requests caught by the outage fail cleanly and quickly (503 with Retry-After: the
project's page or JSON error, no traceback, no hang), and once the server is back every
request succeeds again, the broken connections replaced (CONN_HEALTH_CHECKS). Our own
throwaway server, a copy of the test database: the suite's server is never touched."""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories.plan import TaskFactory
from tests.plugins.live_services import database_url

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="restarts a PostgreSQL server; the PostgreSQL pass of `make "
                              "test` runs this (SQLite has no server to restart)"),
]

THREADS = 4
BEFORE, DURING_AT_LEAST, AFTER = 40, 40, 40  # requests
TIMEOUT = 10  # seconds: a request still waiting after this is a hang


def test_database_restarted_under_load(faults, postgres_cluster, event, secretariat):
    for _ in range(5):
        TaskFactory(event=event)
    plan = faults.session(secretariat)  # its session row is copied with the rest
    url = postgres_cluster.copy_of(database_url(connection.settings_dict))
    # No Redis for this one: the development broker and the process's own cache.
    faults.start_web(DATABASE_URL=url, REDIS_URL="", CONN_MAX_AGE="60")
    paths = [reverse("logistics:dashboard"), reverse("logistics:task_list"), "/api/v1/tasks/"]

    results, lock = [], threading.Lock()
    stop = threading.Event()

    def load(n):
        i = n
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            started = time.monotonic()
            try:
                response = plan.get(faults.url(path), timeout=TIMEOUT)
                outcome = (response.status_code,
                           f"Retry-After: {response.headers.get('Retry-After')}\n{response.text}")
            except Exception as error:  # a hang or a dropped connection: recorded, failed below
                outcome = (None, repr(error))
            with lock:
                results.append((path, *outcome, time.monotonic() - started))

    threads = [threading.Thread(target=load, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    try:
        _wait_until(lambda: len(results) >= BEFORE)
        before = len(results)
        postgres_cluster.stop()
        down_from = len(results)
        _wait_until(lambda: len(results) >= down_from + DURING_AT_LEAST)
        postgres_cluster.start()
        up_from = len(results)
        _wait_until(lambda: len(results) >= up_from + AFTER + THREADS)
    finally:
        stop.set()
        for thread in threads:
            thread.join(TIMEOUT + 5)

    assert all(status == 200 for _path, status, _body, _t in results[:before])
    outage = results[down_from:up_from]
    failed = [(path, status, body) for path, status, body, _t in outage if status != 200]
    assert failed, "no request saw the database down"
    for path, status, body in failed:
        assert status == 503, (path, status, body[:300])
        assert body.startswith("Retry-After: 30\n"), body[:300]
        assert "Traceback" not in body and "OperationalError" not in body, body[:500]
        if path.startswith("/api/"):
            assert '"code":"unavailable"' in body.replace(" ", ""), body[:300]
        else:
            assert "Briefly unavailable" in body, body[:300]
    assert max(seconds for *_rest, seconds in results) < TIMEOUT
    # The first request of each thread may still be in flight on the old connection.
    settled = results[up_from + THREADS:]
    statuses = [status for _path, status, _body, _t in settled]
    assert statuses and set(statuses) == {200}, statuses
    print(f"{len(results)} requests: {len(failed)} failed cleanly during the outage, slowest "
          f"{max(t for *_rest, t in results):.2f}s, all {len(settled)} after it succeeded")


def _wait_until(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail("the load did not make progress")
        time.sleep(0.05)
