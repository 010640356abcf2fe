"""The staff login's throttle. Every attempt (a password, a second-factor code) is counted
before it is checked, by one atomic increment per counter, and refused (429, Retry-After)
once a counter is over its limit, the right password included: attempts sent at once each
get their own number, so a burst gets no more guesses than the limit. An attempt that turns
out right is given back (a right password whose code is still owed, a right code or a
password that logs in), and a login starts the client's own count on the account again.
What stays counted is the failures, and the attempts refused.

The counters, narrowest first (an attempt is not counted further once one is over, so a
flood refused at one address does not use up the account's count everywhere):
- the account from one client (LOGIN_RATE_ACCOUNT): a flood from one address locks that
  address out of the account, not the account's owner elsewhere;
- the client on any accounts (LOGIN_RATE_ADDRESS);
- the account from every client together (LOGIN_RATE_ACCOUNT_TOTAL): guesses spread over
  many addresses or networks meet a ceiling too.

The account is the name as the login compares it (NFKC, as Django's form normalises it,
and any case): "ｐｒｏｔｏｃｏｌ" and "PROTOCOL" are "protocol" and share its count. The client
is config.throttling.client_key(): the address client_address() gives (so that behind our
own proxies each client counts on its own and nobody picks an address by X-Forwarded-For),
or for IPv6 the /64 it is in (one host or home line holds a whole /64).

A browser that has logged in to an account holds a signed device cookie for it. Its
attempts on that account count under the device alone (LOGIN_RATE_ACCOUNT): a flood from
the same address (a venue's or a press centre's one NAT address), or from everywhere, does
not lock out the staff whose browsers have logged in before. So the account-wide ceiling is
no weapon against its owner: at worst it holds back a browser that has never logged in.

Counts live in the cache (config.throttling): Redis in production, shared by every process;
the local-memory cache of the embedded default increments under its lock, per process.

Our own rather than django-axes: axes compares every combination it counts with one failure
limit (here 5 per account and address but 20 per address), adds no Retry-After to its 429,
counts in its cache handler by read-then-write (concurrent failures are lost) or writes a
row per attempt in its database one, counts what authenticate() reports after the password
is checked (the burst above passes), and the second-factor step would have to pass itself
off as a failed login. What is left here is a few cache counters in config.throttling's
fixed windows, the ones the rate limits use."""

import hashlib
import secrets
import unicodedata

from django.conf import settings
from django.core import signing

from config.throttling import client_key, forget, give_back, take

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
    """[(key, rate)], narrowest first; the first is the client's own count on the account."""
    rates = settings.LOGIN_RATES
    account = _account(typed)
    device = _device(request, account)
    if device:
        return [(f"login:device:{device}:{account}", rates["account"])]
    client = client_key(request)
    return [(f"login:account:{account}:{client}", rates["account"]),
            (f"login:address:{client}", rates["address"]),
            (f"login:account:{account}", rates.get("account_total"))]


class Attempt:
    """One attempt, counted: `retry_after` is the seconds until it may be made again when it
    is refused, None when it may be checked; `counters` what it took, to give back."""

    def __init__(self, retry_after, counters):
        self.retry_after, self.counters = retry_after, counters


def login_attempt(request, typed):
    """Count an attempt on `typed` from this request, before its password or code is
    checked."""
    taken = []
    for key, rate in _counters(request, typed):
        retry_after, counter = take(key, rate)
        taken.append(counter)
        if retry_after is not None:
            return Attempt(retry_after, taken)
    return Attempt(None, taken)


def login_passed(attempt):
    """The password was right and its code is still owed: no failure, so given back (the
    count does not start again: wrong codes go on counting against it)."""
    for counter in attempt.counters:
        give_back(counter)


def login_succeeded(request, typed, response, attempt):
    """Logged in: the attempt is given back and the client's own count on the account starts
    again (the client's on other accounts and the account's from everywhere do not: they
    count others' attempts too), and the browser gets its device cookie for the account."""
    login_passed(attempt)
    key, rate = _counters(request, typed)[0]
    forget(key, rate)
    account = _account(typed)
    device = _device(request, account) or secrets.token_urlsafe(12)
    response.set_cookie(
        DEVICE_COOKIE, signing.dumps({"account": account, "id": device}, salt=_DEVICE_SALT),
        max_age=DEVICE_MAX_AGE, path="/login/", secure=settings.SESSION_COOKIE_SECURE,
        httponly=True, samesite="Lax")
    return response
