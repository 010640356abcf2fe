from playwright.sync_api import expect

from logistics.enums import DelegationKind, DelegationStatus
from logistics.models import Invitation
from tests.factories.delegations import DelegationFactory, country


def test_focal_point_registers_three_members_then_edits_one(demo, page, live_server,
                                                            screenshot):
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
    page.get_by_role("button", name="Save the registration").click()
    expect(page.get_by_role("alert")).to_contain_text("Your registration is saved.")
    assert delegation.members.get(family_name="Muñoz").given_names == "Paula Andrea"
