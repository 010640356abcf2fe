"""Every main page, staff and public, in Chromium under the real Content Security Policy:
the demo scenario, each page opened by the role that uses it, in English and in Arabic
(right to left). A `securitypolicyviolation` event or a console error fails the page; the
things the policy could silently break (category colours, bars sized by accord.js, htmx's
swaps, the scanner's camera, the admin's widgets, the API docs) are checked as a user
would see them. Screenshots go to /tmp/accord/shots5/."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.applications.models.applications import Application
from accreditation.badges.models import Badge
from accreditation.gates.models import Checkpoint
from accreditation.setup.models import AccreditationCategory
from logistics.core.models.event import Event
from logistics.core.signals import demo_loaded
from logistics.delegations.models import Delegation, Invitation
from logistics.demo import plan
from logistics.demo import scenario as logistics_scenario
from logistics.plan.models import Task
from logistics.programme.models import Session
from logistics.side_events.models import SideEventProposal
from tests.e2e.conftest import CHROMIUM, PASSWORD
from tests.e2e.desks import LAPTOP, Desk

SHOTS = Path("/tmp/accord/shots5")
# Django's admin and Swagger UI: their markup is theirs; every other page is checked by
# axe-core too.
NOT_LAID_OUT_BY_ACCORD = ("/admin/", "/api/")
CAMERA_ARGS = ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream",
               "--use-fake-device-for-media-stream"]


@pytest.fixture
def world(transactional_db):
    """The whole demo scenario (plan, delegations, programme, accreditation), as seed_demo
    builds it, with the demo users' password PASSWORD and a superuser for the admin."""
    event = plan.build(start_date=timezone.localdate() + timedelta(days=21), password=PASSWORD)
    logistics_scenario.build(event, password=PASSWORD)
    demo_loaded.send(sender=Event, event=event, scale=1, password=PASSWORD,
                     progress=lambda line: None)
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    return event


@pytest.fixture
def camera_browser(browser):
    """Chromium with a fake camera that the scanner may use without asking."""
    other = browser.browser_type.launch(executable_path=CHROMIUM, args=CAMERA_ARGS)
    yield other
    other.close()


class Visitor(Desk):
    """The desk walker's browser on a laptop, whose pages are checked for the policy and the
    console only: the admin and the API docs are not laid out by Accord."""

    def __init__(self, browser, base, *, language):
        super().__init__(browser, base, language=language, size=LAPTOP, journey="csp")

    def visit(self, url, *, name):
        self.errors.clear()
        response = self.page.goto(f"{self.base}{url}")
        self.page.wait_for_load_state("networkidle")
        assert response.status == 200, f"{url}: {response.status}"
        self.assert_clean(url)
        if not url.startswith(NOT_LAID_OUT_BY_ACCORD):
            found = self.accessibility_violations()
            assert found == [], f"{self.language} {url}: {found}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.language}-{name}.png"))
        return self.page

    def assert_clean(self, url):
        assert self.page.evaluate("window.__csp") == [], url
        assert self.errors == [], url


@pytest.fixture
def visitors(camera_browser, live_server):
    opened = []

    def open_as(username=None, *, language="en"):
        visitor = Visitor(camera_browser, live_server.url, language=language)
        opened.append(visitor)
        if username:
            visitor.log_in(username)
        return visitor

    yield open_as
    for visitor in opened:
        visitor.close()


def _ids(event):
    state = Delegation.objects.filter(event=event, kind="state", members__isnull=False).first()
    invitation = Invitation.objects.live().filter(
        delegation__event=event, expires_at__gt=timezone.now()).first()
    return {
        "task": Task.objects.filter(event=event).first().pk,
        "delegation": state.pk,
        "session": Session.objects.filter(event=event).first().pk,
        "proposal": SideEventProposal.objects.filter(event=event).first().pk,
        "application": Application.objects.filter(event=event, photo="").first().pk,
        "badge": Badge.objects.filter(application__event=event).first().pk,
        "checkpoint": Checkpoint.objects.filter(event=event).first().pk,
        "token": invitation.token,
    }


def _pages(ids):
    """(username or None, url, name) for the pages of the walk."""
    return [
        ("secretariat", "/", "dashboard"),
        ("secretariat", "/tasks/", "task-list"),
        ("secretariat", f"/tasks/{ids['task']}/", "task-detail"),
        ("secretariat", "/timeline/", "timeline"),
        ("secretariat", "/delegations/", "delegation-list"),
        ("secretariat", f"/delegations/{ids['delegation']}/", "delegation-detail"),
        ("secretariat", "/programme/", "programme-grid"),
        ("secretariat", f"/programme/sessions/{ids['session']}/", "session-detail"),
        ("secretariat", "/programme/side-events/", "side-event-list"),
        ("secretariat", f"/programme/side-events/{ids['proposal']}/", "side-event-detail"),
        ("secretariat", "/api/docs/", "api-docs"),
        ("accreditation", "/accreditation/applications/", "application-list"),
        ("accreditation", f"/accreditation/applications/{ids['application']}/",
         "application-detail"),
        ("accreditation", "/accreditation/setup/", "accreditation-setup"),
        ("accreditation", "/accreditation/badges/", "badge-list"),
        ("accreditation", f"/accreditation/badges/{ids['badge']}/", "badge-detail"),
        ("vetting", "/accreditation/vetting/", "vetting-queue"),
        ("root", "/admin/", "admin-index"),
        ("root", "/admin/logistics/task/", "admin-task-list"),
        ("root", f"/admin/logistics/task/{ids['task']}/change/", "admin-task-change"),
        (None, "/public/programme/", "public-programme"),
        (None, "/side-events/propose/", "side-event-proposal-form"),
        (None, "/apply/media/", "media-application-form"),
        (None, f"/register/{ids['token']}/", "registration-form"),
        (None, "/login/", "login"),
    ]


def _no_injected_styles(page):
    """htmx's indicator rules are ours (includeIndicatorStyles off): no <style> element."""
    return page.evaluate("document.querySelectorAll('style').length") == 0


def test_main_pages_raise_no_policy_violation_in_english_and_arabic(world, visitors):
    # One scenario for both walks: building it is the slow part.
    for language in ("en", "ar"):
        _walk(world, visitors, language)


def _walk(world, visitors, language):
    ids = _ids(world)
    people = {}
    for username, url, name in _pages(ids):
        if username not in people:
            people[username] = visitors(username, language=language)
        page = people[username].visit(url, name=f"{username or 'public'}-{name}")
        if not url.startswith(("/admin/", "/api/")):
            assert page.locator("html").get_attribute("dir") == (
                "rtl" if language == "ar" else "ltr")
            assert _no_injected_styles(page), url
    staff = people["secretariat"].page
    staff.goto(f"{people['secretariat'].base}/")
    # Bars are sized from data-width by accord.js, not by a style attribute.
    bar = staff.locator(".progress-bar[data-width]").first
    assert bar.evaluate("el => el.style.width") == f"{bar.get_attribute('data-width')}%"
    assert bar.bounding_box()["width"] > 0


def _category_chips_take_their_colour_from_the_category_stylesheet(world, visitors):
    officer = visitors("accreditation")
    page = officer.visit("/accreditation/setup/", name="setup-swatches")
    for category in AccreditationCategory.objects.filter(event=world):
        swatch = page.locator(f".cat-{category.pk}").first
        colour = category.badge_colour.lstrip("#")
        rgb = tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))
        assert swatch.evaluate("el => getComputedStyle(el).backgroundColor") == \
            "rgb({}, {}, {})".format(*rgb)
    # Light text on the delegates' red and the host's blue, dark on the press yellow.
    page = officer.visit("/accreditation/applications/", name="application-chips")
    red = AccreditationCategory.objects.get(event=world, code="D")
    yellow = AccreditationCategory.objects.get(event=world, code="P")
    page.goto(f"{officer.base}/accreditation/applications/?category={red.pk}")
    chip = page.locator(f".badge.cat-{red.pk}").first
    assert chip.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"
    page.goto(f"{officer.base}/accreditation/applications/?category={yellow.pk}")
    chip = page.locator(f".badge.cat-{yellow.pk}").first
    assert chip.evaluate("el => getComputedStyle(el).color") == "rgb(33, 37, 41)"
    officer.assert_clean("applications by category")


def _htmx_swaps_and_polls_under_the_policy(world, visitors):
    protocol = visitors("protocol")
    page = protocol.visit("/signing/", name="signing")
    page.on("dialog", lambda dialog: dialog.accept())
    count = page.get_by_test_id("signatory-count")
    before = count.inner_text()
    page.locator("button:has-text('Mark signed'):not([disabled])").first.click()
    expect(count).not_to_have_text(before)
    expect(page.get_by_test_id("signing-notice")).to_be_visible()
    bar = page.get_by_test_id("signatory-progress").locator(".progress-bar")
    assert bar.evaluate("el => el.style.width") == f"{bar.get_attribute('data-width')}%"
    protocol.assert_clean("signing after a swap")
    assert _no_injected_styles(page)

    officer = visitors("accreditation")
    page = officer.visit("/accreditation/gates/live/", name="zones-live")
    with page.expect_response(lambda response: "/gates/live/" in response.url, timeout=8_000):
        pass  # the zones' live view polls every five seconds
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("live")).to_be_visible()
    officer.assert_clean("zones live after a poll")


def _scanner_runs_the_camera_under_the_policy(world, visitors):
    gate = visitors("gate")
    checkpoint = Checkpoint.objects.filter(event=world).first()
    page = gate.visit(f"/accreditation/gates/scan/?checkpoint={checkpoint.pk}", name="scanner")
    page.click("[data-camera]")
    video = page.locator("[data-video]")
    expect(video).to_be_visible()
    # Polled from here: page.wait_for_function would build its predicate with eval, which
    # the policy refuses.
    for _ in range(100):
        if video.evaluate("el => el.readyState") >= 2:  # frames are arriving
            break
        page.wait_for_timeout(100)
    assert video.evaluate("el => el.readyState") >= 2
    gate.assert_clean("scanner with the camera on")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "en-gate-scanner-camera.png"))


def _admin_widgets_work_under_the_policy(world, visitors):
    root = visitors("root")
    task = Task.objects.filter(event=world).first()
    page = root.visit(f"/admin/logistics/task/{task.pk}/change/", name="admin-widgets")
    # The autocomplete (select2) and the calendar build their markup in script.
    page.click(".field-committee .select2-selection")
    page.keyboard.type(task.committee.name[:3])
    expect(page.locator(".select2-results__option").first).to_contain_text(
        task.committee.name[:3])
    page.keyboard.press("Escape")
    page.locator(".field-start_date .datetimeshortcuts a").last.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    root.assert_clean("admin widgets")


def _api_docs_render_the_schema_under_the_policy(world, visitors):
    staff = visitors("secretariat")
    page = staff.visit("/api/docs/", name="api-docs-rendered")
    expect(page.locator(".opblock-tag").first).to_be_visible()
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    staff.assert_clean("api docs")


def test_what_the_policy_could_break_still_works(world, visitors):
    """Category colours, htmx, the camera, the admin's widgets and the API docs, each used as
    its users use it (one scenario for all: building it is the slow part)."""
    _category_chips_take_their_colour_from_the_category_stylesheet(world, visitors)
    _htmx_swaps_and_polls_under_the_policy(world, visitors)
    _scanner_runs_the_camera_under_the_policy(world, visitors)
    _admin_widgets_work_under_the_policy(world, visitors)
    _api_docs_render_the_schema_under_the_policy(world, visitors)
