"""The staff login refuses further attempts (429) after five failures on one account or
twenty from one address within fifteen minutes, the right password included; a success
starts the account's count again."""

import pytest

from logistics.enums import Role
from logistics.views import login as throttle
from tests.factories import user_with_role

URL = "/login/"


@pytest.fixture
def officer(db):
    return user_with_role(Role.PROTOCOL, username="protocol", password="right-password-1")


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(URL, {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_five_failures_lock_the_account_even_for_the_right_password(client, officer):
    for _ in range(throttle.ACCOUNT_LIMIT[0]):
        assert attempt(client, "protocol", "wrong").status_code == 200
    locked = attempt(client, "protocol", "right-password-1")
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from another address is not held back by it.
    user_with_role(Role.OBSERVER, username="observer", password="right-password-2")
    assert attempt(client, "observer", "right-password-2",
                   address="198.51.100.9").status_code == 302


def test_the_account_name_is_matched_in_any_case(client, officer):
    for _ in range(throttle.ACCOUNT_LIMIT[0]):
        attempt(client, "Protocol", "wrong")
    assert attempt(client, "PROTOCOL ", "right-password-1").status_code == 429


def test_a_success_starts_the_count_again(client, officer):
    for _ in range(throttle.ACCOUNT_LIMIT[0] - 1):
        attempt(client, "protocol", "wrong")
    assert attempt(client, "protocol", "right-password-1").status_code == 302
    client.logout()
    for _ in range(throttle.ACCOUNT_LIMIT[0] - 1):
        assert attempt(client, "protocol", "wrong").status_code == 200
    assert attempt(client, "protocol", "right-password-1").status_code == 302


def test_one_address_trying_many_accounts_is_held_back(client, officer):
    for n in range(throttle.ADDRESS_LIMIT[0]):
        attempt(client, f"guess{n}", "wrong")
    assert attempt(client, "protocol", "right-password-1").status_code == 429
    # The account itself is fine from elsewhere.
    assert attempt(client, "protocol", "right-password-1",
                   address="198.51.100.9").status_code == 302
