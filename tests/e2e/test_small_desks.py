"""Issue 12, item 6, walked at the desks in English and Arabic, on a laptop and a phone
(tests/e2e/desks.py): the protocol office reads out and copies a delegation's registration
link and reads its signing and full powers, then ticks every state on the invitation page
at once; security vetting flags without a reason and reads the refusal in the applicant's
row; the collection desk compares the passport with the last characters of its number,
confirms the badge printed and hands it over."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.badges.services.badges import badge_issue
from logistics.core.enums import Role
from logistics.delegations.enums import DelegationLevel
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.accreditation import approved, categories, journalist
from tests.factories.delegations import country
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.registration import InvitationFactory
from tests.factories.signing import SigningFactory, StateDelegationFactory

# African states left to invite (with the rest of the group's, loaded with the countries):
# the walk ticks them all with one box.
TO_INVITE = ("KE", "SN", "NG", "ET", "TZ", "RW")
NUMBER = "C 7654-321"

# A phone's browser without the clipboard API (an older one, or a page not served over
# HTTPS): the Copy button falls back to the copy command, the field stays selected.
NO_CLIPBOARD = "Object.defineProperty(navigator, 'clipboard', {value: undefined});"


def switch_to(desk, username):
    """Another member of staff at the same desk: signed out, signed in as them."""
    desk.context.clear_cookies()
    desk.context.add_cookies([{"name": "django_language", "value": desk.language,
                               "url": desk.base}])
    return desk.log_in(username)


def box_size(page, locator):
    box = locator.bounding_box()
    return min(box["width"], box["height"])


@pytest.fixture
def protocol_desk(transactional_db):
    event = EventFactory()
    ghana = StateDelegationFactory(event=event, country=country("GH"), intends_to_sign=True,
                                   focal_point_email="mission@ghana.example",
                                   head_name="Kwame Boateng",
                                   head_level=DelegationLevel.AMBASSADOR)
    invitation = InvitationFactory(delegation=ghana)
    signing = SigningFactory(delegation=ghana, order=4, signatory_title="Ambassador")
    for code in TO_INVITE:
        country(code)
    user_with_role(Role.PROTOCOL, username="protocol", password=PASSWORD)
    return ghana, invitation, signing


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_protocol_reads_out_the_link_and_the_signing_then_invites_at_once(desk,
                                                                          protocol_desk):
    ghana, invitation, signing = protocol_desk
    link = f"{settings.SITE_URL}/register/{invitation.token}/"
    if desk.size.phone:
        desk.context.add_init_script(NO_CLIPBOARD)
    else:
        desk.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                       origin=desk.base)
    desk.log_in("protocol")
    page = desk.open(reverse("logistics:delegation_detail", args=[ghana.pk]), step="delegation")

    # The link, to read out or copy.
    field = page.locator("#registration-link")
    expect(field).to_have_value(link)
    expect(field).to_have_attribute("readonly", "")
    copy = page.locator("[data-copy='registration-link']")
    copy.scroll_into_view_if_needed()
    copy.click()
    status = page.locator("[data-copy-status='registration-link']")
    expect(status).to_have_text(copy.get_attribute("data-copied"))
    selected = page.evaluate("""() => { const f = document.getElementById('registration-link');
        return document.activeElement === f && f.selectionStart === 0
               && f.selectionEnd === f.value.length; }""")
    assert selected, "the link is not selected for copying by hand"
    if not desk.size.phone:
        assert page.evaluate("navigator.clipboard.readText()") == link
    desk.check("link-copied")

    # Its signing: fourth in the plenary, full powers missing, which blocks "mark signed".
    panel = page.get_by_test_id("signing")
    panel.scroll_into_view_if_needed()
    expect(panel.get_by_test_id("signatory")).to_contain_text("Kwame Boateng")
    expect(panel.get_by_test_id("signing-order")).to_contain_text("4")
    expect(panel.get_by_test_id("full-powers-blocking")).to_be_visible()
    desk.check("signing-panel")
    # Where the protocol office acts on it: the signing board, at its row.
    panel.get_by_test_id("signing-board-link").click()
    page.wait_for_url(f"**{reverse('logistics:signing')}#signing-{signing.pk}")
    expect(page.locator(f"#signing-{signing.pk}")).to_be_visible()
    desk.check("signing-board")

    # Every African state not yet invited, ticked with the box in the heading.
    page = desk.open(f"{reverse('logistics:delegation_invite')}?group=african", step="invite")
    rows = page.locator("input[data-row-box]")
    assert rows.count() > len(TO_INVITE) - 1  # the group's states, Ghana left out
    ticked = "[...document.querySelectorAll('input[data-row-box]')].filter(b => b.checked).length"
    all_box = page.get_by_test_id("select-all")
    expect(all_box).to_be_visible()
    least = 26 if desk.size.phone else 20
    assert box_size(page, rows.first) >= least and box_size(page, all_box) >= least
    all_box.click()
    assert page.evaluate(ticked) == rows.count()
    desk.check("invite-all-ticked")
    rows.nth(1).click()
    assert page.evaluate("document.querySelector('[data-select-rows]').indeterminate")
    expect(all_box).not_to_be_checked()
    rows.nth(1).click()
    expect(all_box).to_be_checked()
    all_box.click()
    assert page.evaluate(ticked) == 0
    desk.check("invite-none-ticked")


@pytest.fixture
def accreditation_desks(transactional_db, celery_eager, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    today = timezone.localdate(timezone=EventFactory.build().tz)
    event = EventFactory(start_date=today, end_date=today + timedelta(days=2))
    categories(event)
    waiting = journalist(event, family_name="Haddad", given_names="Lina")
    holder = approved(journalist(event, family_name="Okafor", given_names="Chidi",
                                 nationality=country("NG"), id_document_number=NUMBER))
    badge = badge_issue(application_id=holder.pk)
    user_with_role(Role.VETTING, username="vetter", password=PASSWORD)
    user_with_role(Role.ACCREDITATION, username="officer", password=PASSWORD)
    return waiting, holder, badge


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_vetting_reads_a_refusal_in_the_row_and_the_desk_confirms_and_hands_over(
        desk, accreditation_desks):
    waiting, holder, badge = accreditation_desks
    desk.page.on("dialog", lambda dialog: dialog.accept())

    # Security vetting flags without a reason: refused, and said in the applicant's row.
    desk.log_in("vetter")
    page = desk.open(reverse("accreditation:vetting_queue"), step="vetting-queue")
    row = page.locator(f"#vetting-{waiting.pk}")
    row.locator("button[name=decision][value=flag]").click()
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#vetting-{waiting.pk}")
    expect(row.get_by_test_id("row-error")).to_contain_text(waiting.reference)
    expect(page.locator("main > .alert-danger")).to_have_count(0)
    desk.check("vetting-refused-in-row")

    # The collection desk: the last characters of the passport number, never the number.
    switch_to(desk, "officer")
    desk_url = f"{reverse('accreditation:collection')}?application={holder.pk}"
    page = desk.open(desk_url, step="collection")
    expect(page.get_by_test_id("document-tail")).to_have_text("•••• 4321")
    source = page.content()
    assert "7654321" not in source and "7654-321" not in source
    expect(page.get_by_test_id("confirm-printed")).to_have_count(0)

    # Its PDF is made (the link opens it in a tab of its own): ready to print, not printed.
    pdf = page.request.get(f"{desk.base}{reverse('accreditation:badge_pdf', args=[badge.pk])}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page = desk.open(desk_url, step="collection-pdf-made")
    page.get_by_test_id("confirm-printed").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("confirm-printed")).to_have_count(0)
    expect(page.get_by_test_id("print-first")).to_have_count(0)
    desk.check("collection-printed")

    page.check("#id_checked")
    page.get_by_test_id("hand-over").click()
    expect(page.get_by_test_id("handed-over")).to_be_visible()
    desk.check("collection-handed-over")
    badge.refresh_from_db()
    assert badge.print_status == "printed" and badge.collected_at is not None
