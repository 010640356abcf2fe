"""Where a webhook delivery may go, and the one connection that takes it there.

An API key must not be able to reach the committee's own network through our deliveries.
So a subscriber's host is resolved once per attempt and every address it resolves to is
judged: an address is internal when it is loopback, private, link-local, reserved or
multicast, or an IPv6 form that carries such an IPv4 (IPv4-mapped, IPv4-compatible,
IPv4-translated, 6to4, NAT64, Teredo, ISATAP), whatever Python's is_global says of the IPv6
itself. Then the delivery connects to those very addresses, not to the name again, which
could answer elsewhere the second time (DNS rebinding), while the Host header, TLS's server
name and the certificate check still use the name. WEBHOOK_ALLOWED_NETWORKS lists networks
that are allowed all the same (a closed venue network); WEBHOOK_CA_FILE adds the
certificate authorities of such a network to the system's.

What the key's holder reads (the refusal of a URL, the error of a delivery) tells nothing of
where a name leads: one answer for every refused host, internal or unknown alike (else a key
maps the committee's DNS through it), and a delivery's failure by its kind only. The name and
its addresses go to the server's log."""

import ipaddress
import logging
import socket
import ssl
import urllib.parse
from functools import cache

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

# Internal by definition, though Python 3.11 calls them global: NAT64 for local use (RFC
# 8215), site-local (deprecated, RFC 3879) and the documentation range of RFC 9637.
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_ALSO_INTERNAL = (_NAT64_LOCAL, ipaddress.ip_network("fec0::/10"),
                  ipaddress.ip_network("3fff::/20"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_ISATAP = (0x00005EFE, 0x02005EFE)  # the interface identifier's upper half

log = logging.getLogger(__name__)


class Refused(Exception):
    """Why a delivery must not go to a URL; str() is the message for the API and the
    delivery log, the same for every host refused."""


def _not_public():
    return Refused(_("Not a public address: webhooks go to public addresses only."))


def resolve(host, port):
    """Every address `host` resolves to, as text, in the resolver's order: looked up once
    per check, and the delivery goes to what this returned."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def embedded_ipv4s(ip):
    """The IPv4 addresses an IPv6 address carries, where a packet to it would end up."""
    if ip.version == 4:
        return []
    number = int(ip)
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    upper = number >> 32
    if upper == 0 or upper == 0xFFFF0000 or ip in _NAT64 or ip in _NAT64_LOCAL \
            or upper & 0xFFFFFFFF in _ISATAP:
        # IPv4-compatible (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64, ISATAP.
        found.append(ipaddress.IPv4Address(number & 0xFFFFFFFF))
    return [address for address in found if address is not None]


@cache
def _networks(values):
    return tuple(ipaddress.ip_network(value) for value in values)


def _allowed(ip):
    return any(ip in network for network in _networks(tuple(settings.WEBHOOK_ALLOWED_NETWORKS))
               if network.version == ip.version)


def _public(ip):
    return ip.is_global and not ip.is_multicast and not any(
        ip in network for network in _ALSO_INTERNAL if network.version == ip.version)


def internal(ip):
    """"" when a delivery may reach this address; else the address as the server's log shows
    it (with the internal IPv4 it carries)."""
    if _allowed(ip):
        return ""
    inner = [v4 for v4 in embedded_ipv4s(ip) if not (_public(v4) or _allowed(v4))]
    if _public(ip) and not inner:
        return ""
    return f"{ip} → {inner[0]}" if inner else str(ip)


def _target(url):
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(_("The address has no valid port.")) from None
    return parts, parts.hostname or "", port


def destination(url):
    """The addresses a delivery to `url` connects to: every address its host resolves to,
    each judged. Raises Refused when one of them is internal, or when there are none."""
    _parts, host, port = _target(url)
    try:
        found = resolve(host, port)
    except (OSError, UnicodeError, ValueError):
        found = []
    if not found:
        log.warning("Webhook host %r refused: it does not resolve.", host)
        raise _not_public()
    addresses = []
    for text in found:
        ip = ipaddress.ip_address(text.split("%")[0])
        shown = internal(ip)
        if shown:
            log.warning("Webhook host %r refused: it resolves to %s, internal.", host, shown)
            raise _not_public()
        addresses.append(str(ip))
    return list(dict.fromkeys(addresses))


def _tls():
    context = ssl.create_default_context()
    if settings.WEBHOOK_CA_FILE:
        context.load_verify_locations(cafile=settings.WEBHOOK_CA_FILE)
    return context


def post(url, addresses, *, body, headers, timeout):
    """POST `body` to `url` at the first of `addresses` that accepts a connection (all of
    them judged by destination()); the name of `url` goes in the Host header and, over
    HTTPS, as the TLS server name the certificate must match. Returns (HTTP status or None,
    the failure's kind as the delivery log says it); a redirect is an answer like any other,
    never followed."""
    parts, host, port = _target(url)
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    headers = {**headers, "Host": parts.netloc.rpartition("@")[2]}
    failure = None
    for address in addresses:
        options = {"port": port, "timeout": urllib3.Timeout(timeout), "retries": False,
                   "maxsize": 1}
        if parts.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(address, server_hostname=host,
                                               assert_hostname=host, ssl_context=_tls(),
                                               **options)
        else:
            pool = urllib3.HTTPConnectionPool(address, **options)
        try:
            response = pool.urlopen("POST", path, body=body, headers=headers, redirect=False,
                                    assert_same_host=False, preload_content=False)
            response.close()  # its status is all a delivery needs of the answer
        except urllib3.exceptions.ConnectTimeoutError as error:  # refused, unreachable too
            failure = _failed(host, address, error)
            continue  # the name's next address, as a client connecting by name would
        except urllib3.exceptions.HTTPError as error:
            return None, _failed(host, address, error)
        finally:
            pool.close()
        status = response.status
        return status, "" if 200 <= status < 300 else f"HTTP {status}"
    return None, failure or ""


def _failed(host, ip, error):
    """The kind of `error` for the delivery log; urllib3's own text, which names the address
    connected to (and a certificate's names), goes to the server's log only."""
    log.warning("Webhook delivery to %r at %s failed: %s", host, ip, error)
    if isinstance(error, urllib3.exceptions.SSLError):
        return _("The TLS handshake failed: the certificate is not trusted, or not issued "
                 "for the host's name.")
    if isinstance(error, urllib3.exceptions.ConnectTimeoutError):
        return _("No connection could be made to the host.")
    if isinstance(error, urllib3.exceptions.ReadTimeoutError):
        return _("The subscriber did not answer in time.")
    return _("The subscriber's answer could not be read.")
