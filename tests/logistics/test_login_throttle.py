"""The staff login refuses further attempts (429 with Retry-After) after five failures on one
account from one client address, or twenty from one address on any accounts, within the
window, the right password included; a success starts the account's count again.

The account is the name as the login compares it (NFKC, any case), so that look-alikes
share one count; the address is the client's (TRUSTED_PROXY_COUNT), so that a flood from
one address cannot lock the account's owner out elsewhere; a browser that has logged in to
the account before counts on its own, even at the attacker's address."""

import pytest
from django.conf import settings

from config.throttling import parse_rate
from logistics.enums import Role
from tests.factories import user_with_role

URL = "/login/"
PASSWORD = "right-password-1"
ATTACKER, OWNER = "203.0.113.7", "198.51.100.9"


def account_limit():
    return parse_rate(settings.LOGIN_RATES["account"])[0]


def address_limit():
    return parse_rate(settings.LOGIN_RATES["address"])[0]


@pytest.fixture
def officer(db):
    return user_with_role(Role.PROTOCOL, username="protocol", password=PASSWORD)


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
    settings.LOGIN_RATES = {"account": "2/d", "address": "3/d"}
    for _ in range(2):
        attempt(client, "protocol", "wrong")
    assert_throttled(attempt(client, "protocol", PASSWORD))
    attempt(client, "guess", "wrong")
    assert_throttled(attempt(client, "guess-again", "wrong"))
