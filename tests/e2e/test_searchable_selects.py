"""Issue 15, item 6: lists with many choices are searched by typing, in English and Arabic,
on a laptop and a phone. A journalist finds their nationality on the public form by typing
part of its name in the page's language; the accreditation office finds a delegation among
many on its entry form; a select of few choices stays as the browser draws it; protocol
narrows the states to invite by typing, and the heading's box ticks only those left."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accreditation.setup.models import AccreditationCategory
from logistics.core.countries import country_name
from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind
from logistics.delegations.models import Country
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.accreditation import categories
from tests.factories.delegations import DelegationFactory
from tests.factories.plan import EventFactory, user_with_role

# What a desk types, in its own language, and the country it means.
TYPED = {"en": ("viet", "VN"), "ar": ("فيت", "VN")}


@pytest.fixture
def many_choices(transactional_db):
    event = EventFactory()
    categories(event)
    for index in range(40):
        DelegationFactory(event=event, kind=DelegationKind.NGO, name=f"Organisation {index:02}")
    DelegationFactory(event=event, kind=DelegationKind.NGO, name="Access Now")
    user_with_role(Role.ACCREDITATION, username="officer", password=PASSWORD)
    user_with_role(Role.PROTOCOL, username="protocol", password=PASSWORD)
    return event


def choose(page, select_id, typed):
    """Opens the searchable field of `select_id`, types `typed` and takes the first match
    with the keyboard, as a user would; gives the matches that were offered."""
    control = page.locator(f".ts-wrapper:has(#{select_id}-ts-control) .ts-control")
    control.scroll_into_view_if_needed()
    control.click()
    page.locator(f"#{select_id}-ts-control").fill(typed)
    # The matches are shown with what was typed highlighted: the search has run.
    expect(page.locator(f"#{select_id}-ts-dropdown .option .highlight").first).to_be_visible()
    offered = page.locator(f"#{select_id}-ts-dropdown .option").all_inner_texts()
    page.keyboard.press("Enter")
    return offered


def searchable_selects(page):
    """Every select of the page: its id, how many choices, whether it is searchable."""
    return page.evaluate("""[...document.querySelectorAll('select')].map(s =>
        [s.id, s.options.length, !!s.tomselect])""")


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_long_lists_are_searched_by_typing(desk, many_choices):
    typed, code = TYPED[desk.language]
    country = Country.objects.get(code=code)
    page = desk.open(reverse("apply_media"), step="media-form")
    offered = choose(page, "id_nationality", typed)
    assert offered == [country_name(country, desk.language)]
    assert page.locator("#id_nationality").input_value() == str(country.pk)
    for select_id, choices, searchable in searchable_selects(page):
        assert searchable == (choices > 15), f"{desk}: {select_id} with {choices} choices"
    desk.check("nationality-chosen")

    desk.log_in("officer")
    press = AccreditationCategory.objects.get(event=many_choices, code="P")
    page = desk.open(f"{reverse('accreditation:application_add')}?category={press.pk}",
                     step="entry-form")
    offered = choose(page, "id_delegation", "access")
    assert offered == ["Access Now"]
    chosen = page.locator("#id_delegation option:checked").inner_text()
    assert chosen == "Access Now"
    desk.check("delegation-chosen")


# Typed on the invite page, without the accent or in Arabic, and the one state it finds.
FIND_STATE = {"en": ("cote", "CI"), "ar": ("ساحل", "CI")}


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_states_to_invite_are_narrowed_by_typing(desk, many_choices):
    typed, code = FIND_STATE[desk.language]
    desk.log_in("protocol")
    page = desk.open(f"{reverse('logistics:delegation_invite')}?group=african", step="invite")
    rows = page.get_by_test_id("country-row")
    everyone = rows.count()
    assert everyone > 40  # the African group, loaded with the countries
    page.get_by_test_id("find-state").fill(typed)
    shown = page.locator("[data-testid=country-row]:visible")
    expect(shown).to_have_count(1)
    assert shown.inner_text().strip() == country_name(Country.objects.get(code=code),
                                                      desk.language)
    page.get_by_test_id("find-state").press("Enter")  # does not send the invitations
    page.get_by_test_id("select-all").click()
    assert page.evaluate("[...document.querySelectorAll('input[data-row-box]')]"
                         ".filter(b => b.checked).length") == 1
    desk.check("invite-found")
    page.get_by_test_id("find-state").fill("")
    expect(rows).to_have_count(everyone)
    expect(page.locator("[data-testid=country-row]:visible")).to_have_count(everyone)
