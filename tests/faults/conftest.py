"""Real processes for the fault tests, started by each test and stopped after it (even when
it fails): a Redis server that can be stopped and started again on its port, Celery workers
that can be killed with SIGKILL, beat, and gunicorn serving the app with production
settings. Only the processes started here are ever signalled, by their own process group.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.plugins.live_services import (
    MAIL_SEPARATOR,
    START_TIMEOUT,
    database_url,
    free_port,
    wait_for,
)

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# What the tests shorten: a message of a killed worker is back in the queue within seconds,
# and the resend sweep runs every second instead of every minute.
VISIBILITY_TIMEOUT = 6
RESEND_SECONDS = 1


class Process:
    """One process we started, in its own process group, logging to a file."""

    def __init__(self, name, args, *, env, log):
        self.name, self.log = name, log
        with log.open("ab") as output:
            self.popen = subprocess.Popen(args, cwd=BASE_DIR, env=env, stdout=output,
                                          stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def text(self):
        return self.log.read_text(errors="replace")

    def kill(self):
        """SIGKILL to the whole group: a prefork worker's children die with it, mid-task."""
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(10)

    def stop(self, timeout=5):
        if not self.alive():
            return
        os.killpg(self.popen.pid, signal.SIGCONT)  # if a test froze it
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()


class Faults:
    """The services of one test, and the means to break them."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.visibility_timeout = VISIBILITY_TIMEOUT
        self.processes = []
        self.mail_dir = tmp / "mail"
        self.mail_dir.mkdir()
        self.redis_port = free_port()
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.redis = None
        self.web_port = None

    # The environment every process runs with: production settings (config.settings), the
    # test database, this test's Redis, mail written to files.
    def env(self, **extra):
        from django.db import connection

        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url(connection.settings_dict),
            "REDIS_URL": self.redis_url,
            "EMAIL_URL": f"filemail:///{self.mail_dir}",
            "ACCORD_VAR_DIR": str(self.tmp / "var"),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_VISIBILITY_TIMEOUT": str(self.visibility_timeout),
            "UNSENT_TASKS_RESEND_SECONDS": str(RESEND_SECONDS),
            "SITE_URL": "https://accord.example.org",
            **extra,
        }

    def _start(self, name, args, **extra):
        process = Process(name, args, env=self.env(**extra), log=self.tmp / f"{name}.log")
        self.processes.append(process)
        return process

    def start_redis(self):
        """redis-server on this test's port; started again after stop_redis, on the same one.
        No persistence: what was queued in it when it stopped is gone, as after a crash."""
        executable = shutil.which("redis-server")
        if not executable:
            pytest.fail("redis-server is not installed; `make test` installs it.")
        import redis

        self.redis = self._start("redis", [
            executable, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(self.tmp)])
        client = redis.Redis(host="127.0.0.1", port=self.redis_port, socket_connect_timeout=1)

        def answers():
            if not self.redis.alive():
                pytest.fail(f"redis-server exited.\n{self.redis.text()[-2000:]}")
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        wait_for(answers, timeout=START_TIMEOUT, message="redis-server")
        client.close()

    def stop_redis(self):
        self.redis.stop()

    def freeze_redis(self, frozen=True):
        """SIGSTOP: Redis keeps its port and takes connections, and answers nothing."""
        os.killpg(self.redis.pid, signal.SIGSTOP if frozen else signal.SIGCONT)

    def start_worker(self, name="worker", concurrency=2, **extra):
        worker = self._start(name, [
            str(BIN / "celery"), "-A", "config", "worker", "--pool=prefork",
            f"--concurrency={concurrency}", "-l", "info", "--without-gossip",
            "--without-mingle", "--without-heartbeat", "-n", f"{name}-{os.getpid()}@%h"],
            **extra)
        self._wait_log(worker, " ready.")
        return worker

    def start_beat(self, name="beat", **extra):
        """Beat with a schedule file of its own, as on a machine of its own."""
        beat = self._start(name, [
            str(BIN / "celery"), "-A", "config", "beat", "-l", "info",
            "-s", str(self.tmp / f"{name}-schedule")], **extra)
        self._wait_log(beat, "beat: Starting")
        return beat

    def start_web(self, name="web", settings_module="config.test_settings", **extra):
        """gunicorn on 127.0.0.1, four threads in one worker, requests time out after 20 s.
        The test settings, for their static files storage (production's needs collectstatic);
        everything else is the production settings the environment gives. `url()` is the
        last one started; each has its own `web.port`."""
        self.web_port = free_port()
        web = self._start(name, [
            str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{self.web_port}",
            "--workers", "1", "--threads", "4", "--timeout", "20"],
            DJANGO_SETTINGS_MODULE=settings_module, **extra)
        web.port = self.web_port

        def answers():
            if not web.alive():
                pytest.fail(f"gunicorn exited.\n{web.text()[-3000:]}")
            try:
                return requests.get(self.url("/healthz"), timeout=2).status_code in (200, 503)
            except requests.RequestException:
                return False

        wait_for(answers, timeout=START_TIMEOUT, message="gunicorn")
        return web

    def url(self, path):
        return f"http://127.0.0.1:{self.web_port}{path}"

    def session(self, user):
        """An HTTP session logged in as `user` (its session row is in the shared database),
        with a CSRF cookie and header for the forms."""
        client = Client()
        client.force_login(user)
        http = requests.Session()
        http.cookies.set(settings.SESSION_COOKIE_NAME,
                         client.cookies[settings.SESSION_COOKIE_NAME].value)
        token = "a" * 32
        http.cookies.set(settings.CSRF_COOKIE_NAME, token)
        http.headers.update({"X-CSRFToken": token, "Referer": self.url("/")})
        return http

    def _wait_log(self, process, text):
        def ready():
            if not process.alive():
                pytest.fail(f"{process.name} exited.\n{process.text()[-3000:]}")
            return text in process.text()

        wait_for(ready, timeout=START_TIMEOUT, message=process.name, log=process.log)

    def mails(self):
        """Every mail written, parsed."""
        from email import policy
        from email.parser import BytesParser

        parser = BytesParser(policy=policy.default)
        return [parser.parsebytes(chunk) for path in sorted(self.mail_dir.glob("*.log"))
                for chunk in path.read_bytes().split(MAIL_SEPARATOR) if chunk.strip()]

    def mails_to(self, address):
        return [mail for mail in self.mails() if address in str(mail["To"] or "")]

    def stop_all(self):
        for process in reversed(self.processes):
            process.stop()


@pytest.fixture
def event(event):
    """The event, with its weekly note on a day other than today. The sweep these tests run
    works on the real clock, and on the weekly note's day, from its hour, it would claim one
    note per agency owing a task beside the reminder each test counts (they failed on Monday
    mornings in Hanoi)."""
    today = timezone.localtime(timezone=ZoneInfo(event.time_zone)).weekday()
    event.weekly_weekday = (today + 3) % 7
    event.save(update_fields=["weekly_weekday"])
    return event


@pytest.fixture
def faults(transactional_db, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    services = Faults(tmp_path)
    try:
        yield services
    finally:
        services.stop_all()


def settle(seconds):
    """Time for a message that should not come (a duplicate) to have come."""
    time.sleep(seconds)


class StallingSMTPServer:
    """A mail server on 127.0.0.1 that holds its first connection without a word (a worker
    sending through it is caught mid-send, for as long as the test likes) and takes the mail
    of every later one, keeping each message's raw text."""

    def __init__(self):
        import socket
        import threading

        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held = threading.Event()
        self.messages = []
        self._held_socket = None
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        import threading

        while not self._stop:
            try:
                sock, _address = self.listener.accept()
            except OSError:
                return
            if self._held_socket is None:
                self._held_socket = sock
                self.held.set()
                continue
            threading.Thread(target=self._session, args=(sock,), daemon=True).start()

    def _session(self, sock):
        stream = sock.makefile("rwb")

        def say(line):
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        try:
            say("220 faults.test ESMTP")
            while line := stream.readline():
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    say("250 faults.test")
                elif verb == b"DATA":
                    say("354 go ahead")
                    body = []
                    while (data := stream.readline()) not in (b".\r\n", b""):
                        body.append(data)
                    self.messages.append(b"".join(body).decode(errors="replace"))
                    say("250 queued")
                elif verb == b"QUIT":
                    say("221 bye")
                    return
                else:  # MAIL, RCPT, RSET, NOOP
                    say("250 ok")
        except OSError:
            pass
        finally:
            sock.close()

    def close(self):
        self._stop = True
        self.listener.close()
        if self._held_socket is not None:
            self._held_socket.close()


@pytest.fixture
def smtp():
    server = StallingSMTPServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def broker(faults):
    """This process's Celery app publishing to the test's Redis (as the web process would),
    with the production settings' timeouts; put back afterwards."""
    from config.celery import app
    from tests.plugins.live_services import forget_broker

    saved = app.conf.broker_url, app.conf.broker_transport_options
    forget_broker(app)
    app.conf.broker_url = faults.redis_url
    app.conf.broker_transport_options = {"socket_timeout": 1, "socket_connect_timeout": 1}
    try:
        yield app
    finally:
        forget_broker(app)
        app.conf.broker_url, app.conf.broker_transport_options = saved


class PostgresCluster:
    """A throwaway PostgreSQL server of our own (as scripts/with-postgres.sh makes one),
    which a test may restart under load. As root, the server runs as the postgres user."""

    def __init__(self, tmp):
        import glob

        initdb = shutil.which("initdb") or max(
            glob.glob("/usr/lib/postgresql/*/bin/initdb"),
            key=lambda path: int(path.split("/")[4]), default=None)
        if not initdb:
            pytest.fail("PostgreSQL's server (initdb) is not installed.")
        self.bin = Path(initdb).resolve().parent
        # Not under pytest's tmp_path, which only its owner may enter.
        self.dir = Path(tempfile.mkdtemp(prefix="accord-faults-pg."))
        self.port = free_port()
        self.as_user = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.dir / "db"), "-U", "accord", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self.started = False

    def _run(self, tool, *args, timeout=60):
        result = subprocess.run([*self.as_user, str(self.bin / tool), *args],
                                capture_output=True, text=True, timeout=timeout)
        if result.returncode:
            pytest.fail(f"{tool} failed: {result.stderr[-2000:]}")
        return result

    def start(self):
        self._run("pg_ctl", "-D", str(self.dir / "db"), "-l", str(self.dir / "server.log"),
                  "-w", "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off -c max_connections=50", "start")
        self.started = True

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.dir / "db"), "-m", mode, "-w", "stop")
        self.started = False

    def url(self, name="accord"):
        return f"postgres://accord@127.0.0.1:{self.port}/{name}"

    def create_database(self, name="accord"):
        """An empty database `name`; its URL."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "accord", name)
        return self.url(name)

    def copy_of(self, source_url, name="accord"):
        """A database `name` holding what the database at `source_url` holds."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "accord", name)
        dump = subprocess.run([str(self.bin / "pg_dump"), "-Fc", "--no-owner",
                               f"--dbname={source_url}"], capture_output=True, timeout=120)
        assert dump.returncode == 0, dump.stderr[-2000:]
        restore = subprocess.run([str(self.bin / "pg_restore"), "--no-owner", "--exit-on-error",
                                  f"--dbname={self.url(name)}"], input=dump.stdout,
                                 capture_output=True, timeout=120)
        assert restore.returncode == 0, restore.stderr[-2000:]
        return self.url(name)

    def remove(self):
        if self.started:
            subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.dir / "db"),
                            "-m", "immediate", "stop"], capture_output=True, timeout=60)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def postgres_cluster(tmp_path):
    cluster = PostgresCluster(tmp_path)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()
