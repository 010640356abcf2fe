"""Issue 12, item 2, walked: a delegation's focal point adds members in the page with "Add a
member" up to the quota and saves once; then uploads a spreadsheet with errors, reads each
row's error, fixes the file and uploads it again. In English and Arabic, on a laptop and a
phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from logistics.delegations.enums import DelegationKind
from logistics.delegations.models import Invitation
from tests.e2e.desks import DESKS, desk_id
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import EventFactory
from tests.spreadsheets import xlsx_bytes

HEADER = ["family name", "given names", "date of birth", "nationality", "ID document number"]


def workbook(path, rows):
    path.write_bytes(xlsx_bytes(HEADER, rows))
    return str(path)


def link(delegation):
    invitation = Invitation.objects.create(
        delegation=delegation, email=delegation.focal_point_email,
        expires_at=delegation.event.registration_closes_at())
    return invitation.get_absolute_url()


@pytest.fixture
def event(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    start = timezone.localdate() + timedelta(days=21)
    return EventFactory(name="Signing ceremony", start_date=start,
                        end_date=start + timedelta(days=1))


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_a_focal_point_registers_a_delegation_in_one_save_and_one_upload(desk, event,
                                                                          tmp_path):
    chile = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("CL"),
                              name="Chile", size_quota=5, focal_point_email="mision@chile.example")
    page = desk.open(link(chile), step="form")
    members = page.get_by_test_id("member")
    add = page.get_by_test_id("add-member")
    expect(members).to_have_count(3)  # the rows the page has without JavaScript
    add.click()
    expect(members).to_have_count(4)
    expect(page.locator("#id_m-3-family_name")).to_be_focused()
    add.click()
    expect(members).to_have_count(5)
    expect(add).to_be_hidden()  # the quota: five
    desk.check("quota-reached")
    for number in range(5):
        page.fill(f"#id_m-{number}-family_name", f"Miembro {number + 1}")
        page.fill(f"#id_m-{number}-date_of_birth", "1980-01-0" + str(number + 1))
    page.check("#id_privacy_consent")
    page.locator("form button.btn-primary[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert chile.members.count() == 5
    # Saved, but no member has an ID document or a photo: each one's gaps are listed.
    expect(page.get_by_test_id("registration-incomplete")).to_be_visible()
    expect(page.get_by_test_id("member-missing")).to_have_count(5)
    expect(add).to_be_hidden()  # five on file: no blank row, no more to add
    expect(page.get_by_test_id("upload-full")).to_be_visible()
    desk.check("saved-incomplete")

    kenya = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                              name="Kenya", size_quota=5, focal_point_email="m@kenya.example")
    page = desk.open(link(kenya), step="upload-form")
    good = ["Mohamed", "Amina", "1961-10-05", "KE", "A1234567"]
    page.set_input_files("#id_f-file", workbook(tmp_path / "members.xlsx", [
        good, ["", "Joseph", "1985-02-14", "KE", ""], ["Kamau", "", "31/31/1980", "Atlantis", ""]]))
    page.check("#id_f-privacy_consent")
    page.get_by_test_id("upload-members").click()
    page.wait_for_load_state("networkidle")
    errors = page.get_by_test_id("import-errors").locator("li")
    expect(errors).to_have_count(3)
    expect(errors.nth(0)).to_contain_text("family name")
    expect(errors.nth(1)).to_contain_text("31/31/1980")
    expect(errors.nth(2)).to_contain_text("Atlantis")
    assert kenya.members.count() == 0
    desk.check("upload-errors")
    page.set_input_files("#id_f-file", workbook(tmp_path / "members-fixed.xlsx", [
        good, ["Otieno", "Joseph", "1985-02-14", "KE", ""],
        ["Kamau", "", "1980-12-31", "Kenya", ""]]))
    page.check("#id_f-privacy_consent")
    page.get_by_test_id("upload-members").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("import-errors")).to_have_count(0)
    assert sorted(kenya.members.values_list("family_name", flat=True)) == [
        "Kamau", "Mohamed", "Otieno"]
    expect(page.get_by_test_id("member")).to_have_count(4)  # three on file, one blank row
    desk.check("uploaded")
