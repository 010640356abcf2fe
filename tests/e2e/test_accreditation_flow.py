"""Issue 4's whole journey through the real pages, in headless Chromium: a journalist applies
with a photo and a letter; an accreditation officer asks for more information; the journalist
corrects the application through the link in the mail; security vetting clears her; the
officer approves, the badge is issued (Celery, eager) and its PDF opens; the collection desk
hands it over; the gate's scanner turns green for it, and red once the officer revokes it."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.enums import CheckpointMode
from accreditation.gates.models import Scan
from accreditation.gates.services import scans
from accreditation.gates.services.checkpoints import checkpoint_create
from accreditation.setup.models import Zone
from logistics.core.enums import Role
from tests.e2e.conftest import PASSWORD, wait_until
from tests.e2e.media_form import fill_media_application
from tests.factories.accreditation import OutletFactory, categories
from tests.factories.delegations import country
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.registration import PDF_BYTES

SHOTS = Path("/tmp/accord/shots")
REQUEST = "Please send a letter of assignment signed by the editor-in-chief."
REVOKED = "Press card withdrawn by the outlet."


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"flow-{name}.png"), full_page=True)


@pytest.fixture
def conference(transactional_db, celery_eager, mailoutbox, settings, tmp_path):
    """An event running today (badges are valid on its dates), its default categories and
    zones, an outlet, the staff who take part, and a checkpoint at the press centre."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    scans.forget_checkpoints()
    today = timezone.localdate(timezone=EventFactory.build().tz)
    event = EventFactory(name="Signing Ceremony of the Convention", start_date=today,
                         end_date=today + timedelta(days=2))
    categories(event)
    outlet = OutletFactory(event=event, name="Vietnam News Agency", country=country("VN"))
    officer = user_with_role(Role.ACCREDITATION, username="officer", first_name="Phạm",
                             last_name="Minh Châu", password=PASSWORD)
    user_with_role(Role.VETTING, username="vetter", first_name="Đỗ", last_name="Quang",
                   password=PASSWORD)
    user_with_role(Role.GATE, username="gate", first_name="Lê", last_name="Văn Hùng",
                   password=PASSWORD)
    checkpoint_create(event=event, by=officer, name="Press centre door",
                      zone=Zone.objects.get(event=event, code="2"), mode=CheckpointMode.BOTH)
    yield outlet
    scans.forget_checkpoints()


@pytest.fixture
def staff(browser, live_server):
    """A logged-in browser of its own for each member of staff (their own cookies)."""
    contexts = []

    def open_as(username):
        context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                      locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        # The dashboard, or the vetting queue or scanner it sends those roles on to.
        page.wait_for_url(lambda url: url.startswith(live_server.url) and "/login/" not in url)
        return page

    yield open_as
    for context in contexts:
        context.close()


def upload_files(tmp_path):
    photo = tmp_path / "lan.jpg"
    image = Image.new("RGB", (600, 800), (232, 232, 236))
    draw = ImageDraw.Draw(image)  # a head and shoulders, to tell the photo from a blank
    draw.ellipse((190, 120, 410, 360), fill=(120, 90, 70))
    draw.rectangle((120, 400, 480, 800), fill=(40, 60, 110))
    image.save(photo, format="JPEG")
    letter = tmp_path / "letter-of-assignment.pdf"
    letter.write_bytes(PDF_BYTES)
    card = tmp_path / "press-card.png"
    Image.new("RGB", (640, 400), (20, 60, 120)).save(card, format="PNG")
    return photo, letter, card


def alert(page):
    return page.locator(".alert-success[role=alert]")


def test_journalist_to_gate_and_back(conference, page, staff, live_server, mailoutbox,
                                     tmp_path):
    outlet = conference
    photo, letter, card = upload_files(tmp_path)

    # 1. The journalist applies on the public form.
    page.goto(f"{live_server.url}/apply/media/")
    expect(page.get_by_role("heading", name="Apply for media accreditation")).to_be_visible()
    fill_media_application(page, outlet=outlet, photo=photo, letter=letter, card=card)
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", name="Thank you: your application is received")) \
        .to_be_visible()
    reference = page.get_by_test_id("reference").inner_text().strip()
    assert re.fullmatch(r"A-[0-9A-Z]{8}", reference)
    assert [m.to for m in mailoutbox] == [["lan@vna.example"]]
    assert reference in mailoutbox[0].body

    # 2. The officer finds it in the review queue and asks for more information.
    officer = staff("officer")
    officer.goto(f"{live_server.url}/accreditation/applications/")
    row = officer.get_by_test_id("application-row").filter(has_text=reference)
    expect(row.get_by_test_id("application-status")).to_have_text("Submitted")
    expect(row.get_by_test_id("application-vetting")).to_have_text("Pending")
    expect(row).to_contain_text("Vietnam News Agency")
    row.get_by_role("link", name="Thị Lan Nguyễn").click()
    expect(officer.get_by_role("heading", name=f"Thị Lan Nguyễn {reference}")).to_be_visible()
    expect(officer.get_by_test_id("photo")).to_be_visible()
    assert officer.get_by_test_id("photo").evaluate("img => img.naturalWidth") > 0
    expect(officer.get_by_test_id("id-document")).to_contain_text("number on file")
    expect(officer.get_by_test_id("id-document")).not_to_contain_text("C7654321")
    decision = officer.get_by_test_id("decision")
    # Not cleared by security vetting yet: Approve is there but cannot be pressed.
    expect(decision.get_by_role("button", name="Approve")).to_be_disabled()
    expect(decision).to_contain_text("Security vetting must clear this person first")
    # The message is required: an empty request is not sent.
    ask = decision.get_by_role("button", name="Ask for information")
    ask.click()
    assert officer.locator("#ask-message").evaluate("el => el.validity.valueMissing")
    expect(officer.get_by_test_id("information-requested")).to_have_count(0)
    officer.fill("#ask-message", REQUEST)
    ask.click()
    expect(alert(officer)).to_contain_text(
        f"{reference}: the applicant is asked for more information.")
    expect(officer.get_by_test_id("information-requested")).to_have_text(REQUEST)
    expect(officer.get_by_test_id("application-status").first).to_have_text("Needs information")
    expect(decision.get_by_role("button", name="Approve")).to_have_count(0)
    expect(officer.get_by_test_id("history")).to_contain_text("Submitted → Needs information")
    shot(officer, "review-asked")

    # 3. The journalist follows the link in the mail and corrects the function.
    mail = mailoutbox[-1]
    assert mail.to == ["lan@vna.example"] and REQUEST in mail.body
    link = re.search(r"/apply/correct/[^/\s]+/", mail.body)
    assert link, mail.body
    page.goto(live_server.url + link.group(0))
    expect(page.get_by_test_id("information-requested")).to_contain_text(REQUEST)
    expect(page.get_by_test_id("status")).to_have_text("Needs information")
    expect(page.locator("#id_function")).to_have_value("Photographer")
    page.fill("#id_function", "Chief photographer")
    page.set_input_files("#id_letter_of_assignment", str(letter))
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="Send the corrections").click()
    expect(page.get_by_test_id("message")).to_contain_text("is corrected")
    assert "received your corrected application" in mailoutbox[-1].body

    # 4. Security vetting sees the ID number and clears her from its queue.
    vetter = staff("vetter")
    vetter.goto(f"{live_server.url}/accreditation/vetting/")
    row = vetter.get_by_test_id("vetting-row").filter(has_text=reference)
    expect(row.get_by_test_id("id-number")).to_have_text("C7654321")
    row.get_by_role("button", name="Clear", exact=True).click()
    expect(alert(vetter)).to_contain_text(f"{reference} (Thị Lan Nguyễn) is cleared.")
    expect(vetter.get_by_test_id("vetting-row").filter(has_text=reference)).to_have_count(0)

    # 5. The officer approves; the badge is issued and its PDF opens.
    officer.reload()
    expect(officer.get_by_test_id("application-status").first).to_have_text("Submitted")
    expect(officer.get_by_test_id("vetting")).to_contain_text("Cleared")
    expect(officer.locator("dd", has_text="Chief photographer")).to_be_visible()
    officer.get_by_test_id("decision").get_by_role("button", name="Approve").click()
    expect(alert(officer)).to_contain_text(f"{reference} is approved; the badge is being issued.")
    badges = officer.get_by_test_id("badges")
    expect(officer.get_by_test_id("application-status").first).to_have_text("Approved")
    expect(badges).to_contain_text("Active")
    expect(officer.get_by_test_id("history")).to_contain_text("Submitted → Approved")
    shot(officer, "review-approved")
    assert mailoutbox[-1].subject and "is approved" in mailoutbox[-1].body
    badge = Badge.objects.get(application__reference=reference)  # for its number and QR code
    expect(badges).to_contain_text(badge.number)

    officer.goto(f"{live_server.url}/accreditation/badges/")
    officer.fill("#id_q", reference)
    officer.get_by_role("button", name="Filter", exact=True).click()
    expect(officer.get_by_test_id("badge-row")).to_have_count(1)
    officer.get_by_test_id("badge-row").get_by_role("link", name=badge.number).click()
    expect(officer.get_by_role("heading", name=badge.number)).to_be_visible()
    holder = officer.get_by_test_id("holder")
    expect(holder).to_contain_text("Thị Lan Nguyễn")
    expect(holder).to_contain_text("Press")
    expect(holder.locator("dd.font-monospace")).to_contain_text("2")
    expect(officer.get_by_test_id("badge-status").first).to_have_text("Active")
    expect(officer.get_by_test_id("collected")).to_contain_text("Not yet")
    pdf_link = officer.get_by_test_id("badge-pdf")
    expect(pdf_link).to_have_text("PDF to print")
    response = officer.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    officer.reload()
    expect(officer.get_by_test_id("badge-pdf")).to_have_text("PDF to print again")
    shot(officer, "badge")
    badge_url = officer.url

    # 6. The collection desk checks her passport and hands the badge over.
    officer.goto(f"{live_server.url}/accreditation/badges/collect/")
    officer.fill("#id_q", reference)
    officer.get_by_role("button", name="Search").click()
    person = officer.get_by_test_id("person")
    expect(person).to_contain_text("Nguyễn")
    expect(person.get_by_test_id("badge")).to_contain_text(badge.number)
    officer.get_by_test_id("hand-over").click()  # the ID check not ticked
    expect(officer.get_by_test_id("check-error")).to_contain_text("tick the box")
    officer.check("#id_checked")
    officer.get_by_test_id("hand-over").click()
    expect(alert(officer)).to_contain_text(
        f"Badge {badge.number} is handed over to Thị Lan Nguyễn")
    expect(officer.get_by_test_id("handed-over")).to_contain_text("Handed over on")

    # 7. At the press centre door the badge opens; once revoked, it does not.
    gate = staff("gate")
    gate.goto(f"{live_server.url}/accreditation/gates/scan/")
    gate.get_by_test_id("checkpoint-picker").get_by_role("link", name=re.compile(
        "Press centre door")).click()
    expect(gate.get_by_test_id("checkpoint-name")).to_have_text("Press centre door")
    wait_until(gate, "localStorage.getItem('accord.scanner.kit') !== null")
    answer = gate.get_by_test_id("answer")
    code = codes.encode(badge)
    gate.get_by_test_id("code-input").fill(code)
    gate.get_by_test_id("code-input").press("Enter")
    expect(answer).to_have_attribute("data-result", "allow")
    expect(answer).to_contain_text("Allowed")
    shot(gate, "scanner-green")
    expect(gate.get_by_test_id("answer-name")).to_have_text("Thị Lan Nguyễn")
    assert answer.locator("img").evaluate("img => img.complete && img.naturalWidth") > 0

    officer.goto(badge_url)
    officer.fill("#revoke-reason", REVOKED)
    officer.get_by_role("button", name="Revoke the badge").click()
    expect(alert(officer)).to_contain_text(f"Badge {badge.number} is revoked")
    expect(officer.get_by_test_id("badge-status").first).to_have_text("Revoked")
    expect(officer.get_by_test_id("status-reason")).to_contain_text(REVOKED)
    expect(officer.get_by_test_id("badge-pdf")).to_have_count(0)
    shot(officer, "badge-revoked")

    expect(answer).to_be_hidden(timeout=10_000)  # the answer clears itself for the next one
    gate.get_by_test_id("code-input").fill(code)
    gate.get_by_test_id("code-input").press("Enter")
    expect(answer).to_have_attribute("data-result", "deny")
    shot(gate, "scanner-red")
    expect(answer).to_contain_text("Denied")
    expect(gate.get_by_test_id("answer-reason")).to_have_text("Badge revoked")
    expect(gate.get_by_test_id("answer-name")).to_have_text("Thị Lan Nguyễn")
    expect(answer).to_have_attribute("data-offline", "false")
    assert list(Scan.objects.order_by("pk").values_list("result", "reason")) == [
        ("allow", ""), ("deny", "revoked")]
