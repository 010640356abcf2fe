from playwright.sync_api import expect

from logistics.delegations.enums import DelegationLevel
from logistics.delegations.models import Delegation
from logistics.signing.models import Signing
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


def _count(signed):
    return f"States signed: {signed} of a target of 40"


def test_protocol_officer_marks_states_signed_and_sees_the_count_and_a_refusal(
        demo, login, live_server, screenshot):
    first, second, third, fourth = _signings(demo, 4)
    for signing, level, name in [(first, DelegationLevel.FOREIGN_MINISTER, "Mario Lubetkin"),
                                 (second, DelegationLevel.HEAD_OF_GOVERNMENT, "Sitiveni Rabuka"),
                                 (third, DelegationLevel.AMBASSADOR, "Ms Neville Gertze"),
                                 (fourth, DelegationLevel.AMBASSADOR, "Mr Gunnar Pálsson")]:
        signing.signatory_level, signing.signatory_name = level, name
        signing.save()
    # The fourth's full powers are verified when the page opens, and taken back (a new copy
    # came in at another desk) before the officer clicks.
    Signing.objects.filter(pk=fourth.pk).update(full_powers_received_at=demo.starts_at(),
                                                full_powers_verified_at=demo.starts_at())
    before = Signing.objects.filter(event=demo, signed_at__isnull=False).count()

    page = login("protocol")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.message)
        dialog.accept() if len(dialogs) != 1 else dialog.dismiss()

    page.on("dialog", answer)
    page.goto(f"{live_server.url}/signing/")
    count = page.get_by_test_id("signatory-count")
    expect(count).to_have_text(_count(before))

    def row(signing):
        return page.get_by_test_id("signing-row").filter(has_text=signing.state_name)

    # The first click is answered "Cancel": nothing is sent.
    row(first).get_by_role("button", name=f"Mark {first.state_name} as signed").click()
    expect(count).to_have_text(_count(before))
    assert dialogs == [f"Mark {first.state_name} as signed?"]
    assert not Signing.objects.get(pk=first.pk).signed_at

    for done, signing in enumerate((first, second), start=1):
        row(signing).get_by_role("button", name=f"Mark {signing.state_name} as signed").click()
        expect(count).to_have_text(_count(before + done))
        expect(page.get_by_test_id("signing-notice")).to_have_text(
            f"{signing.state_name} has signed.")
        expect(row(signing).get_by_test_id("signed")).to_be_visible()
    # The bar is sized by accord.js after the swap, as on a full page load.
    bar = page.get_by_test_id("signatory-progress").locator(".progress-bar")
    expect(bar).to_have_attribute("data-width", str(round(100 * (before + 2) / 40)))
    assert bar.evaluate("el => el.style.width") == f"{round(100 * (before + 2) / 40)}%"
    screenshot("signing-two-signed")

    # Without verified full powers the button is off, the reason beside it.
    button = row(third).get_by_role("button", name=f"Mark {third.state_name} as signed")
    expect(button).to_be_disabled()
    expect(row(third).get_by_test_id("cannot-sign")).to_have_text("Full powers not received")

    # Refused by the server: the refusal shows right under the row, not at the page's top.
    Signing.objects.filter(pk=fourth.pk).update(full_powers_verified_at=None)
    name = fourth.state_name
    row(fourth).get_by_role("button", name=f"Mark {name} as signed").click()
    notice = page.get_by_test_id("signing-notice")
    expect(notice).to_have_text(
        f"{name} cannot sign: Mr Gunnar Pálsson (Ambassador) needs full powers, and they are "
        "not verified yet.")
    notice_box, row_box = notice.bounding_box(), row(fourth).bounding_box()
    assert 0 <= notice_box["y"] - (row_box["y"] + row_box["height"]) < 40
    expect(count).to_have_text(_count(before + 2))
    screenshot("signing-refused")

    # A mis-click is undone.
    row(second).get_by_role("button", name=f"Undo the signature of {second.state_name}").click()
    expect(count).to_have_text(_count(before + 1))
    expect(row(second).get_by_role("button", name=f"Mark {second.state_name} as signed")) \
        .to_be_visible()

    signed = set(Signing.objects.filter(pk__in=[first.pk, second.pk, third.pk, fourth.pk],
                                        signed_at__isnull=False).values_list("pk", flat=True))
    assert signed == {first.pk}
