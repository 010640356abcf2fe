"""The desk walk of issue 12, item 3: a journalist on a phone (and on a laptop), in English
and in Arabic, fills the media application with its four files, reads the privacy notice
and agrees, makes a mistake, sends it again without choosing any file, and sees the
confirmation (tests/e2e/desks.py)."""

from datetime import timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect

from accreditation.applications.models.applications import Application
from tests.e2e.desks import DESKS, desk_id
from tests.factories.accreditation import OutletFactory, categories
from tests.factories.delegations import country
from tests.factories.plan import EventFactory
from tests.factories.registration import PDF_BYTES

SEND = "form[enctype='multipart/form-data'] button[type=submit]"
def the_files(folder):
    photo = folder / "lan.jpg"
    Image.new("RGB", (600, 800), (232, 232, 236)).save(photo, format="JPEG")
    letter = folder / "letter-of-assignment.pdf"
    letter.write_bytes(PDF_BYTES)
    card = folder / "press-card.png"
    Image.new("RGB", (640, 400), (20, 60, 120)).save(card, format="PNG")
    passport = folder / "passport.pdf"
    passport.write_bytes(PDF_BYTES)
    return {"#id_photo": photo, "#id_letter_of_assignment": letter, "#id_press_card": card,
            "#id_id_copy": passport}


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_journalist_keeps_the_files_through_a_mistake(desk, transactional_db, settings,
                                                      tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PURGE_AFTER_DAYS = 90
    event = EventFactory(name="Signing Ceremony of the Convention", city="Hanoi")
    categories(event)
    outlet = OutletFactory(event=event, name="Vietnam News Agency", country=country("VN"))
    files = the_files(tmp_path)

    page = desk.open("/apply/media/", step="form")
    notice = page.get_by_test_id("privacy-notice")
    expect(notice).to_be_visible()
    expect(page.get_by_test_id("privacy-kept-until")).to_contain_text(
        (event.end_date + timedelta(days=90)).isoformat())
    page.fill("#id_family_name", "Nguyễn")
    page.fill("#id_given_names", "Thị Lan")
    page.select_option("#id_gender", "female")
    page.fill("#id_date_of_birth", "1988-04-02")
    page.select_option("#id_nationality", str(country("VN").pk))
    page.fill("#id_email", "lan@vna.example")
    # The mistake: no phone.
    page.select_option("#id_id_document_kind", "passport")
    page.fill("#id_id_document_number", "C7654321")
    page.fill("#id_id_document_expiry", "2034-01-01")
    page.select_option("#id_outlet", str(outlet.pk))
    page.select_option("#id_media_role", "photographer")
    page.fill("#id_function", "Photographer")
    for selector, path in files.items():
        page.set_input_files(selector, str(path))
    page.check("#id_privacy_consent")
    desk.check("filled")
    page.click(SEND)

    expect(page.get_by_test_id("application-errors")).to_be_visible()
    expect(page.get_by_test_id("error-phone")).to_be_visible()
    expect(page.get_by_test_id("files-kept")).to_be_visible()
    for selector, path in files.items():
        name = selector.removeprefix("#id_")
        expect(page.get_by_test_id(f"kept-{name}")).to_contain_text(path.name)
    expect(page.locator("#id_privacy_consent")).to_be_checked()
    desk.sent_back("/apply/media/")
    desk.check("error")
    assert not Application.objects.exists()

    page.fill("#id_phone", "+84 24 3825 3536")  # and no file chosen again
    page.click(SEND)
    page.wait_for_url("**/apply/media/thanks/")
    application = Application.objects.get()
    expect(page.get_by_test_id("reference")).to_have_text(application.reference)
    desk.check("thanks")
    assert all(getattr(application, selector.removeprefix("#id_")).name
               for selector in files)
    assert application.privacy_consent_at is not None
