"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
PASSWORD = "e2e-password"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/system-deps.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo scenario, its users logging in with PASSWORD."""
    from logistics.demo import plan

    return plan.build(start_date=timezone.localdate() + timedelta(days=21), password=PASSWORD)


@pytest.fixture
def login(page, live_server):
    def login_as(username):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        # The dashboard, or the gate's and vetting's own page it sends them on to.
        page.wait_for_url(lambda url: url.startswith(live_server.url)
                          and "/login/" not in url)
        return page

    return login_as


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def wait_until(page, expression, timeout=10.0):
    """Wait until `expression` is truthy in the page. page.wait_for_function would poll it
    in the page through eval, which the Content Security Policy refuses: the first check
    may pass, so a test would only fail when the machine is slow. Polled from here instead
    (Playwright's own evaluate is not subject to the policy)."""
    waited = 0.0
    while not page.evaluate(expression):
        if waited >= timeout:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(100)
        waited += 0.1


@pytest.fixture
def desk(request, browser, live_server):
    """A Desk (tests/e2e/desks.py) for the (language, size) the test is parametrized with;
    the journey is named after the test."""
    from tests.e2e.desks import Desk

    language, size = request.param
    journey = request.node.originalname.removeprefix("test_")
    opened = Desk(browser, live_server.url, language=language, size=size, journey=journey)
    yield opened
    opened.close()
