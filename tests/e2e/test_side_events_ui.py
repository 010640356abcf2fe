from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from logistics.core.enums import Role
from logistics.core.permissions import role_group
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal
from tests.e2e.conftest import PASSWORD

ABSTRACT = ("Prosecutors from three regions compare how they obtain electronic evidence held "
            "abroad, and what the convention's preservation orders change for them.")


def programme_officer():
    """The demo's programme officer (added here if the demo does not have one yet)."""
    user, _ = get_user_model().objects.get_or_create(
        username="programme", defaults={"first_name": "Hoàng", "last_name": "Yến"})
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(role_group(Role.PROGRAMME))
    return user


def test_organiser_proposes_then_a_programme_officer_scores_and_accepts(
        demo, page, live_server, login, screenshot):
    page.goto(f"{live_server.url}/side-events/propose/")
    expect(page.get_by_role("heading", name="Propose a side event")).to_be_visible()
    page.fill("#id_organiser_organisation", "Institute for Cyber Law")
    page.fill("#id_organiser_name", "Trần Thị Mai")
    page.fill("#id_organiser_email", "mai@icl.example")
    page.fill("#id_co_organisers", "Council of Europe\nUNODC")
    page.fill("#id_title", "Electronic evidence across borders")
    page.fill("#id_abstract", ABSTRACT)
    page.get_by_label("Workshop").check()
    page.get_by_label("English").check()
    page.get_by_label("French").check()
    page.fill("#id_expected_audience", "0")
    first_day = demo.start_date.isoformat()
    page.get_by_label(f"{first_day} Morning").check()
    page.get_by_label(f"{first_day} Evening").check()
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="Send the proposal").click()

    # One mistake: shown next to the field and in the summary, the rest kept.
    expect(page.get_by_test_id("proposal-errors")).to_contain_text("Expected audience")
    expect(page.get_by_test_id("error-expected_audience")).to_contain_text("between 1 and")
    expect(page.locator("#id_title")).to_have_value("Electronic evidence across borders")
    expect(page.get_by_label(f"{first_day} Evening")).to_be_checked()
    screenshot("side-event-proposal-error")
    page.fill("#id_expected_audience", "80")
    page.get_by_role("button", name="Send the proposal").click()

    proposal = SideEventProposal.objects.get()
    expect(page.get_by_role("heading", name="Thank you: your proposal is received")).to_be_visible()
    expect(page.get_by_test_id("reference")).to_have_text(proposal.reference)
    screenshot("side-event-proposal-thanks")
    assert proposal.preferred_slots == [f"{first_day}:am", f"{first_day}:eve"]
    assert proposal.languages == ["en", "fr"]

    programme_officer()
    page = login("programme")
    page.goto(f"{live_server.url}/programme/side-events/")
    row = page.get_by_test_id("proposal-row").filter(has_text=proposal.reference)
    expect(row).to_contain_text("Institute for Cyber Law")
    screenshot("side-event-list")
    row.get_by_role("link", name=proposal.reference).click()
    expect(page.get_by_role("heading", name="Electronic evidence across borders")).to_be_visible()
    page.locator("input[name=score][value='4']").check()
    page.fill("#id_comment", "Strong speakers; fits the first morning.")
    page.get_by_role("button", name="Save my review").click()
    expect(page.get_by_role("alert")).to_contain_text(
        f"Your review of {proposal.reference} is saved.")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("Accepted")
    expect(page.get_by_test_id("confirmation")).to_contain_text("Not confirmed yet")
    screenshot("side-event-accepted")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.decided_by.username == "programme"
    assert proposal.reviews.get().score == 4
