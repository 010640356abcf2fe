"""The second factor: enrolment with a real code from the device's key, the two-step login
(throttled like the password), recovery codes that work once, TOTP_REQUIRED sending the
roles that see personal data to enrol, and neither the admin nor the session API letting a
password-only session through."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from accreditation.keys.services import api_key_create
from logistics.core.accounts import PERSONAL_DATA_ROLES, recovery_codes_left
from logistics.core.accounts.models import Authenticator, RecoveryCodes
from logistics.core.enums import Role
from tests.factories.plan import staff_fixture, user_with_role

PASSWORD = "pass-for-tests"  # tests/factories/plan.py


def code(device, steps_ahead=0):
    """The code an authenticator app holding the device's key shows now (or one step later:
    a code is accepted once, and the next login needs the next one)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def wrong(device):
    right = {code(device, n) for n in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1000000) if f"{n:06d}" not in right)


@pytest.fixture(autouse=True)
def _no_device_backoff(settings):
    """django_otp also backs off a device for 1, 2, 4... seconds after a wrong code; the
    tests' wrong-then-right sequences would wait for it. Our own limits still apply."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


officer = staff_fixture(Role.ACCREDITATION, "officer")


def enrol(client, user):
    """Through the pages: the security page shows the key, the first code confirms it.
    Returns (device, recovery codes as shown)."""
    client.force_login(user)
    page = client.get(reverse("account_security"))
    assert page.status_code == 200
    device = Authenticator.objects.get(user=user, confirmed=False)
    response = client.post(reverse("account_security_confirm"), {"code": code(device)})
    assert response.status_code == 200
    shown = re.findall(r"<li class=\"col\">(\w{4}-\w{4})</li>", response.content.decode())
    client.logout()
    device.refresh_from_db()
    return device, shown


def password_step(client, user, next_url="/"):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD,
                                          "next": next_url})


# Enrolment

def test_enrolment_shows_a_qr_code_and_the_key_and_confirms_with_a_real_code(client, officer):
    client.force_login(officer)
    page = client.get(reverse("account_security"))
    device = Authenticator.objects.get(user=officer)
    html = page.content.decode()
    assert "<svg" in html and "data:" not in html.split("<svg", 1)[1].split("</svg>")[0]
    assert 'style="' not in html.split("<svg", 1)[1].split("</svg>")[0]
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    shown = page.context["secret"].replace(" ", "")
    assert shown == key
    # The same key on a reload: the app scanned once keeps working.
    client.get(reverse("account_security"))
    assert Authenticator.objects.filter(user=officer).count() == 1

    response = client.post(reverse("account_security_confirm"), {"code": code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li class=\"col\">(\w{4}-\w{4})</li>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert recovery_codes_left(officer) == 10
    assert response["Cache-Control"] == "private, no-store"
    # Shown once: the security page now says how many are left, not which.
    after = client.get(reverse("account_security")).content.decode()
    assert "10 recovery codes left" in after
    assert not any(c.replace("-", "") in after for c in codes)


def test_a_wrong_code_does_not_confirm(client, officer):
    client.force_login(officer)
    client.get(reverse("account_security"))
    device = Authenticator.objects.get(user=officer)
    for bad in (wrong(device), "", "abcdef", "12345678901234567890"):
        response = client.post(reverse("account_security_confirm"), {"code": bad})
        assert response.status_code == 400, bad
    device.refresh_from_db()
    assert not device.confirmed
    assert recovery_codes_left(officer) == 0
    assert "That code is not right" in response.content.decode() or bad == ""


def test_disabling_needs_a_current_code(client, officer):
    device, _codes = enrol(client, officer)
    client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    client.post(reverse("login_code"), {"code": code(device, 1)})
    refused = client.post(reverse("account_security_disable"), {"code": wrong(device)})
    assert refused.status_code == 400
    assert Authenticator.objects.filter(user=officer, confirmed=True).exists()
    # A recovery code is a current code too.
    recovery = RecoveryCodes.objects.get(user=officer).left[0]
    done = client.post(reverse("account_security_disable"), {"code": recovery})
    assert done.status_code == 302
    assert not Authenticator.objects.filter(user=officer).exists()
    assert recovery_codes_left(officer) == 0
    # The next login is the password alone.
    client.logout()
    assert password_step(client, officer)["Location"] == "/"


# Login in two steps

def test_login_asks_for_the_code_before_the_session_is_logged_in(client, officer):
    device, _codes = enrol(client, officer)
    response = password_step(client, officer, next_url="/accreditation/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login_code"))
    # Not logged in yet: the staff pages and the code page's neighbours send to the login.
    assert client.get("/accreditation/applications/")["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert page.status_code == 200
    session_before = client.session.session_key

    done = client.post(response["Location"], {"code": code(device, 1),
                                              "next": "/accreditation/applications/"})
    assert done.status_code == 302 and done["Location"] == "/accreditation/applications/"
    assert client.session.session_key != session_before  # cycled at login
    assert client.get("/accreditation/applications/").status_code == 200


def test_a_wrong_code_is_refused_and_the_same_code_is_not_accepted_twice(client, officer):
    device, _codes = enrol(client, officer)
    password_step(client, officer)
    refused = client.post(reverse("login_code"), {"code": wrong(device)})
    assert refused.status_code == 200
    assert "That code is not right" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # The enrolment's code, replayed, is refused too.
    device.refresh_from_db()
    replay = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    replay.time = device.last_t * device.step + 1
    assert client.post(reverse("login_code"),
                       {"code": f"{replay.token():06d}"}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_failed_codes_count_towards_the_login_throttle(client, officer):
    device, _codes = enrol(client, officer)
    password_step(client, officer)
    for _attempt in range(5):
        assert client.post(reverse("login_code"), {"code": wrong(device)}).status_code == 200
    # Blocked now: even the right code, and the password step does not start again.
    blocked = client.post(reverse("login_code"), {"code": code(device, 1)})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert password_step(client, officer).status_code == 429


def test_the_password_step_does_not_reset_the_count_of_wrong_codes(client, officer):
    """Someone who has the password cannot try four codes, give the password again, and
    try four more."""
    device, _codes = enrol(client, officer)
    for _round in range(2):
        password_step(client, officer)
        for _attempt in range(3):
            client.post(reverse("login_code"), {"code": wrong(device)})
    assert client.post(reverse("login_code"), {"code": code(device, 1)}).status_code == 429


def test_a_signed_in_session_giving_anothers_password_resets_nothing(client, officer):
    """Someone signed in to their own account who holds the officer's password (not the
    phone): the password step owes a code, so it neither starts the officer's count again
    nor hands this browser the officer's device cookie."""
    device, _codes = enrol(client, officer)
    client.force_login(user_with_role(Role.OBSERVER, username="someone"))
    for _round in range(2):
        assert password_step(client, officer).status_code == 302
        assert "accord_device" not in client.cookies
        for _attempt in range(3):
            client.post(reverse("login_code"), {"code": wrong(device)})
    assert client.post(reverse("login_code"), {"code": code(device, 1)}).status_code == 429


def test_wrong_passwords_and_wrong_codes_share_one_count(client, officer):
    device, _codes = enrol(client, officer)
    for _attempt in range(3):
        client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    password_step(client, officer)
    for _attempt in range(2):
        assert client.post(reverse("login_code"), {"code": wrong(device)}).status_code == 200
    blocked = client.post(reverse("login_code"), {"code": code(device, 1)})
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0


def test_wrong_codes_from_one_address_do_not_lock_the_owner_elsewhere(officer):
    """Someone holding the password (not the phone) tries codes from their address; the
    owner, at theirs, gets in with the code the app shows."""
    attacker, owner = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.9")
    device, _codes = enrol(owner, officer)
    password_step(attacker, officer)
    for _attempt in range(8):
        attacker.post(reverse("login_code"), {"code": wrong(device)})
    assert attacker.post(reverse("login_code"), {"code": code(device, 1)}).status_code == 429
    password_step(owner, officer)
    assert owner.post(reverse("login_code"), {"code": code(device, 1)}).status_code == 302
    assert owner.session["_auth_user_id"] == str(officer.pk)


def test_a_recovery_code_logs_in_once(client, officer):
    device, shown = enrol(client, officer)
    recovery = shown[0]  # as shown, with its hyphen
    password_step(client, officer)
    assert client.post(reverse("login_code"), {"code": recovery.upper()})["Location"] == "/"
    assert client.get("/").status_code == 200
    assert recovery_codes_left(officer) == 9
    client.logout()
    password_step(client, officer)
    again = client.post(reverse("login_code"), {"code": recovery})
    assert again.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_step_without_a_password_step_goes_back_to_the_login(client, officer):
    device, _codes = enrol(client, officer)
    response = client.post(reverse("login_code"), {"code": code(device, 1)})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_logged_in_before_enrolment_must_enter_a_code(client, officer):
    """Another browser logged in with the password alone, before the authenticator was
    enrolled: it is asked for a code on its next page."""
    other = type(client)()
    other.force_login(officer)
    device, _codes = enrol(client, officer)
    response = other.get("/accreditation/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login_code"))
    verified = other.post(reverse("login_code"), {"code": code(device, 1),
                                                  "next": "/accreditation/applications/"})
    assert verified.status_code == 302
    assert other.get("/accreditation/applications/").status_code == 200


# TOTP_REQUIRED

@pytest.mark.parametrize("role", sorted(PERSONAL_DATA_ROLES))
def test_required_mode_sends_the_roles_that_see_personal_data_to_enrol(client, settings, db,
                                                                       role):
    settings.TOTP_REQUIRED = True
    user = user_with_role(role)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_security"))
    assert client.get(reverse("account_security")).status_code == 200


def test_required_mode_leaves_other_roles_alone_and_off_leaves_everyone(client, settings,
                                                                        officer):
    settings.TOTP_REQUIRED = True
    client.force_login(user_with_role(Role.PROGRAMME))
    assert client.get("/").status_code == 200
    settings.TOTP_REQUIRED = False
    client.force_login(officer)
    assert client.get("/").status_code == 200


def test_required_mode_lets_the_role_in_once_enrolled_and_verified(client, settings, officer):
    settings.TOTP_REQUIRED = True
    client.force_login(officer)
    assert client.get("/accreditation/applications/").status_code == 302
    client.get(reverse("account_security"))
    device = Authenticator.objects.get(user=officer)
    client.post(reverse("account_security_confirm"), {"code": code(device)})
    assert client.get("/accreditation/applications/").status_code == 200


def test_required_mode_applies_to_a_superuser(client, settings, django_user_model):
    settings.TOTP_REQUIRED = True
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.org", "pw"))
    assert client.get("/admin/")["Location"].startswith(reverse("account_security"))


# The admin and the API

def test_the_admin_login_is_ours(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/admin/"


def test_the_admin_cannot_be_reached_with_the_password_alone(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    device, _codes = enrol(client, admin)
    # Django's own admin login form is not there to post to.
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    password_step(client, admin, next_url="/admin/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # A session that has the password but not the code (logged in before enrolment).
    other = type(client)()
    other.force_login(admin)
    assert other.get("/admin/")["Location"].startswith(reverse("login_code"))
    assert other.get("/admin/auth/user/")["Location"].startswith(reverse("login_code"))
    client.post(reverse("login_code"), {"code": code(device, 1)})
    assert client.get("/admin/").status_code == 200


def test_the_session_api_is_refused_before_the_code(client, officer):
    device, _codes = enrol(client, officer)
    other = type(client)()
    other.force_login(officer)  # the password alone, as before enrolment
    refused = other.get("/api/v1/applications/")
    assert refused.status_code == 401
    assert "second-factor code" in refused.content.decode()
    other.post(reverse("login_code"), {"code": code(device, 1)})
    assert other.get("/api/v1/applications/").status_code == 200


def test_required_mode_refuses_the_session_api_until_enrolled(client, settings, officer):
    settings.TOTP_REQUIRED = True
    client.force_login(officer)
    assert client.get("/api/v1/applications/").status_code == 401


def test_api_keys_are_not_concerned(client, settings, bearer_client):
    settings.TOTP_REQUIRED = True
    assert bearer_client.get("/api/v1/applications/").status_code == 200


@pytest.fixture
def bearer_client(db):
    from rest_framework.test import APIClient

    _key, raw = api_key_create(name="registration system", scopes=["accreditation:read"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_the_gates_scan_endpoint_refuses_a_session_without_its_code(client, db):
    """The scan view names its own authentication classes; its session one checks too."""
    operator = user_with_role(Role.GATE, username="gate-operator")
    enrol(client, operator)
    other = type(client)(enforce_csrf_checks=False)
    other.force_login(operator)
    refused = other.post("/api/v1/scans/", {"code": "x", "checkpoint": 1,
                                            "client_scan_id": "s-1"},
                         content_type="application/json")
    assert refused.status_code == 401
    assert "second-factor code" in refused.content.decode()


def test_a_lost_phone_without_recovery_codes_gets_one_code_from_the_server(client, officer):
    """README: `manage.py addstatictoken USERNAME` prints one more one-time code."""
    import io

    from django.core.management import call_command

    enrol(client, officer)
    RecoveryCodes.objects.filter(user=officer).update(codes="")  # all used up
    out = io.StringIO()
    call_command("addstatictoken", "officer", stdout=out)
    password_step(client, officer)
    assert client.post(reverse("login_code"), {"code": out.getvalue().strip()}).status_code == 302
    assert client.get("/").status_code == 200
