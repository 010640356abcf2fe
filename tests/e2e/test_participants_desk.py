"""The list of participants at the desks (issue 15, item 8), in English and Arabic on a
laptop and a phone: an observer opens it from the Delegations menu and reads delegations in
the order of precedence with their heads first, long names and titles in several scripts
wrapping rather than scrolling sideways; the PDF and the spreadsheet download from it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import EventFactory, user_with_role

LONG_TITLE = ("Deputy Permanent Representative of the Mission to the United Nations Office at "
              "Vienna and Other International Organizations")


@pytest.fixture
def conference(transactional_db):
    start = timezone.localdate() + timedelta(days=21)
    event = EventFactory(name="Signing ceremony", start_date=start,
                         end_date=start + timedelta(days=1))
    for code, people in (("VN", [("Nguyễn", "Thị Lan", "Bộ trưởng Bộ Ngoại giao", True),
                                 ("Trần", "Văn Hùng", LONG_TITLE, False)]),
                         ("EG", [("الهاشمي", "ليلى", "سفيرة فوق العادة ومفوضة", True)]),
                         ("CN", [("王", "小明", "大使", True)])):
        found = country(code)
        delegation = DelegationFactory(event=event, kind=DelegationKind.STATE, country=found,
                                       name=found.name, size_quota=5)
        for family, given, title, head in people:
            MemberFactory(delegation=delegation, family_name=family, given_names=given,
                          title=title, is_head=head, in_list_of_participants=True)
        MemberFactory(delegation=delegation, family_name="Unlisted", is_head=False)
    ngo = DelegationFactory(event=event, kind=DelegationKind.NGO,
                            name="International Association of Cybersecurity Professionals")
    MemberFactory(delegation=ngo, family_name="Okafor", given_names="Chidi",
                  title=LONG_TITLE, is_head=True, in_list_of_participants=True)
    user_with_role(Role.OBSERVER, username="observer", password=PASSWORD)
    return event


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_an_observer_reads_and_downloads_the_list_of_participants(desk, conference):
    page = desk.log_in("observer")
    desk.check("dashboard")
    if desk.size.phone:
        page.locator(".navbar-toggler").click()
    page.locator(".nav-link.dropdown-toggle", has_text=_menu(desk)).click()
    page.locator("a.dropdown-item[href$='/accreditation/participants/']").click()
    page.wait_for_load_state("networkidle")
    desk.check("list")

    delegations = page.get_by_test_id("participants-delegation")
    expect(delegations).to_have_count(4)
    # States in the English order (China, Egypt, Viet Nam) whatever the language, then the NGO.
    names = [country(code).display_name(desk.language) for code in ("CN", "EG", "VN")]
    for index, name in enumerate(names):
        expect(delegations.nth(index).locator("h3")).to_have_text(name)
    first = delegations.nth(2).get_by_test_id("participant")
    expect(first).to_have_count(2)
    expect(first.nth(0)).to_contain_text("NGUYỄN Thị Lan")
    expect(page.get_by_test_id("participants-left-out")).to_contain_text("3")
    assert "UNLISTED" not in page.content()

    for testid, kind in (("participants-pdf", "application/pdf"),
                         ("participants-xlsx", "spreadsheetml")):
        href = page.get_by_test_id(testid).get_attribute("href")
        response = page.request.get(f"{desk.base}{href}")
        assert response.status == 200 and kind in response.headers["content-type"], href


def _menu(desk):
    return "الوفود" if desk.language == "ar" else "Delegations"
