"""The staff login's throttle. Failed attempts (a wrong password, a wrong second-factor code)
are counted per account and client address, and per address across accounts; past either
limit the login answers 429 until the window ends, the right password included.

Per account AND address, so that a flood from one address locks that address out of the
account, not the account's owner elsewhere. The account is the name as the login compares
it (NFKC, as Django's form normalises it, and any case): "ｐｒｏｔｏｃｏｌ" and "PROTOCOL" are
"protocol" and share its count. The address is `client_address()`, so that behind our own
proxies each client counts on its own and nobody picks an address by X-Forwarded-For.

A browser that has logged in to an account holds a signed device cookie for it. Its
attempts on that account count under the device alone: a flood from the same address (a
venue's or a press centre's one NAT address) does not lock out the staff whose browsers
have logged in before.

Counts live in the cache (config.throttling): Redis in production, shared by every process.

Our own rather than django-axes: axes compares every combination it counts with one failure
limit (here 5 per account and address but 20 per address), adds no Retry-After to its 429,
counts in its cache handler by read-then-write (concurrent failures are lost) or writes a
row per attempt in its database one, and counts what authenticate() reports, so the
second-factor step would have to pass itself off as a failed login. What is left here is a
few cache counters in config.throttling's fixed windows, the ones the rate limits use."""

import hashlib
import secrets
import unicodedata

from django.conf import settings
from django.core import signing

from config.throttling import client_address, forget, hit, used_up

DEVICE_COOKIE = "accord_device"
DEVICE_MAX_AGE = 180 * 24 * 3600
_DEVICE_SALT = "accord.login.device"


def login_name(typed):
    """The account a typed name reaches: stripped and NFKC-normalised as Django's login form
    does, in any case (casefold, then NFKC again: case folding may leave a form NFKC would
    change)."""
    name = unicodedata.normalize("NFKC", (typed or "").strip())
    return unicodedata.normalize("NFKC", name.casefold())


def _account(typed):
    # A digest: cache keys stay short and hold no name.
    return hashlib.sha256(login_name(typed).encode()).hexdigest()[:32]


def _device(request, account):
    """This browser's device id when its cookie was signed for `account`, else None."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return None
    try:
        device = signing.loads(value, salt=_DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(device, dict) or device.get("account") != account:
        return None
    return device.get("id")


def _counters(request, typed):
    rates = settings.LOGIN_RATES
    account = _account(typed)
    device = _device(request, account)
    if device:
        return [(f"login:device:{device}:{account}", rates["account"])]
    address = client_address(request)
    return [(f"login:account:{account}:{address}", rates["account"]),
            (f"login:address:{address}", rates["address"])]


def login_refused(request, typed):
    """The seconds until an attempt on `typed` from this request may be made, when a limit
    is used up; None when it may be made now."""
    waits = [wait for key, rate in _counters(request, typed)
             if (wait := used_up(key, rate)) is not None]
    return max(waits, default=None)


def login_failed(request, typed):
    """Count a wrong password or a wrong code."""
    for key, rate in _counters(request, typed):
        hit(key, rate)


def login_succeeded(request, typed, response):
    """The account's count starts again (the address's does not: it counts every account),
    and the browser gets its device cookie for the account."""
    key, rate = _counters(request, typed)[0]
    forget(key, rate)
    account = _account(typed)
    device = _device(request, account) or secrets.token_urlsafe(12)
    response.set_cookie(
        DEVICE_COOKIE, signing.dumps({"account": account, "id": device}, salt=_DEVICE_SALT),
        max_age=DEVICE_MAX_AGE, path="/login/", secure=settings.SESSION_COOKIE_SECURE,
        httponly=True, samesite="Lax")
    return response
