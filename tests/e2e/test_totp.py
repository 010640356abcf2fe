"""The second factor in the browser, in English and in Arabic: an officer turns it on from
the security page (the QR code drawn, the key readable), confirms with the app's code, is
shown the recovery codes once, then logs in again in two steps. The pages keep to the
Content Security Policy (the QR code is inline SVG, without a style attribute)."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from logistics.core.accounts.models import Authenticator
from logistics.core.enums import Role
from tests.e2e.conftest import PASSWORD, SCREENSHOTS
from tests.factories.plan import EventFactory, user_with_role

LISTEN = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


def app_code(secret):
    """What an authenticator app holding the key typed from the page shows."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def next_code(user, secret):
    """A code the server takes now: with the clock drift it learnt at the confirmation (a
    code typed as the half-minute turned counts as one step off) and never a time step
    already used (each code works once). Computed from the wall clock alone, the test failed
    whenever a slow machine crossed a half-minute between the two."""
    device = Authenticator.objects.get(user=user, confirmed=True)
    step = max(int(time.time()) // 30 + device.drift, device.last_t + 1)
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = step * 30
    return f"{totp.token():06d}"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_enrol_then_log_in_with_the_code(browser, live_server, transactional_db, language):
    EventFactory()
    officer = user_with_role(Role.ACCREDITATION, username=f"officer-{language}")
    officer.set_password(PASSWORD)
    officer.save()
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": language,
                          "url": live_server.url}])
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(10_000)
    SCREENSHOTS.mkdir(exist_ok=True)
    try:
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", officer.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")

        page.click("[data-testid=account-link]")
        page.wait_for_url(f"{live_server.url}/account/security/")
        assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
        qr = page.locator("[data-testid=qr] svg")
        assert qr.bounding_box()["width"] >= 150  # drawn, at a size a phone can read
        secret = page.inner_text("[data-testid=secret]")
        page.screenshot(path=str(SCREENSHOTS / f"totp-{language}-enrol.png"), full_page=True)

        page.fill("#id_code", "000000" if app_code(secret) != "000000" else "111111")
        page.click("form[action$='/confirm/'] button[type=submit]")
        assert page.locator("[data-testid=code-error]").is_visible()

        # After a wrong code django_otp makes the app wait a second before the next one.
        page.wait_for_timeout(1200)
        page.fill("#id_code", app_code(secret))
        page.click("form[action$='/confirm/'] button[type=submit]")
        page.wait_for_selector("[data-testid=recovery-codes] li")
        codes = page.locator("[data-testid=recovery-codes] li").all_inner_texts()
        assert len(codes) == 10
        page.screenshot(path=str(SCREENSHOTS / f"totp-{language}-recovery.png"),
                        full_page=True)
        page.goto(f"{live_server.url}/account/security/")
        assert page.locator("[data-testid=enabled]").is_visible()

        page.click("nav form[action='/logout/'] button")
        page.wait_for_url(f"{live_server.url}/login/")
        page.fill("#id_username", officer.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/login/code/**")
        page.screenshot(path=str(SCREENSHOTS / f"totp-{language}-code.png"), full_page=True)
        page.fill("#id_code", next_code(officer, secret))
        page.click("form:not([action]) button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        assert page.locator("[data-testid=account-link]").is_visible()
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
