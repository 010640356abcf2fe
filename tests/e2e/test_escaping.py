"""Names with markup and script in every text field, shown in Chromium: a task, an agency, a
committee, a delegation and its member, a venue, room and session (published to the public
programme), a side-event proposal, a media outlet and a journalist's application. Each list,
detail and edit page that shows them must show the text literally: no script runs, no dialog
opens, no element is injected, the template language does not evaluate it, and the Content
Security Policy reports nothing (it would, had an injected handler tried to run). The JSON
API gives the text back unchanged, and the spreadsheets quote what a spreadsheet would run.
"""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from accreditation.applications.models.applications import Application
from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind
from logistics.programme.services.publishing import programme_publish
from tests.e2e.conftest import PASSWORD
from tests.factories.accreditation import OutletFactory, categories, journalist
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory
from tests.factories.side_events import ProposalFactory

SHOTS = Path("/tmp/accord/shots5")
SCRIPT = "<script>window.__xss=1</script>"
IMAGE = '"><img src=x onerror="window.__xss=1">'
TEMPLATE = "{{7*7}}"
TEXTAREA = "</textarea><b>x</b>"
# Starts with "=": a spreadsheet would run it as a formula.
PAYLOAD = f"=1+1 {SCRIPT} {IMAGE} {TEMPLATE} {TEXTAREA}"
SHORT = "<b>x</b>{{7*7}}"  # for the codes (30 characters at most)
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI}`));
"""


def named(label):
    """A payload that still says which field it came from."""
    return f"{label} {PAYLOAD}"


@pytest.fixture
def hostile(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    event = EventFactory(name=named("Event"), venue=named("Venue text"), city="Hanoi")
    agency = AgencyFactory(event=event, code=SHORT, name=named("Agency"))
    committee = CommitteeFactory(event=event, code="C" + SHORT, name=named("Committee"))
    task = TaskFactory(event=event, code="T" + SHORT, title=named("Task"),
                       description=named("Description"), committee=committee,
                       lead_agency=agency)
    delegation = DelegationFactory(
        event=event, kind=DelegationKind.NGO, name=named("Delegation"),
        head_name=named("Head"), head_title=named("Head title"),
        focal_point_name=named("Focal point"), focal_point_email="focal@example.org",
        hotel=named("Hotel"), protocol_notes=named("Protocol notes"))
    member = MemberFactory(delegation=delegation, family_name=named("Family"),
                           given_names=named("Given"), title=named("Member title"),
                           dietary_needs=named("Diet"), accessibility_needs=named("Access"),
                           hotel=named("Member hotel"))
    venue = VenueFactory(event=event, name=named("Venue"))
    room = RoomFactory(venue=venue, name=named("Room"))
    session = SessionFactory(event=event, room=room, title=named("Session"),
                             chair=named("Chair"), organiser=named("Organiser"))
    proposal = ProposalFactory(
        event=event, organiser_name=named("Proposer"),
        organiser_organisation=named("Proposing institute"), co_organisers=named("Co"),
        title=named("Proposal"), abstract=named("Abstract"),
        technical_needs=named("Technical needs"))
    categories(event)
    outlet = OutletFactory(event=event, name=named("Outlet"), country=country("VN"))
    application = journalist(
        event, outlet=outlet, family_name=named("Journalist"), given_names=named("Mai"),
        organisation=named("Organisation"), function=named("Function"),
        equipment=named("Equipment"))
    Application.objects.filter(pk=application.pk).update(
        information_requested=named("Information requested"),
        vetting_note=named("Vetting note"), vetting_reason=named("Vetting reason"))
    secretariat = user_with_role(Role.SECRETARIAT, username="sec", password=PASSWORD,
                                 first_name=named("Staff"))
    user_with_role(Role.ACCREDITATION, username="officer", password=PASSWORD)
    user_with_role(Role.VETTING, username="vetter", password=PASSWORD)
    programme_publish(event=event, by=secretariat, note=named("Changelog"))
    return {"event": event, "agency": agency, "task": task, "delegation": delegation,
            "member": member, "session": session, "proposal": proposal, "outlet": outlet,
            "application": application}


class Viewer:
    def __init__(self, browser, base, username=None):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           locale="en-GB")
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs = []
        self.page.on("dialog", self._dialog)
        if username:
            self.page.goto(f"{base}/login/")
            self.page.fill("#id_username", username)
            self.page.fill("#id_password", PASSWORD)
            self.page.click("button[type=submit]")
            self.page.wait_for_load_state("networkidle")
            assert "/login/" not in self.page.url, self.page.locator("body").inner_text()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url, *, shows, name):
        """Opens `url` and checks that each text of `shows` reads literally on it and that
        nothing of the payload ran or became markup."""
        response = self.page.goto(f"{self.base}{url}")
        self.page.wait_for_load_state("networkidle")
        assert response.status == 200, url
        text = self.page.locator("body").inner_text()
        for expected in shows:
            assert expected in text, f"{url}: {expected!r} not shown literally"
        self.assert_nothing_ran(url)
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"escaping-{name}.png"), full_page=True)
        return self.page

    def assert_nothing_ran(self, where):
        page = self.page
        assert page.evaluate("typeof window.__xss") == "undefined", where
        assert self.dialogs == [], where
        assert page.evaluate("window.__csp") == [], where
        assert page.locator('img[src="x"]').count() == 0, where
        assert page.evaluate(
            "[...document.scripts].filter(s => s.textContent.includes('__xss')).length") == 0
        assert page.evaluate(
            "[...document.querySelectorAll('b')].filter(b => b.textContent === 'x').length"
        ) == 0, where

    def close(self):
        self.context.close()


@pytest.fixture
def viewers(browser, live_server):
    opened = []

    def open_as(username=None):
        viewer = Viewer(browser, live_server.url, username)
        opened.append(viewer)
        return viewer

    yield open_as
    for viewer in opened:
        viewer.close()


def test_staff_and_public_pages_show_markup_in_names_as_text(hostile, viewers):
    h = hostile
    staff = viewers("sec")
    pages = [
        ("/", [named("Agency")[:40]], "dashboard"),
        ("/tasks/", [named("Task")[:40], SHORT], "task-list"),
        (f"/tasks/{h['task'].pk}/", [named("Task"), named("Description"), named("Agency"),
                                     named("Committee")], "task-detail"),
        ("/timeline/", [named("Task")[:40]], "timeline"),
        ("/agencies/", [named("Agency")[:40], SHORT], "agency-list"),
        (f"/agencies/{h['agency'].pk}/", [named("Agency"), named("Task")[:40]], "agency-detail"),
        ("/delegations/", [named("Delegation")[:40]], "delegation-list"),
        (f"/delegations/{h['delegation'].pk}/",
         [named("Delegation"), named("Head"), named("Hotel"), named("Protocol notes"),
          named("Family")[:40]], "delegation-detail"),
        ("/programme/", [named("Session")[:30], named("Room")[:30]], "programme-grid"),
        (f"/programme/sessions/{h['session'].pk}/",
         [named("Session"), named("Chair"), named("Organiser"), named("Room")[:40]],
         "session-detail"),
        ("/programme/side-events/", [named("Proposal")[:40]], "proposal-list"),
        (f"/programme/side-events/{h['proposal'].pk}/",
         [named("Proposal"), named("Abstract"), named("Proposer"),
          named("Proposing institute"), named("Co"), named("Technical needs")],
         "proposal-detail"),
    ]
    for url, shows, name in pages:
        staff.open(url, shows=shows, name=name)

    # Edit forms put the text in value="..." and between <textarea> tags.
    page = staff.open(f"/programme/sessions/{h['session'].pk}/edit/", shows=[],
                      name="session-edit")
    expect(page.locator("[name=title]")).to_have_value(named("Session"))
    page = staff.open(f"/tasks/{h['task'].pk}/", shows=[], name="task-update-form")
    staff.assert_nothing_ran("task update form")

    officer = viewers("officer")
    application = h["application"]
    officer.open("/accreditation/applications/", shows=[named("Journalist")[:30]],
                 name="application-list")
    officer.open(f"/accreditation/applications/{application.pk}/",
                 shows=[named("Journalist"), named("Mai"), named("Function"),
                        named("Equipment"), named("Outlet")[:40], named("Vetting reason")],
                 name="application-detail")
    officer.open("/accreditation/setup/", shows=[named("Outlet")[:40]], name="setup")
    page = officer.open(f"/accreditation/setup/outlets/{h['outlet'].pk}/", shows=[],
                        name="outlet-edit")
    expect(page.locator("[name=name]")).to_have_value(named("Outlet"))
    vetter = viewers("vetter")
    vetter.open("/accreditation/vetting/", shows=[named("Journalist")[:30],
                                                  named("Vetting reason"),
                                                  named("Vetting note")],
                name="vetting-queue")

    public = viewers()
    public.open("/public/programme/", shows=[named("Session"), named("Chair")[:40],
                                             named("Changelog")[:40]],
                name="public-programme")


def test_api_gives_the_text_back_unchanged(hostile, live_server):
    h = hostile
    client = Client()
    client.login(username="sec", password=PASSWORD)
    for url, field, value in [
        (f"/api/v1/tasks/{h['task'].pk}/", "title", named("Task")),
        (f"/api/v1/tasks/{h['task'].pk}/", "description", named("Description")),
        (f"/api/v1/agencies/{h['agency'].pk}/", "name", named("Agency")),
        (f"/api/v1/delegations/{h['delegation'].pk}/", "name", named("Delegation")),
        (f"/api/v1/sessions/{h['session'].pk}/", "title", named("Session")),
        (f"/api/v1/side-event-proposals/{h['proposal'].pk}/", "abstract", named("Abstract")),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json"
        assert response.json()[field] == value, url
    officer = Client()
    officer.login(username="officer", password=PASSWORD)
    response = officer.get(f"/api/v1/applications/{h['application'].reference}/")
    assert response.status_code == 200
    assert response.json()["family_name"] == named("Journalist")


def _plan_rows(client, fmt):
    content = client.get(reverse("logistics:plan_export", args=[fmt])).content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows()]


def test_exports_quote_what_a_spreadsheet_would_run(hostile, live_server):
    h = hostile
    # The bare payload, which starts with "=", as a task's title.
    TaskFactory(event=h["event"], code="T-FORMULA", title=PAYLOAD, description=PAYLOAD,
                committee=h["task"].committee, lead_agency=h["agency"])
    client = Client()
    client.login(username="sec", password=PASSWORD)
    rows = _plan_rows(client, "csv")
    code, title = rows[0].index("code"), rows[0].index("title")
    by_code = {row[code]: row for row in rows[1:]}
    assert by_code["T-FORMULA"][title] == "'" + PAYLOAD
    assert by_code["T" + SHORT][title] == named("Task")  # text first: left as it is

    cells = _plan_rows(client, "xlsx")
    code, title = [c.value for c in cells[0]].index("code"), \
        [c.value for c in cells[0]].index("title")
    formula = next(row for row in cells[1:] if row[code].value == "T-FORMULA")
    assert formula[title].value == "'" + PAYLOAD  # text, as in the CSV file
    assert formula[title].data_type == "s"  # a string cell, not a formula

    vetter = Client()
    vetter.login(username="vetter", password=PASSWORD)
    Application.objects.filter(pk=h["application"].pk).update(family_name=PAYLOAD)
    exported = vetter.get(reverse("accreditation:vetting_export")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))
    family = rows[0].index("family_name")
    assert [row[family] for row in rows[1:]] == ["'" + PAYLOAD]
