"""The desk walk of issues 12 and 15: a journey walked as the desk's staff would on the
day, in English and in Arabic (right to left), on a laptop (1366×768) and on a phone
(390×844). Every page the walk reaches is checked the same way: no horizontal scroll, no
console or script error, no Content Security Policy violation, no serious or critical
finding of axe-core; a screenshot of each step goes to test-results/desks/ to be looked at.

    @pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
    def test_the_journey(desk, ...):
        page = desk.log_in("officer")
        desk.open("/accreditation/review/", step="queue")
        ...
        desk.check("after-bulk")
"""

from dataclasses import dataclass
from pathlib import Path

from tests.e2e.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "desks"
# axe-core (pinned in package.json), loaded into every page before its own scripts, the way
# LISTEN is: an init script is not subject to the page's Content Security Policy.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# axe-core's findings that fail a page: those it rates serious or critical.
FAILING_IMPACTS = ("serious", "critical")
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
"""
# Chromium asks every page for /favicon.ico; no page names another icon.
NOT_OURS = ("/favicon.ico",)


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int
    phone: bool


LAPTOP = Size("laptop", 1366, 768, phone=False)
PHONE = Size("phone", 390, 844, phone=True)
# (language, size): the four ways every journey is walked.
DESKS = [("en", LAPTOP), ("ar", LAPTOP), ("en", PHONE), ("ar", PHONE)]


def desk_id(value):
    language, size = value
    return f"{language}-{size.name}"


class Desk:
    """One person's browser at one size and in one language: their cookies, the console
    errors and policy violations of the page they are on."""

    def __init__(self, browser, base, *, language, size, journey):
        self.base, self.language, self.size, self.journey = base, language, size, journey
        self.context = browser.new_context(
            viewport={"width": size.width, "height": size.height}, locale="en-GB",
            is_mobile=size.phone, has_touch=size.phone,
            # No transitions (Bootstrap honours it): axe-core reads a button's colours as
            # they are, not halfway through a fade after a click.
            reduced_motion="reduce")
        self.context.add_cookies([{"name": "django_language", "value": language,
                                   "url": base}])
        self.context.add_init_script(LISTEN)
        self.context.add_init_script(path=AXE)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def __str__(self):
        return f"{self.journey}-{self.language}-{self.size.name}"

    def _console(self, message):
        if message.type != "error":
            return
        if message.location.get("url", "").endswith(NOT_OURS):
            return
        self.errors.append(f"{message.text} ({message.location.get('url')})")

    def log_in(self, username, password=PASSWORD):
        self.page.goto(f"{self.base}/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state("networkidle")
        assert "/login/" not in self.page.url, f"{username} could not log in"
        return self.page

    def open(self, url, *, step, status=200):
        """Go to `url` (relative to the live server), check it and take its screenshot."""
        response = self.page.goto(f"{self.base}{url}")
        self.page.wait_for_load_state("networkidle")
        assert response.status == status, f"{url}: {response.status}"
        self.check(step)
        return self.page

    def sent_back(self, path):
        """A form sent back with its errors answers 400 (the tests of the views rely on it),
        which Chromium reports on the console as a failed load of `path`: that one message is
        the answer the walk expects, not a fault of the page. Any other error still fails."""
        expected = [error for error in self.errors
                    if "status of 400" in error and error.rstrip(")").endswith(path)]
        assert len(expected) == 1, f"{self}: expected one refusal of {path}: {self.errors}"
        self.errors.remove(expected[0])

    def check(self, step):
        """The page as it is now: right direction, nothing sideways, nothing broken."""
        self.page.wait_for_load_state("networkidle")
        where = f"{self} at {step} ({self.page.url})"
        direction = self.page.evaluate("document.documentElement.dir || 'ltr'")
        assert direction == ("rtl" if self.language == "ar" else "ltr"), where
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{where}: scrolls sideways by {overflow} px"
        assert self.page.evaluate("window.__csp") == [], where
        assert self.errors == [], f"{where}: {self.errors}"
        found = self.accessibility_violations()
        assert found == [], f"{where}: {found}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self}-{step}.png"), full_page=True)

    def accessibility_violations(self):
        """axe-core's serious and critical findings on the page as it is now: the rule, its
        help text and the first elements it names."""
        return self.page.evaluate("""impacts => axe.run(document, {resultTypes: ["violations"]})
            .then(result => result.violations
                .filter(violation => impacts.includes(violation.impact))
                .map(violation => `${violation.id} (${violation.help}): ` +
                     violation.nodes.slice(0, 3).map(node => node.target.join(" ")).join(", ")))
        """, list(FAILING_IMPACTS))

    def close(self):
        self.context.close()
