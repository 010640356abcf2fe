from playwright.sync_api import expect

from logistics.enums import DelegationLevel
from logistics.models import Delegation, Signing
from tests.factories.delegations import country
from tests.factories.signing import SigningFactory, StateDelegationFactory

# States the demo scenario is unlikely to seat; any that it does are skipped.
CANDIDATES = ["UY", "FJ", "NA", "MN", "IS", "BT", "CV", "LS", "TO", "SM"]


def _signings(event, how_many):
    taken = set(Delegation.objects.filter(event=event, country__isnull=False)
                .values_list("country__code", flat=True))
    codes = [code for code in CANDIDATES if code not in taken][:how_many]
    return [SigningFactory(delegation=StateDelegationFactory(event=event, country=country(code)))
            for code in codes]


def test_protocol_officer_marks_states_signed_and_sees_the_count_and_a_refusal(
        demo, login, live_server, screenshot):
    first, second, third = _signings(demo, 3)
    for signing, level, name in [(first, DelegationLevel.FOREIGN_MINISTER, "Mario Lubetkin"),
                                 (second, DelegationLevel.HEAD_OF_GOVERNMENT, "Sitiveni Rabuka"),
                                 (third, DelegationLevel.AMBASSADOR, "Ms Neville Gertze")]:
        signing.signatory_level, signing.signatory_name = level, name
        signing.save()
    before = Signing.objects.filter(event=demo, signed_at__isnull=False).count()

    page = login("protocol")
    page.goto(f"{live_server.url}/signing/")
    count = page.get_by_test_id("signatory-count")
    expect(count).to_have_text(f"{before} / 40")

    for done, signing in enumerate((first, second), start=1):
        row = page.get_by_test_id("signing-row").filter(has_text=signing.state_name)
        row.get_by_role("button", name=f"Mark {signing.state_name} as signed").click()
        expect(count).to_have_text(f"{before + done} / 40")
        expect(page.get_by_test_id("signing-notice")).to_have_text(
            f"{signing.state_name} has signed.")
        expect(page.get_by_test_id("signing-row").filter(has_text=signing.state_name)
               .get_by_test_id("signed")).to_be_visible()
    # The bar is sized by accord.js after the swap, as on a full page load.
    bar = page.get_by_test_id("signatory-progress").locator(".progress-bar")
    expect(bar).to_have_attribute("data-width", str(round(100 * (before + 2) / 40)))
    assert bar.evaluate("el => el.style.width") == f"{round(100 * (before + 2) / 40)}%"
    screenshot("signing-two-signed")

    name = third.state_name
    page.get_by_role("button", name=f"Mark {name} as signed").click()
    expect(page.get_by_test_id("signing-notice")).to_have_text(
        f"{name} cannot sign: Ms Neville Gertze (Ambassador) needs full powers, and they are "
        "not verified yet.")
    expect(count).to_have_text(f"{before + 2} / 40")
    screenshot("signing-refused")

    signed = set(Signing.objects.filter(pk__in=[first.pk, second.pk, third.pk],
                                        signed_at__isnull=False).values_list("pk", flat=True))
    assert signed == {first.pk, second.pk}
