"""Webhooks reach public addresses only (and the networks the operator allows), however the
host is written or what it resolves to, at registration and at each delivery; a delivery
connects to the address that was checked, and still checks TLS against the host's name. What
the key reads of a refusal or a failure tells nothing of what a name resolves to, nor
whether it exists: that is in the server's log only.

Names are answered by a resolver of the test's own (socket.getaddrinfo, per name): no test
here needs a network, and every server is on loopback."""

import contextlib
import json
import logging
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import trustme

from accreditation.enums import DeliveryStatus
from accreditation.integrations.models import Delivery, Webhook
from accreditation.integrations.services.webhooks import DeliveryFailed, delivery_attempt
from tests.factories.accreditation import journalist

URL = "/api/v1/webhooks/"
STATUS = "application.status_changed"

# Names the resolver below answers, as a hostile DNS zone would.
ZONE = {
    "internal.example": ["10.1.2.3"],
    "metadata.example": ["169.254.169.254"],
    "mixed.example": ["93.184.215.14", "192.168.0.7"],  # one internal answer is enough
    "mapped.example": ["::ffff:10.0.0.1"],
    "nat64.example": ["64:ff9b::a00:1"],
    "sixtofour.example": ["2002:c0a8:1::1"],
    "loopback6.example": ["::1"],
    "nowhere.example": [],
}

HOSTILE = [
    # IPv4, as a URL may write it
    "http://127.0.0.1/hook", "http://127.0.0.2:8080/hook", "http://0.0.0.0/",
    "http://10.0.0.5/hook", "http://172.16.0.1/hook", "http://192.168.1.20/hook",
    "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/hook",
    "http://192.0.0.1/hook", "http://198.18.0.1/hook", "http://224.0.0.1/hook",
    "http://255.255.255.255/hook", "http://2130706433/hook", "http://0x7f000001/hook",
    "http://0177.0.0.1/hook", "http://0x7f.0.0.1/hook", "http://127.1/hook",
    "http://017700000001/hook",
    # IPv6, and the IPv6 forms that carry an internal IPv4
    "http://[::1]/hook", "http://[::]/hook", "http://[fe80::1]/hook", "http://[fc00::1]/hook",
    "http://[fd12:3456::1]/hook", "http://[ff02::1]/hook", "http://[fec0::1]/hook",
    "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:7f00:1]/hook",
    "http://[::ffff:10.0.0.5]/hook", "http://[::127.0.0.1]/hook", "http://[::10.0.0.5]/hook",
    "http://[::ffff:0:7f00:1]/hook", "http://[2002:7f00:1::]/hook",
    "http://[2002:a00:5::1]/hook", "http://[2002:a9fe:a9fe::]/hook",
    "http://[64:ff9b::7f00:1]/hook", "http://[64:ff9b::a9fe:a9fe]/hook",
    "http://[64:ff9b:1::7f00:1]/hook", "http://[64:ff9b:1::808:808]/hook",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook",  # Teredo, client 127.0.0.1
    "http://[2606:4700::5efe:7f00:1]/hook",  # ISATAP, 127.0.0.1
    "http://[2606:4700::200:5efe:a00:5]/hook",  # ISATAP, 10.0.0.5
    # names
    "http://localhost/hook", "http://localhost:8000/hook", "http://LOCALHOST/hook",
    "http://localhost./hook", "https://internal.example/hook", "https://metadata.example/",
    "https://mixed.example/hook", "https://mapped.example/hook", "https://nat64.example/hook",
    "https://sixtofour.example/hook", "https://loopback6.example/hook",
    "https://nowhere.example/hook",
]
# The one answer to every host refused, whatever it resolves to, or if it resolves at all.
NOT_PUBLIC = "Not a public address: webhooks go to public addresses only."
PUBLIC = ["https://93.184.215.14/hook", "https://[2606:4700::1111]/hook",
          "https://[64:ff9b::808:808]/hook", "https://[2002:808:808::1]/hook",
          "https://hooks.example.org/accord"]


@pytest.fixture
def names(monkeypatch):
    """Answers ZONE's names (and those a test adds); counts each lookup of a name."""
    zone, lookups = dict(ZONE), []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in zone:
            return real(host, port, *args, **kwargs)
        lookups.append(name)
        answer = zone[name]
        if callable(answer):
            answer = answer()
        if not answer:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (ip, port or 0)) for ip in answer]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return zone, lookups


@pytest.fixture
def public_only(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    return settings


def test_hostile_hosts_are_refused_at_registration(reader, names, public_only):
    accepted = {}
    for url in HOSTILE:
        response = reader.post(URL, {"url": url, "events": [STATUS]}, format="json")
        if response.status_code != 400 or "url" not in response.json()["error"]["fields"]:
            accepted[url] = response.status_code
    assert accepted == {}
    assert not Webhook.objects.exists()
    for url in HOSTILE:  # and as a change of a webhook's address
        hook = Webhook.objects.create(api_key=reader.key, url="https://hooks.example.org/a",
                                      events=[STATUS])
        response = reader.patch(f"{URL}{hook.pk}/", {"url": url}, format="json")
        assert response.status_code == 400, url
        hook.refresh_from_db()
        assert hook.url == "https://hooks.example.org/a"
        hook.delete()


def test_public_hosts_are_accepted(reader, names, public_only):
    for url in PUBLIC:
        response = reader.post(URL, {"url": url, "events": [STATUS]}, format="json")
        assert response.status_code == 201, (url, response.content)


def test_hostile_hosts_are_refused_at_delivery(writer, event, cats, outlet, names,
                                               public_only):
    """A webhook registered when its host was harmless (or the allowed networks wider) is
    judged again at each attempt: nothing leaves, and the log says why."""
    for url in HOSTILE:
        Webhook.objects.create(api_key=writer.key, url=url, events=[STATUS])
    journalist(event, outlet=outlet)
    errors = {}
    for delivery in Delivery.objects.select_related("webhook"):
        with pytest.raises(DeliveryFailed):
            delivery_attempt(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        errors[delivery.webhook.url] = (delivery.response_status, delivery.error)
    # Even the spellings registration refuses outright (0x7f000001, 127.1) resolve to an
    # internal address here, and stay home.
    assert set(errors) == set(HOSTILE)
    assert set(errors.values()) == {(None, NOT_PUBLIC)}


def test_a_refused_host_is_answered_the_same_whatever_it_resolves_to(
        reader, names, public_only, caplog):
    """Registration and a change of address answer one message for an internal name, a
    name that does not resolve and an internal address alike: a key cannot map the
    committee's DNS zone (which names exist, where they lead) through the refusals. The
    server's log has the name and the address."""
    zone, _lookups = names
    zone.update({"db.internal.example": ["10.20.30.40"], "ghost.internal.example": []})
    refused = [f"https://{name}/hook" for name in [*ZONE, "db.internal.example",
                                                   "ghost.internal.example", "localhost"]]
    refused += ["http://10.0.0.5/hook", "http://[::ffff:10.0.0.5]/hook", "http://[::1]/hook"]
    hook = Webhook.objects.create(api_key=reader.key, url="https://hooks.example.org/a",
                                  events=[STATUS])
    answers = {}
    with caplog.at_level(logging.WARNING,
                         logger="accreditation.integrations.services.webhook_network"):
        for url in refused:
            registered = reader.post(URL, {"url": url, "events": [STATUS]}, format="json")
            changed = reader.patch(f"{URL}{hook.pk}/", {"url": url}, format="json")
            answers[url] = [(response.status_code, response.json()["error"]["fields"])
                            for response in (registered, changed)]
    assert answers == {url: [(400, {"url": [NOT_PUBLIC]})] * 2 for url in refused}
    assert "'db.internal.example'" in caplog.text and "10.20.30.40" in caplog.text
    assert "'ghost.internal.example' refused: it does not resolve" in caplog.text


def test_the_allowed_networks_open_those_addresses_only(reader, names, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["10.20.0.0/16", "fd00:1::/64"]
    names[0]["venue.example"] = ["10.20.3.4"]
    answers = {url: reader.post(URL, {"url": url, "events": [STATUS]},
                                format="json").status_code
               for url in ["http://10.20.1.5/hook", "http://[fd00:1::5]/hook",
                           "https://venue.example/hook", "http://10.21.0.1/hook",
                           "http://[fd00:2::5]/hook", "http://127.0.0.1/hook",
                           "http://[::ffff:10.20.1.5]/hook", "https://internal.example/"]}
    assert answers == {
        "http://10.20.1.5/hook": 201, "http://[fd00:1::5]/hook": 201,
        "https://venue.example/hook": 201, "http://10.21.0.1/hook": 400,
        "http://[fd00:2::5]/hook": 400, "http://127.0.0.1/hook": 400,
        "http://[::ffff:10.20.1.5]/hook": 400, "https://internal.example/": 400}


# A name that changes its answer between the check and the connection (DNS rebinding).

class Recorder(ThreadingHTTPServer):
    """A subscriber on one loopback address: what it received, and the TLS server name."""

    def __init__(self, address, port=0, tls=None):
        self.received, self.server_names = [], []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(handler):  # noqa: N805
                length = int(handler.headers.get("Content-Length", 0))
                self.received.append((dict(handler.headers), handler.rfile.read(length)))
                handler.send_response(200)
                handler.send_header("Content-Length", "0")
                handler.end_headers()

            def log_message(handler, *args):  # noqa: N805
                pass

        super().__init__((address, port), Handler)
        if tls is not None:
            tls.sni_callback = lambda sock, name, context: self.server_names.append(name)
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def handle_error(self, request, client_address):
        pass  # a refused handshake is what some tests expect

    def stop(self):
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def servers():
    started = []

    def start(*args, **kwargs):
        started.append(Recorder(*args, **kwargs))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def test_a_delivery_connects_to_the_address_checked(writer, event, cats, outlet, names,
                                                    servers, settings):
    """The name answers 127.0.0.1 (allowed) when checked, then 127.0.0.2 (not allowed, where
    another server listens): the delivery goes to the first, and the name is looked up once
    per check."""
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    subscriber = servers("127.0.0.1")
    port = subscriber.server_port
    trap = servers("127.0.0.2", port)
    zone, lookups = names
    answers = iter([["127.0.0.1"], ["127.0.0.1"]])
    zone["rebind.example"] = lambda: next(answers, ["127.0.0.2"])
    response = writer.post(URL, {"url": f"http://rebind.example:{port}/hook",
                                 "events": [STATUS]}, format="json")
    assert response.status_code == 201, response.content
    journalist(event, outlet=outlet)
    assert delivery_attempt(delivery_id=Delivery.objects.get().pk) is True
    assert (len(subscriber.received), trap.received) == (1, [])
    headers, body = subscriber.received[0]
    assert headers["Host"] == f"rebind.example:{port}"
    assert json.loads(body)["event"] == STATUS
    assert lookups == ["rebind.example", "rebind.example"]  # registration, delivery


# TLS to a pinned address: the certificate must still be the name's.

@pytest.fixture
def tls_subscriber(servers, names, settings, tmp_path):
    """An HTTPS subscriber for hooks.test on 127.0.0.1, its certificate from a CA of the
    test's own; hooks.test and other.test both resolve to it."""
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("hooks.test").configure_cert(context)
    server = servers("127.0.0.1", tls=context)
    names[0].update({"hooks.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return server, str(ca_file)


def _deliver_to(writer, event, outlet, url):
    hook = Webhook.objects.create(api_key=writer.key, url=url, events=[STATUS])
    journalist(event, outlet=outlet)
    delivery = Delivery.objects.get(webhook=hook)
    with contextlib.suppress(DeliveryFailed):
        delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery


TLS_FAILED = ("The TLS handshake failed: the certificate is not trusted, or not issued for "
              "the host's name.")


def test_tls_is_checked_against_the_name_when_connecting_to_the_address(
        writer, event, cats, outlet, tls_subscriber, settings, caplog):
    server, ca_file = tls_subscriber
    port = server.server_port
    # Not trusted: refused, and nothing was posted; the log says why.
    with caplog.at_level(logging.WARNING,
                         logger="accreditation.integrations.services.webhook_network"):
        delivery = _deliver_to(writer, event, outlet, f"https://hooks.test:{port}/hook")
    assert (delivery.status, delivery.response_status) == (DeliveryStatus.PENDING, None)
    assert delivery.error == TLS_FAILED
    assert "CERTIFICATE_VERIFY_FAILED" in caplog.text
    assert server.received == []
    # Trusted through the operator's CA file: delivered, to the name's certificate.
    settings.WEBHOOK_CA_FILE = ca_file
    delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == (DeliveryStatus.DELIVERED, 200)
    assert [headers["Host"] for headers, _body in server.received] == [f"hooks.test:{port}"]
    assert server.server_names[-1] == "hooks.test"
    # The same server under another name: its certificate does not name it.
    other = _deliver_to(writer, event, outlet, f"https://other.test:{port}/hook")
    assert (other.response_status, other.error) == (None, TLS_FAILED)
    assert len(server.received) == 1


def test_a_failed_delivery_says_its_kind_not_where_the_name_led(
        writer, event, cats, outlet, names, servers, settings, caplog):
    """The delivery log a key reads names no address: a connection refused at the address
    a name resolves to (on an allowed network) reads the same whatever that address is."""
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    names[0]["venue.example"] = ["127.0.0.9"]
    errors = {}
    with caplog.at_level(logging.WARNING,
                         logger="accreditation.integrations.services.webhook_network"):
        for url in (f"http://venue.example:{port}/hook", f"http://127.0.0.1:{port}/hook"):
            delivery = _deliver_to(writer, event, outlet, url)
            errors[url] = (delivery.status, delivery.response_status, delivery.error)
    assert set(errors.values()) == {
        (DeliveryStatus.PENDING, None, "No connection could be made to the host.")}
    assert "'venue.example' at 127.0.0.9 failed" in caplog.text
