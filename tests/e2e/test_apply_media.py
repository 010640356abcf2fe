"""A journalist applies in the browser with a photo and a letter, is asked for more
information, corrects the application through the link and sees it submitted again; the form
reads right to left in Arabic and fits a phone."""

from PIL import Image
from playwright.sync_api import expect

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_request_information
from accreditation.enums import ApplicationStatus
from logistics.core.enums import Role
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.media_form import fill_media_application
from tests.factories.accreditation import OutletFactory, categories
from tests.factories.delegations import country
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.registration import PDF_BYTES


def files(tmp_path):
    photo = tmp_path / "lan.jpg"
    Image.new("RGB", (600, 800), (232, 232, 236)).save(photo, format="JPEG")
    thumbnail = tmp_path / "thumbnail.jpg"
    Image.new("RGB", (120, 160), (232, 232, 236)).save(thumbnail, format="JPEG")
    letter = tmp_path / "letter-of-assignment.pdf"
    letter.write_bytes(PDF_BYTES)
    card = tmp_path / "press-card.png"
    Image.new("RGB", (640, 400), (20, 60, 120)).save(card, format="PNG")
    return photo, thumbnail, letter, card


def test_journalist_applies_is_asked_for_more_and_corrects(
        transactional_db, page, live_server, screenshot, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    event = EventFactory(name="Signing Ceremony of the Convention", city="Hanoi")
    categories(event)
    outlet = OutletFactory(event=event, name="Vietnam News Agency", country=country("VN"))
    country("FR")
    photo, thumbnail, letter, card = files(tmp_path)

    page.goto(f"{live_server.url}/apply/media/")
    expect(page.get_by_role("heading", name="Apply for media accreditation")).to_be_visible()
    expect(page.get_by_test_id("photo-guidance")).to_contain_text("head and upper shoulders")
    fill_media_application(page, outlet=outlet, photo=thumbnail, letter=letter, card=card)
    expect(page.get_by_test_id("privacy-notice")).to_contain_text("security vetting")
    page.check("#id_privacy_consent")
    screenshot("apply-media-en")
    page.get_by_role("button", name="Send the application").click()

    # The photo is too small: said at the field and above, the typing kept, the other files
    # kept: only the photo is chosen again.
    expect(page.get_by_test_id("application-errors")).to_contain_text("Photo")
    expect(page.get_by_test_id("error-photo")).to_contain_text("120×160 pixels")
    expect(page.get_by_test_id("files-kept")).to_be_visible()
    expect(page.get_by_test_id("kept-press_card")).to_contain_text("press-card.png")
    expect(page.get_by_test_id("kept-photo")).to_have_count(0)
    expect(page.locator("#id_family_name")).to_have_value("Nguyễn")
    expect(page.locator("#id_outlet")).to_have_value(str(outlet.pk))
    screenshot("apply-media-error")
    assert not Application.objects.exists()
    page.set_input_files("#id_photo", str(photo))
    page.get_by_role("button", name="Send the application").click()

    expect(page.get_by_role("heading", name="Thank you: your application is received")) \
        .to_be_visible()
    application = Application.objects.get()
    expect(page.get_by_test_id("reference")).to_have_text(application.reference)
    screenshot("apply-media-thanks")
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.photo.name.endswith(".jpg")
    assert application.letter_of_assignment.name.endswith(".pdf")

    # The office asks for more (its review pages are tested on their own).
    officer = user_with_role(Role.ACCREDITATION, username="accreditation-e2e")
    application_request_information(application=application, by=officer,
                                    message="Please send a letter signed by the editor.")

    # The journalist follows the link from the mail.
    page.goto(f"{live_server.url}/apply/correct/{application.token}/")
    expect(page.get_by_test_id("information-requested")).to_contain_text(
        "Please send a letter signed by the editor.")
    expect(page.locator("#id_family_name")).to_have_value("Nguyễn")
    expect(page.locator("#id_id_document_number")).to_have_value("")
    page.fill("#id_function", "Chief photographer")
    page.set_input_files("#id_letter_of_assignment", str(letter))
    page.check("#id_privacy_consent")
    screenshot("apply-media-correct")
    page.get_by_role("button", name="Send the corrections").click()
    expect(page.get_by_test_id("message")).to_contain_text("is corrected")
    application.refresh_from_db()
    assert application.function == "Chief photographer"
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.id_document_number == "C7654321"

    page.goto(f"{live_server.url}/apply/status/")
    page.fill("#id_reference", application.reference.lower())
    page.fill("#id_email", "LAN@vna.example")
    page.get_by_role("button", name="Check the status").click()
    expect(page.get_by_test_id("status")).to_have_text("Submitted")
    screenshot("apply-status")


def test_application_form_reads_right_to_left_and_fits_a_phone(
        transactional_db, browser, page, live_server, screenshot):
    event = EventFactory(name="Signing Ceremony of the Convention")
    categories(event)
    OutletFactory(event=event, name="Al Jazeera", country=country("QA"))

    page.goto(f"{live_server.url}/apply/media/")
    page.select_option("#language", "ar")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    label = page.locator("label[for=id_family_name]").bounding_box()
    field = page.locator("#id_family_name").bounding_box()
    assert label["x"] + label["width"] > field["x"] + field["width"] - 20  # label on the right
    screenshot("apply-media-ar")

    phone = browser.new_context(viewport={"width": 375, "height": 800}, locale="en-GB",
                                is_mobile=True, has_touch=True)
    small = phone.new_page()
    try:
        small.goto(f"{live_server.url}/apply/media/")
        width = small.evaluate("document.documentElement.scrollWidth")
        small.screenshot(path=str(SCREENSHOTS / "apply-media-phone.png"), full_page=True)
        assert width <= 375  # nothing wider than the screen
        box = small.locator("#id_family_name").bounding_box()
        assert box["width"] > 300  # full width on a phone
    finally:
        phone.close()
