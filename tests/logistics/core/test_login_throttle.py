"""The staff login refuses further attempts (429 with Retry-After) after five failures on one
account from one client, twenty from one client on any accounts, or ten on one account from
every client together, within the window, the right password included; a success starts the
client's count on the account again.

Each attempt is counted before its password or code is checked, so that a burst sent at
once gets no more guesses than the limit. The account is the name as the login compares it
(NFKC, any case), so that look-alikes share one count; the client is its address
(TRUSTED_PROXY_COUNT), or its IPv6 /64, so that a flood from one address cannot lock the
account's owner out elsewhere; a browser that has logged in to the account before counts on
its own, even at the attacker's address and past the account's ceiling."""

import re
import threading
import time
from collections import Counter

import pytest
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django_otp.oath import TOTP

from config.throttling import parse_rate
from logistics.core.accounts.models import Authenticator
from logistics.core.enums import Role
from tests.factories.plan import staff_fixture, user_with_role

URL = "/login/"
PASSWORD = "right-password-1"
ATTACKER, OWNER = "203.0.113.7", "198.51.100.9"


def account_limit():
    return parse_rate(settings.LOGIN_RATES["account"])[0]


def address_limit():
    return parse_rate(settings.LOGIN_RATES["address"])[0]


def account_total_limit():
    return parse_rate(settings.LOGIN_RATES["account_total"])[0]


officer = staff_fixture(Role.PROTOCOL, "protocol", password=PASSWORD)


def attempt(client, username, password, address=ATTACKER, **headers):
    return client.post(URL, {"username": username, "password": password},
                       REMOTE_ADDR=address, **headers)


def log_out(client):
    """As the browser does (the test client's logout() would also drop every cookie)."""
    assert client.post("/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def assert_throttled(response):
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    window = parse_rate(settings.LOGIN_RATES["account"])[1]
    assert 0 < int(response["Retry-After"]) <= window


def test_five_failures_lock_the_account_even_for_the_right_password(client, officer):
    for _ in range(account_limit()):
        assert attempt(client, "protocol", "wrong").status_code == 200
    locked = attempt(client, "protocol", PASSWORD)
    assert_throttled(locked)
    assert "_auth_user_id" not in client.session
    # Another account from another address is not held back by it.
    user_with_role(Role.OBSERVER, username="observer", password="right-password-2")
    assert attempt(client, "observer", "right-password-2", address=OWNER).status_code == 302


# Every spelling the login form turns into "protocol" (NFKC), and any case: the typed name
# would otherwise be a new count of its own, five more guesses each.
LOOK_ALIKES = [
    "ｐｒｏｔｏｃｏｌ",  # full-width
    "ℙ𝕣𝕠𝕥𝕠𝕔𝕠𝕝",  # mathematical double-struck
    "𝐩𝐫𝐨𝐭𝐨𝐜𝐨𝐥",  # mathematical bold
    "ᵖʳᵒᵗᵒᶜᵒˡ",  # modifier letters
    "ⓟⓡⓞⓣⓞⓒⓞⓛ",  # circled
    "PROTOCOL",
    "Protocol ",
    "\u3000protocol",  # an ideographic space before it
    "ＰＲＯＴＯＣＯＬ",
]


def test_a_look_alike_of_the_name_reaches_the_account(client, officer):
    """Why they must count as one: Django's login form normalises the name (NFKC) before
    it looks the account up, so a full-width name with the right password is a login."""
    assert attempt(client, "ｐｒｏｔｏｃｏｌ", PASSWORD).status_code == 302


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_look_alikes_share_the_account_count(client, officer, look_alike):
    for _ in range(account_limit() - 1):
        assert attempt(client, "protocol", "wrong").status_code == 200
    assert attempt(client, look_alike, "wrong").status_code == 200
    assert_throttled(attempt(client, "protocol", PASSWORD))
    assert_throttled(attempt(client, "ｐｒｏｔｏｃｏｌ", PASSWORD))


def test_look_alikes_together_get_no_more_guesses_than_the_name(client, officer):
    for look_alike in LOOK_ALIKES[:account_limit()]:
        assert attempt(client, look_alike, "wrong").status_code == 200
    for look_alike in ["protocol", *LOOK_ALIKES]:
        assert_throttled(attempt(client, look_alike, "wrong"))


def test_a_flood_from_one_address_does_not_lock_the_owner_elsewhere(client, officer):
    for _ in range(account_limit() * 3):
        attempt(client, "protocol", "wrong")
    assert_throttled(attempt(client, "protocol", PASSWORD))
    assert attempt(client, "protocol", PASSWORD, address=OWNER).status_code == 302


def test_behind_our_proxy_each_client_counts_on_its_own(client, officer, settings):
    """With one proxy of ours in front, REMOTE_ADDR is the proxy for everyone: the client is
    the address it appended. What the client put before it decides nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(account_limit() * 2):
        attempt(client, "protocol", "wrong", address=proxy,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}")
    assert_throttled(attempt(client, "protocol", PASSWORD, address=proxy,
                             HTTP_X_FORWARDED_FOR=f"192.0.2.200, {ATTACKER}"))
    assert attempt(client, "protocol", PASSWORD, address=proxy,
                   HTTP_X_FORWARDED_FOR=OWNER).status_code == 302


def test_the_owners_browser_gets_in_at_the_attackers_address(client, officer):
    """A venue's one NAT address: the staff's browsers that logged in before count on
    their own, whatever a stranger at the same address tries."""
    owner = client.__class__()
    assert attempt(owner, "protocol", PASSWORD).status_code == 302
    log_out(owner)
    stranger = client
    for _ in range(address_limit() + 5):
        attempt(stranger, "protocol", "wrong")
    assert_throttled(attempt(stranger, "protocol", PASSWORD))
    assert attempt(owner, "protocol", PASSWORD).status_code == 302


def test_the_device_cookie_counts_its_own_failures(client, officer):
    assert attempt(client, "protocol", PASSWORD).status_code == 302
    log_out(client)
    for _ in range(account_limit()):
        assert attempt(client, "protocol", "wrong").status_code == 200
    assert_throttled(attempt(client, "protocol", PASSWORD))


def test_a_forged_or_other_accounts_device_cookie_is_worth_nothing(client, officer):
    user_with_role(Role.OBSERVER, username="observer", password="right-password-2")
    assert attempt(client, "observer", "right-password-2").status_code == 302
    log_out(client)
    for _ in range(account_limit()):
        attempt(client, "protocol", "wrong")
    assert_throttled(attempt(client, "protocol", PASSWORD))
    client.cookies["accord_device"] = "forged"
    assert_throttled(attempt(client, "protocol", PASSWORD))


def test_the_account_name_is_matched_in_any_case(client, officer):
    for _ in range(account_limit()):
        attempt(client, "Protocol", "wrong")
    assert_throttled(attempt(client, "PROTOCOL ", PASSWORD))


def test_a_success_starts_the_count_again(client, officer):
    for _ in range(account_limit() - 1):
        attempt(client, "protocol", "wrong")
    assert attempt(client, "protocol", PASSWORD).status_code == 302
    client.logout()
    for _ in range(account_limit() - 1):
        assert attempt(client, "protocol", "wrong").status_code == 200
    assert attempt(client, "protocol", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_held_back(client, officer):
    for n in range(address_limit()):
        attempt(client, f"guess{n}", "wrong")
    assert_throttled(attempt(client, "protocol", PASSWORD))
    assert_throttled(attempt(client, "someone-else", "wrong"))
    # The account itself is fine from elsewhere.
    assert attempt(client, "protocol", PASSWORD, address=OWNER).status_code == 302


def test_the_limits_are_settings(client, officer, settings):
    settings.LOGIN_RATES = {"account": "2/d", "address": "3/d", "account_total": "4/d"}
    for _ in range(2):
        attempt(client, "protocol", "wrong")
    assert_throttled(attempt(client, "protocol", PASSWORD))
    attempt(client, "guess", "wrong")
    assert_throttled(attempt(client, "guess-again", "wrong"))
    for n in range(2):
        attempt(client, "protocol", "wrong", address=f"192.0.2.{n}")
    assert_throttled(attempt(client, "protocol", PASSWORD, address=OWNER))


def test_successful_logins_from_one_address_are_not_counted(client, db):
    """The press centre's one address, where everyone logs in: only failures count, so
    more logins than the address's limit all get in."""
    for n in range(address_limit() + 5):
        user_with_role(Role.OBSERVER, username=f"staff{n}", password=PASSWORD)
        assert attempt(client.__class__(), f"staff{n}", PASSWORD).status_code == 302


# Many clients, one account


def test_one_ipv6_network_gets_no_more_guesses_than_one_address(client, officer):
    """One host or home line holds a whole /64: its addresses count as one client."""
    codes = Counter(attempt(client, "protocol", f"guess{n}",
                            address=f"2001:db8:1:2::{n:x}").status_code
                    for n in range(1, 51))
    assert codes == {200: account_limit(), 429: 50 - account_limit()}
    assert_throttled(attempt(client, "protocol", PASSWORD, address="2001:db8:1:2:ffff::1"))
    # Another network is another client (up to the account's ceiling).
    assert attempt(client, "protocol", PASSWORD, address="2001:db8:1:3::1").status_code == 302


def test_guesses_spread_over_many_addresses_meet_the_accounts_ceiling(client, officer):
    guesses = [attempt(client, "protocol", "wrong", address=f"198.18.{n}.1").status_code
               for n in range(account_total_limit() + 5)]
    assert guesses == [200] * account_total_limit() + [429] * 5
    assert_throttled(attempt(client, "protocol", PASSWORD, address=OWNER))


def test_the_owners_browser_gets_in_past_the_accounts_ceiling(client, officer):
    """The ceiling holds back browsers that have never logged in to the account: the
    owner's own browser still gets in, so the ceiling is no weapon against them."""
    owner = client.__class__()
    assert attempt(owner, "protocol", PASSWORD, address=OWNER).status_code == 302
    log_out(owner)
    for n in range(account_total_limit() + 5):
        attempt(client, "protocol", "wrong", address=f"198.18.{n}.1")
    assert_throttled(attempt(client, "protocol", PASSWORD, address="198.18.200.1"))
    assert attempt(owner, "protocol", PASSWORD, address=OWNER).status_code == 302


# Attempts sent at once

BURST = 15


@pytest.fixture
def slow_checks(monkeypatch, settings):
    """A password check takes 0.3 s, as PBKDF2 does in production (the tests' MD5 hasher
    takes microseconds), and so does a code's; django-otp's own back-off is off, so that
    only Accord's count holds the burst back. (The live server speaks plain HTTP: cookies
    not marked secure, for the browser to send them back.)"""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    for owner, name in ((ModelBackend, "authenticate"), (TOTP, "verify")):
        check = getattr(owner, name)

        def slow(*args, _check=check, **kwargs):
            time.sleep(0.3)
            return _check(*args, **kwargs)

        monkeypatch.setattr(owner, name, slow)


def _form_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


# Each step: (its URL, the n-th guess's form), the browser brought to it.


def _password_step(url, browser, user):
    token = _form_token(browser.get(url + "/login/", timeout=10))
    return url + "/login/", lambda n: {"username": "protocol", "password": f"guess-{n}",
                                       "csrfmiddlewaretoken": token}


def _code_step(url, browser, user):
    """The right password given, a code owed: the burst guesses codes."""
    device = Authenticator.objects.create(user=user, name="phone", confirmed=True)
    page = browser.get(url + "/login/", timeout=10)
    given = browser.post(url + "/login/", data={
        "username": "protocol", "password": PASSWORD, "csrfmiddlewaretoken": _form_token(page)},
        headers={"Referer": url + "/login/"}, allow_redirects=False, timeout=30)
    assert given.status_code == 302 and "/login/code/" in given.headers["Location"], given
    token = _form_token(browser.get(url + "/login/code/", timeout=10))
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    right = set()
    for steps in (-1, 0, 1):
        totp.time = time.time() + steps * device.step
        right.add(f"{totp.token():06d}")
    wrong = [f"{n:06d}" for n in range(100) if f"{n:06d}" not in right]
    return url + "/login/code/", lambda n: {"code": wrong[n], "csrfmiddlewaretoken": token}


STEPS = {"password": _password_step, "second-factor code": _code_step}


@pytest.fixture(params=["local memory", pytest.param("redis", marks=pytest.mark.redis)])
def counts_in(request, settings):
    """The cache the counts are kept in: the embedded default's, or Redis as in
    production (the server the live-service tests start, in a database of its own)."""
    if request.param == "redis":
        import redis

        url = request.getfixturevalue("redis_url").rsplit("/", 1)[0] + "/15"
        redis.Redis.from_url(url).flushdb()
        settings.CACHES = {"default": {"BACKEND": "config.cache.TolerantRedisCache",
                                       "LOCATION": url}}
    return request.param


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_wrong_guesses_gets_no_more_than_the_limit(live_server, slow_checks,
                                                              counts_in, step):
    """Sent at once to a live threaded server from one address: each attempt is counted
    before its password or code is checked, so no more are checked than the limit."""
    user = user_with_role(Role.PROTOCOL, username="protocol", password=PASSWORD)
    browser = requests.Session()
    target, form = STEPS[step](live_server.url, browser, user)
    cookies, barrier, answers = browser.cookies.get_dict(), threading.Barrier(BURST), []

    def guess(n):
        data = form(n)
        barrier.wait()
        answers.append(requests.post(target, data=data, cookies=cookies,
                                     headers={"Referer": target}, allow_redirects=False,
                                     timeout=30).status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Each answered: checked and found wrong (200), or refused unchecked (429).
    assert Counter(answers) == {200: account_limit(), 429: BURST - account_limit()}
