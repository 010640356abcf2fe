"""The gate's manual path, walked in English and Arabic on a laptop and a phone (issue 12,
item 1): the camera has failed, the operator types the number printed on the badge into the
code box, sees the holder with their photo, compares the face, admits by hand with a reason
and sees the admission recorded as manual; the page says how old its offline kit is; then
the operator logs out."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.enums import CheckpointMode, ManualReason, ScanResult
from accreditation.gates.models import GateLookup, Scan
from accreditation.gates.services import scans
from tests.e2e.conftest import wait_until
from tests.e2e.desks import DESKS, desk_id
from tests.e2e.gates import event_with_a_gate, press_centre_door


@pytest.fixture
def press_door(transactional_db, settings, tmp_path):
    """The press centre's door, a gate operator and one journalist's collected badge with
    a photo; another journalist of the same name whose badge is revoked."""
    event, badge = event_with_a_gate(settings, tmp_path)
    checkpoint = press_centre_door(event, CheckpointMode.ENTRY)
    yield checkpoint, badge
    scans.forget_checkpoints()


KIT = "**/api/v1/scans/offline-kit/**"


def kit_made(*, minutes_ago):
    """The server's own kit, as if it had been made `minutes_ago` (the device has not
    managed to refresh it since)."""
    def answer(route):
        response = route.fetch()
        kit = response.json()
        kit["generated_at"] = (timezone.now() - timedelta(minutes=minutes_ago)).isoformat()
        route.fulfill(response=response, json=kit)
    return answer


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_gate_admits_by_printed_number(desk, press_door):
    checkpoint, badge = press_door
    page = desk.log_in("gate")
    desk.open(f"/accreditation/gates/scan/?checkpoint={checkpoint.pk}", step="scanner")
    wait_until(page, "localStorage.getItem('accord.scanner.kit') !== null")
    wait_until(page, "document.querySelector('[data-kit-age]').dataset.state === 'fresh'")
    expect(page.get_by_test_id("kit-age")).not_to_be_empty()
    desk.check("kit-age")
    # A kit that has missed its refreshes is flagged; one past its age is too old to decide.
    for minutes, state in ((30, "late"), (3 * 60, "stale")):
        page.route(KIT, kit_made(minutes_ago=minutes))
        page.reload()
        wait_until(page, f"document.querySelector('[data-kit-age]').dataset.state === '{state}'")
        desk.check(f"kit-{state}")
        page.unroute(KIT)
    page.reload()
    wait_until(page, "document.querySelector('[data-kit-age]').dataset.state === 'fresh'")

    # The camera has failed: the number printed on the badge, typed where codes go.
    page.get_by_test_id("code-input").fill(badge.number)
    page.get_by_test_id("code-input").press("Enter")
    page.wait_for_url("**/gates/scan/lookup/")
    candidate = page.get_by_test_id("candidate")
    expect(candidate).to_have_count(1)
    expect(page.get_by_test_id("candidate-name")).to_have_text("Thị Mai Trần")
    expect(page.get_by_test_id("candidate-number")).to_have_text(badge.number)
    expect(page.get_by_test_id("candidate-photo")).to_be_visible()
    wait_until(page, "document.querySelector('[data-testid=candidate-photo]').naturalWidth"
                     " === 300")
    expect(page.get_by_test_id("answer")).to_be_hidden()  # no answer from a number alone
    assert Scan.objects.count() == 0
    lookup = GateLookup.objects.get()
    assert (lookup.query, lookup.found, lookup.operator.username) == (badge.number, 1, "gate")
    desk.check("candidate")

    # The face matches: admitted by hand, with the reason.
    page.locator(f"input[name=reason][value={ManualReason.CAMERA_FAILED}]").check()
    page.get_by_test_id("admit").click()
    page.wait_for_url(f"**/gates/scan/?checkpoint={checkpoint.pk}")
    admitted = page.locator(".alert-success")
    expect(admitted).to_contain_text(badge.number)
    if desk.language == "en":
        expect(admitted).to_contain_text("Allowed, entered by hand: Thị Mai Trần")
    scan = Scan.objects.get()
    assert (scan.badge_id, scan.result, scan.manual, scan.manual_reason, scan.operator) == (
        badge.pk, ScanResult.ALLOW, True, ManualReason.CAMERA_FAILED, "gate")
    desk.check("admitted")

    # The shift is over: out, from the scanner's own bar.
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/login/**")
    desk.check("logged-out")
    response = page.goto(f"{desk.base}/accreditation/gates/scan/?checkpoint={checkpoint.pk}")
    assert "/login/" in page.url and response.ok
