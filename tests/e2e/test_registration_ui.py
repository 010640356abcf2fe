from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind, DelegationStatus
from logistics.delegations.models import Invitation
from tests.e2e.conftest import PASSWORD
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import user_with_role


def test_focal_point_registers_three_members_then_edits_one(demo, page, live_server,
                                                            screenshot, login, settings,
                                                            tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    photo = tmp_path / "van-klaveren.jpg"
    Image.new("RGB", (300, 400), (230, 230, 235)).save(photo, format="JPEG")
    delegation = DelegationFactory(event=demo, kind=DelegationKind.STATE, country=country("CL"),
                                   name="Chile", size_quota=5,
                                   focal_point_email="mision@chile.example")
    invitation = Invitation.objects.create(delegation=delegation, email="mision@chile.example",
                                           expires_at=demo.registration_closes_at())
    page.goto(live_server.url + invitation.get_absolute_url())
    expect(page.get_by_role("heading", name="Registration of Chile")).to_be_visible()
    page.fill("#id_d-head_name", "Alberto van Klaveren")
    page.select_option("#id_d-head_level", "foreign_minister")
    for number, (family, given) in enumerate([("van Klaveren", "Alberto"),
                                              ("Muñoz", "Paula"), ("Pérez", "José")]):
        page.fill(f"#id_m-{number}-family_name", family)
        page.fill(f"#id_m-{number}-given_names", given)
    page.check("#id_m-0-is_head")
    page.fill("#id_m-0-arrival_at", "2026-12-13T09:30")
    page.set_input_files("#id_m-0-photo", str(photo))
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="Save the registration").click()
    expect(page.get_by_role("alert")).to_contain_text("Your registration is saved.")
    screenshot("registration-saved")
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.REGISTERED
    assert sorted(delegation.members.values_list("family_name", flat=True)) == [
        "Muñoz", "Pérez", "van Klaveren"]

    # Later, with the same link: Paula's given names were incomplete.
    page.goto(live_server.url + invitation.get_absolute_url())
    row = page.get_by_test_id("member").filter(has_text="Muñoz")
    row.locator("input[name$='-given_names']").fill("Paula Andrea")
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="Save the registration").click()
    expect(page.get_by_role("alert")).to_contain_text("Your registration is saved.")
    assert delegation.members.get(family_name="Muñoz").given_names == "Paula Andrea"
    assert delegation.members.get(family_name="van Klaveren").photo.name.startswith("photos/")
    # The photo stayed through the edit, which uploaded none.
    row = page.get_by_test_id("member").filter(has_text="van Klaveren")
    expect(row).to_contain_text("A photo is on file")

    # The protocol office sees the delegation and its three members, with the photo.
    officer = user_with_role(Role.PROTOCOL, username="protocol-e2e")
    officer.set_password(PASSWORD)
    officer.save()
    login("protocol-e2e")
    page.goto(live_server.url + reverse("logistics:delegation_detail", args=[delegation.pk]))
    expect(page.get_by_role("heading", name="Chile")).to_be_visible()
    rows = page.get_by_test_id("member-row")
    expect(rows).to_have_count(3)
    for name in ("van Klaveren Alberto", "Muñoz Paula Andrea", "Pérez José"):
        expect(page.get_by_test_id("member-row").filter(has_text=name)).to_have_count(1)
    image = rows.filter(has_text="van Klaveren").locator("img")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 300
    screenshot("delegation-detail")
