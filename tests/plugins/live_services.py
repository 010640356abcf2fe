"""Fixtures that start real services (Redis, a Celery worker) for the tests that need them.

They fail, never skip, when redis-server is missing: `make test` installs it, and a suite
that quietly skips its concurrency tests proves nothing about them.
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import quote

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
START_TIMEOUT = 30
# The file mail backend ends every message with a line of 79 dashes.
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def wait_for(predicate, *, timeout=30, interval=0.2, message="condition", log=None):
    """Poll until predicate() is truthy and return its value; fail with `log`'s tail if not."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            tail = Path(log).read_text(errors="replace")[-4000:] if log else ""
            pytest.fail(f"Timed out after {timeout}s waiting for {message}.\n{tail}")
        time.sleep(interval)


# Servers the tests start listen on ports from a block of this test process's own, below the
# kernel's ephemeral range (32768 and up on Linux): two pytest-xdist workers never pick the
# same port, and no outgoing connection (a browser's, a database client's) takes the port
# between the pick and the server's bind.
PORT_BLOCKS_START, PORT_BLOCK_SIZE, PORT_BLOCKS = 20000, 1000, 12


def free_port():
    """A loopback port that nothing listens on, from this process's block."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw3" under xdist
    index = int(worker[2:]) % PORT_BLOCKS if worker[2:].isdigit() else PORT_BLOCKS - 1
    first = PORT_BLOCKS_START + index * PORT_BLOCK_SIZE
    candidates = list(range(first, first + PORT_BLOCK_SIZE))
    random.shuffle(candidates)  # a second run side by side rarely starts on the same one
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"No free port in {first}-{first + PORT_BLOCK_SIZE - 1}.")


def _stop(process, timeout=10):
    """Stop a process we started: politely, then by force (its whole process group, so that
    a prefork worker's children go with it)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout)


def database_url(settings_dict):
    """A DATABASE_URL for the database the test process created."""
    name = settings_dict["NAME"]
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(name).resolve()}"
    if "postgresql" in settings_dict["ENGINE"]:
        user = quote(settings_dict.get("USER") or "", safe="")
        password = quote(settings_dict.get("PASSWORD") or "", safe="")
        host = quote(settings_dict.get("HOST") or "localhost", safe="")
        port = settings_dict.get("PORT") or 5432
        credentials = f"{user}:{password}@" if user else ""
        return f"postgres://{credentials}{host}:{port}/{quote(name, safe='')}"
    pytest.fail(f"No live worker for database engine {settings_dict['ENGINE']}.")


class LiveServices:
    def __init__(self, *, redis_url, env, mail_dir, log):
        self.redis_url, self.env, self.mail_dir, self.log = redis_url, env, mail_dir, log

    def messages(self):
        """Every mail the worker wrote, parsed, with decoded headers."""
        parser = BytesParser(policy=policy.default)
        chunks = [chunk for path in sorted(self.mail_dir.glob("*.log"))
                  for chunk in path.read_bytes().split(MAIL_SEPARATOR) if chunk.strip()]
        return [parser.parsebytes(chunk) for chunk in chunks]

    def clear_mail(self):
        for path in self.mail_dir.glob("*.log"):
            path.unlink()

    def manage(self, *args):
        """Start `manage.py <args>` against the test database, the test Redis, mail to files."""
        return subprocess.Popen([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    executable = shutil.which("redis-server")
    if not executable:
        pytest.fail("redis-server is not installed; the tests marked `redis` need it. "
                    "`make test` installs it, or run: apt-get install -y redis-server")
    import redis

    port = free_port()
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)

    def answers():
        if process.poll() is not None:
            pytest.fail(f"redis-server exited with code {process.returncode}.")
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    try:
        wait_for(answers, timeout=START_TIMEOUT, message="redis-server to answer PING")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        _stop(process)


@pytest.fixture(scope="session")
def live_services(redis_url, django_db_setup, tmp_path_factory):
    """A real Celery worker on the test Redis and the test database, writing mail to files.

    It runs config.settings, not config.test_settings: the latter forces the in-memory mail
    backend, which another process cannot read back."""
    from django.conf import settings
    from django.db import connection

    tmp = tmp_path_factory.mktemp("live")
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": settings.SECRET_KEY,  # the keys too, through os.environ
        "DEBUG": "false",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": redis_url,
        # django-environ reads the path after "filemail://" without its leading slash.
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "ACCORD_VAR_DIR": str(tmp / "var"),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SITE_URL": "https://accord.example.org",
    }
    log = tmp / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [str(CELERY), "-A", "config", "worker", "--pool=prefork", "--concurrency=2",
             "-l", "info", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"live-{os.getpid()}@%h"],
            cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True)

    def ready():
        if worker.poll() is not None:
            pytest.fail(f"The Celery worker exited with code {worker.returncode}.\n"
                        + log.read_text(errors="replace")[-4000:])
        return " ready." in log.read_text(errors="replace")

    try:
        wait_for(ready, timeout=START_TIMEOUT, message="the Celery worker", log=log)
        yield LiveServices(redis_url=redis_url, env=env, mail_dir=mail_dir, log=log)
    finally:
        _stop(worker)


@pytest.fixture
def live(live_services, transactional_db):
    """The live services, with this process's Celery app sending to the same Redis."""
    from config.celery import app

    saved = app.conf.broker_url, app.conf.broker_transport_options
    forget_broker(app)
    app.conf.broker_url, app.conf.broker_transport_options = live_services.redis_url, {}
    live_services.clear_mail()
    try:
        yield live_services
    finally:
        try:
            wait_until_idle(app, log=live_services.log)
        finally:
            forget_broker(app)
            app.conf.broker_url, app.conf.broker_transport_options = saved


def wait_until_idle(app, *, log, timeout=60):
    """Until the worker runs and holds no task: what a test set going (the badges of
    hundreds of approvals, a mail) would otherwise still be writing while the test's
    database is flushed, and PostgreSQL's TRUNCATE then deadlocks with it."""
    inspect = app.control.inspect(timeout=1.0)

    def idle():
        answers = [inspect.active(), inspect.reserved()]
        return all(answer is not None and not any(answer.values()) for answer in answers)

    wait_for(idle, timeout=timeout, interval=0.3, message="the worker to finish its tasks",
             log=log)


def forget_broker(app):
    """The app caches its connection and producer pools for the broker it first used (what
    Celery itself does after a fork, without the fork signal)."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
