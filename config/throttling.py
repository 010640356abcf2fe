"""Rate limits: the public pages per client address, the API per key (per address for
session and anonymous requests). A refused request gets 429 with Retry-After: the API's JSON
error shape, or a translated page.

Counts are fixed windows in the cache: one increment per request, so the gates' scan path
pays a few microseconds. With Redis (REDIS_URL) the count is shared by every process;
without it each process counts on its own, so a server with W workers lets up to W times
the limit through.

A client is counted by client_key(): its IPv4 address, or the /64 network of its IPv6
address. One host or home line is given a whole /64, so counting each IPv6 address on its
own would give one client 2^64 counts."""

import ipaddress
import re
import time
from contextlib import suppress
from functools import cache, wraps

from django.conf import settings
from django.core.cache import cache as default_cache
from django.shortcuts import render
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

# accreditation's ApiScope.SCAN; named here, since logistics' views use this module and
# logistics never imports accreditation.
SCAN_SCOPE = "scan"

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])[a-z]*\s*$")


@cache
def parse_rate(rate):
    """"100/m", "20/10min", "5000/hour" -> (requests, seconds); None or "" -> None (no limit)."""
    if not rate:
        return None
    match = _RATE.match(str(rate).lower())
    if match is None:
        raise ValueError(f"Not a rate: {rate!r} (write e.g. 100/m, 20/10m or 5000/h).")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _PERIODS[unit]


def client_address(request):
    """Who is asking: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies of our own, the
    address the outermost of them saw (each proxy appends to X-Forwarded-For what connected
    to it, so the entries left of that one are whatever the client chose to send)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request):
    """The client as the limits count it: client_address() for IPv4, the /64 network it is
    in for IPv6 (an IPv4 address written as IPv6, ::ffff:a.b.c.d, is that IPv4 address)."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((int(ip), 64), strict=False))


def _window(key, rate):
    """(limit, the cache key of `key`'s current window, seconds until it ends), or None
    for no limit. Windows are fixed: a count starts again when the clock enters the next."""
    limit = parse_rate(rate)
    if limit is None:
        return None
    count_limit, window = limit
    now = time.time()
    start = int(now // window)
    return (count_limit, f"rate:{key}:{window}:{start}",
            max(1, int((start + 1) * window - now + 0.999)))


def take(key, rate):
    """Count one request against `rate` before it is served: (the seconds until the window
    ends when it is over the limit, else None; the counter taken, for give_back(), or None
    for no limit). One atomic increment (Redis INCR; the local-memory cache increments
    under its lock): requests made at once each get their own number, so no more than the
    limit pass, however many arrive together."""
    current = _window(key, rate)
    if current is None:
        return None, None
    count_limit, full_key, retry_after = current
    try:
        count = default_cache.incr(full_key)
    except ValueError:  # the window's first request (or the counter expired just now)
        added = default_cache.add(full_key, 1, retry_after + 1)
        count = 1 if added else default_cache.incr(full_key)
    return (retry_after if count > count_limit else None), full_key


def hit(key, rate):
    """Count one request against `rate`; the seconds until the window ends when it is over
    the limit, else None."""
    return take(key, rate)[0]


def give_back(counter):
    """Take back one count from a counter take() returned: a request that turned out not to
    be one of those counted (a right password). Its window's counter, not the current one's:
    nothing is given back once that window is over."""
    if counter is None:
        return
    with suppress(ValueError):  # the window is over and its counter gone
        default_cache.decr(counter)


def forget(key, rate):
    """Start `key`'s count of the current window again."""
    current = _window(key, rate)
    if current is not None:
        default_cache.delete(current[1])


# Public pages


def rate_limited(name, methods=("POST",)):
    """Limit a public view per client address to PUBLIC_RATE_LIMITS[name]; only requests of
    `methods` count (None: all). Each view counts on its own."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if methods is None or request.method in methods:
                retry_after = hit(f"page:{view.__name__}:{client_key(request)}",
                                  settings.PUBLIC_RATE_LIMITS.get(name))
                if retry_after is not None:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def too_many_requests(request, retry_after):
    minutes = max(1, (retry_after + 59) // 60)
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


# The API


class ApiRateThrottle(BaseThrottle):
    """Per API key: a key with the `scan` scope at the "scan" rate (a gate reads hundreds of
    badges a second), any other key at "key"; a session or anonymous request per client
    address, at "address", or at "scan" on a view whose throttle_scope is "scan" (the gate
    operators' scanner pages, many lanes behind one address). Rates in
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]."""

    def allow_request(self, request, view):
        auth = request.auth
        rates = api_settings.DEFAULT_THROTTLE_RATES
        if callable(getattr(auth, "has_scope", None)):
            scope = "scan" if auth.has_scope(SCAN_SCOPE) else "key"
            ident = f"api:{scope}:{auth.pk}"
        else:
            scope = "scan" if getattr(view, "throttle_scope", None) == SCAN_SCOPE else "address"
            ident = f"api:{scope}:address:{client_key(request)}"
        self.retry_after = hit(ident, rates.get(scope))
        return self.retry_after is None

    def wait(self):
        return self.retry_after
