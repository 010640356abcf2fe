"""Fixtures of the integration API's tests (applications, bulk, sync, badges, webhooks,
scopes): clients holding API keys with the accreditation scopes. The office's people and
categories are in tests/conftest.py."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from accreditation.keys.services import api_key_create

__all__ = ["celery_retrying", "decider", "key_client", "reader", "subscriber", "writer"]


@pytest.fixture
def key_client(bearer, db):
    """`key_client("accreditation:read", ..., name=...)`: a client holding a new key with
    those scopes; the key is on `client.key`."""

    def make(*scopes, name=None):
        key, raw = api_key_create(name=name or "registration system", scopes=list(scopes))
        client = bearer(raw)
        client.key = key
        return client

    return make


@pytest.fixture
def reader(key_client):
    """The media portal: it syncs the applicants, personal data included."""
    return key_client("accreditation:read", "personal_data", name="media portal (read)")


@pytest.fixture
def writer(key_client):
    return key_client("accreditation:read", "accreditation:write", "personal_data",
                      name="media portal")


@pytest.fixture
def decider(key_client):
    return key_client("accreditation:read", "accreditation:decide", name="UN registration")


class Subscriber:
    """A webhook subscriber on 127.0.0.1: it records each POST (headers in lower case, the
    raw body) and answers with the next status of `answers` (200 once they run out)."""

    def __init__(self):
        self.received = []
        self.answers = []
        self.url = ""

    def bodies(self):
        return [json.loads(body) for _headers, body in self.received]


@pytest.fixture
def subscriber():
    subscriber = Subscriber()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            subscriber.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(subscriber.answers.pop(0) if subscriber.answers else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    subscriber.url = f"http://127.0.0.1:{server.server_port}/accord/events"
    yield subscriber
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def celery_retrying(celery_eager):
    """Tasks run in-process as with celery_eager, and a task that asks to be retried is run
    again at once (its backoff skipped) instead of the retry surfacing as an error."""
    from config.celery import app as celery_app

    celery_app.conf.task_eager_propagates = False
    yield
