"""Staff sessions: cookies only over HTTPS, out of reach of scripts, not sent by other sites'
forms; a working day long; a new key at login; void once the password changes."""

import json

import pytest
from django.urls import reverse

from logistics.core.enums import Role
from tests.factories.plan import staff_fixture
from tests.security.test_production_settings import manage, production_env

PASSWORD = "pass-for-tests"  # tests/factories/plan.py


@pytest.fixture
def production_cookies(settings):
    """What the production settings say with DEBUG off (checked below in a fresh process)."""
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


officer = staff_fixture(Role.PROTOCOL, "officer")


def test_the_production_settings_secure_the_cookies():
    """Read in a fresh Python with the production environment, as a deployment starts."""
    script = ("from django.conf import settings as s; import json; print(json.dumps("
              "[s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
              " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_SAMESITE, s.SESSION_COOKIE_AGE]))")
    result = manage("shell", "-c", script, env=production_env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        True, True, "Lax", True, "Lax", 12 * 60 * 60]
    shorter = manage("shell", "-c", script, env=production_env(SESSION_COOKIE_AGE="3600"))
    assert json.loads(shorter.stdout.strip().splitlines()[-1])[-1] == 3600


def test_the_session_cookie_of_a_login(client, production_cookies, officer):
    client.get(reverse("login"))
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 12 * 60 * 60


def test_the_session_key_changes_at_login(client, officer):
    client.get(reverse("login"))
    session = client.session  # an anonymous session exists before the login
    session["probe"] = 1
    session.save()
    before = session.session_key
    client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_password_change_logs_out_the_other_sessions(client, officer):
    client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert client.get("/").status_code == 200
    officer.set_password("a-new-password-for-the-day")
    officer.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_logout_ends_the_session(client, officer):
    client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    key = client.session.session_key
    client.post(reverse("logout"))
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/")["Location"].startswith("/login/")
