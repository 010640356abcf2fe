"""The scanner page at a gate, in headless Chromium: green for a collected badge, red once it
is revoked, and, with the network down, decisions from the offline kit that are uploaded
once each when the network is back."""

import base64
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.badges import codes
from accreditation.badges.services.badges import badge_revoke
from accreditation.enums import CheckpointMode
from accreditation.gates.models import Checkpoint, Scan
from accreditation.gates.services import scans
from accreditation.vetting.services.decisions import application_vet
from logistics.core.enums import Role
from tests.accreditation.badges.code_forms import old_code, pem, spki, twin
from tests.e2e.conftest import PASSWORD, wait_until
from tests.e2e.gates import event_with_a_gate, press_centre_door
from tests.factories.accreditation import collected_badge, journalist
from tests.factories.plan import user_with_role

SHOTS = Path("/tmp/accord/shots")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture
def gate_at_the_press_centre(transactional_db, celery_eager, settings, tmp_path):
    event, mai = event_with_a_gate(settings, tmp_path)
    hung = collected_badge(journalist(event, family_name="Nguyễn", given_names="Văn Hùng"))
    checkpoint = press_centre_door(event, CheckpointMode.BOTH)
    yield checkpoint, mai, hung
    scans.forget_checkpoints()


def open_scanner(page, live_server, checkpoint):
    page.goto(f"{live_server.url}/accreditation/gates/scan/?checkpoint={checkpoint.pk}")
    expect(page.get_by_test_id("checkpoint-name")).to_have_text("Press centre door")
    # The offline kit is fetched on load and kept on the device.
    wait_until(page, "localStorage.getItem('accord.scanner.kit') !== null")


def scan(page, badge_or_code):
    code = badge_or_code if isinstance(badge_or_code, str) else codes.encode(badge_or_code)
    page.get_by_test_id("code-input").fill(code)
    page.get_by_test_id("code-input").press("Enter")


def test_gate_scans_green_then_red_then_offline_and_uploads_once(
        gate_at_the_press_centre, page, live_server, login):
    checkpoint, mai, hung = gate_at_the_press_centre
    login("gate")
    open_scanner(page, live_server, checkpoint)
    expect(page.get_by_test_id("code-input")).to_be_focused()
    shot(page, "scanner-ready")
    answer = page.get_by_test_id("answer")

    scan(page, mai)
    expect(answer).to_have_attribute("data-result", "allow")
    expect(answer).to_contain_text("Allowed")
    expect(page.get_by_test_id("answer-name")).to_have_text("Thị Mai Trần")
    expect(answer.locator("img")).to_be_visible()
    wait_until(page, "document.querySelector('[data-photo]').naturalWidth === 300")
    shot(page, "scanner-green")
    assert Scan.objects.get().result == "allow"

    badge_revoke(badge=mai, by=None, reason="Press card withdrawn by the outlet.")
    page.get_by_test_id("answer").click()  # the guard taps the answer away
    scan(page, mai)
    expect(answer).to_have_attribute("data-result", "deny")
    expect(page.get_by_test_id("answer-reason")).to_have_text("Badge revoked")
    expect(answer).to_have_attribute("data-offline", "false")
    shot(page, "scanner-red")
    assert Scan.objects.count() == 2

    # A fresh kit knows the revocation; then the network goes.
    page.reload()
    wait_until(page,
        f"JSON.parse(localStorage.getItem('accord.scanner.kit')).revoked.includes({mai.pk})")
    page.context.set_offline(True)
    scan(page, hung)
    expect(answer).to_have_attribute("data-result", "allow")
    expect(answer).to_have_attribute("data-offline", "true")
    expect(page.get_by_test_id("answer-flag")).to_contain_text("Decided offline")
    expect(page.get_by_test_id("net-status")).to_have_attribute("data-online", "false")
    shot(page, "scanner-offline-green")
    scan(page, mai)
    expect(answer).to_have_attribute("data-result", "deny")
    expect(page.get_by_test_id("answer-reason")).to_have_text("Badge revoked")
    scan(page, "ACC1.Zm9yZ2Vk.c2lnbmF0dXJl")
    expect(page.get_by_test_id("answer-reason")).to_have_text("Signature does not match")
    expect(page.get_by_test_id("queue")).to_have_attribute("data-count", "3")
    assert Scan.objects.count() == 2  # nothing reached the server

    page.context.set_offline(False)
    expect(page.get_by_test_id("queue")).to_have_attribute("data-count", "0", timeout=30_000)
    uploaded = Scan.objects.filter(offline=True).order_by("pk")
    assert [(s.badge_id, s.result, s.reason) for s in uploaded] == [
        (hung.pk, "allow", ""), (mai.pk, "deny", "revoked"), (None, "deny", "forged")]
    # The queue is empty on the device: a later flush or reload sends nothing again.
    page.reload()
    wait_until(page, "localStorage.getItem('accord.scanner.kit') !== null")
    page.wait_for_timeout(1500)
    assert Scan.objects.count() == 5

    # The zone's live view counts them: two people went in (the revoked badge did not).
    page.goto(f"{live_server.url}/accreditation/gates/live/")
    press = page.get_by_test_id("zone-2")
    expect(press.get_by_test_id("inside")).to_have_text("2")
    expect(press.get_by_test_id("denied")).to_have_text("3")
    expect(press.get_by_test_id("denials")).to_contain_text("Badge revoked")
    shot(page, "zones-live")


def test_offline_scan_sent_twice_is_counted_once(gate_at_the_press_centre, page, live_server,
                                                 login):
    """A queue uploaded from two tabs at once (or retried after a lost answer)."""
    checkpoint, _mai, hung = gate_at_the_press_centre
    login("gate")
    open_scanner(page, live_server, checkpoint)
    page.context.set_offline(True)
    scan(page, hung)
    expect(page.get_by_test_id("queue")).to_have_attribute("data-count", "1")
    queued = page.evaluate("localStorage.getItem('accord.scanner.queue')")
    second = page.context.new_page()
    second.goto("about:blank")
    page.context.set_offline(False)
    second.goto(f"{live_server.url}/accreditation/gates/scan/?checkpoint={checkpoint.pk}")
    second.evaluate("q => localStorage.setItem('accord.scanner.queue', q)", queued)
    expect(page.get_by_test_id("queue")).to_have_attribute("data-count", "0", timeout=30_000)
    second.reload()
    expect(second.get_by_test_id("queue")).to_have_attribute("data-count", "0", timeout=30_000)
    assert Scan.objects.filter(badge=hung).count() == 1


def test_a_badge_suspended_by_a_late_vetting_flag_is_refused_online_and_offline(
        gate_at_the_press_centre, page, live_server, login):
    """The gate is told to send the holder to the office, never why; the offline kit holds
    the suspension, and the scanner says the same without the network."""
    checkpoint, _mai, hung = gate_at_the_press_centre
    vetter = user_with_role(Role.VETTING, username="vetting")
    login("gate")
    open_scanner(page, live_server, checkpoint)
    answer = page.get_by_test_id("answer")
    scan(page, hung)
    expect(answer).to_have_attribute("data-result", "allow")

    application_vet(application=hung.application, by=vetter, cleared=False,
                    reason="Do not admit.", note="On a watch list.")
    page.get_by_test_id("answer").click()
    scan(page, hung)
    expect(answer).to_have_attribute("data-result", "deny")
    expect(page.get_by_test_id("answer-reason")).to_have_text(
        "Badge suspended: send the holder to the accreditation office")
    expect(answer).not_to_contain_text("watch list")
    expect(answer).not_to_contain_text("Do not admit")

    page.reload()
    wait_until(page, "JSON.parse(localStorage.getItem('accord.scanner.kit'))"
                     f".suspended.includes({hung.pk})")
    page.context.set_offline(True)
    scan(page, hung)
    expect(answer).to_have_attribute("data-offline", "true")
    expect(answer).to_have_attribute("data-result", "deny")
    expect(page.get_by_test_id("answer-reason")).to_have_text(
        "Badge suspended: send the holder to the accreditation office")
    page.context.set_offline(False)
    expect(page.get_by_test_id("queue")).to_have_attribute("data-count", "0", timeout=30_000)
    uploaded = Scan.objects.filter(offline=True).get()
    assert (uploaded.badge_id, uploaded.result, uploaded.reason) == (hung.pk, "deny",
                                                                     "suspended")


def test_scanner_in_arabic_reads_right_to_left(gate_at_the_press_centre, page, live_server,
                                               login):
    checkpoint, mai, _hung = gate_at_the_press_centre
    login("gate")
    page.goto(f"{live_server.url}/accreditation/gates/scan/?checkpoint={checkpoint.pk}")
    page.select_option("#language", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The Arabic page's scanner.js (deferred) must have taken over the form before a scan:
    # the kit in localStorage is still the English page's.
    page.wait_for_load_state()
    wait_until(page, "localStorage.getItem('accord.scanner.kit') !== null")
    scan(page, mai)
    expect(page.get_by_test_id("answer")).to_have_attribute("data-result", "allow")
    expect(page.get_by_test_id("answer-name")).to_have_text("Thị Mai Trần")
    wait_until(page, "document.querySelector('[data-photo]').complete")
    shot(page, "scanner-arabic")


def test_officer_sets_up_a_checkpoint_and_opens_its_scanner(gate_at_the_press_centre, page,
                                                            live_server, login):
    user_with_role(Role.ACCREDITATION, username="officer", password=PASSWORD)
    login("officer")
    page.goto(f"{live_server.url}/accreditation/gates/")
    page.get_by_role("link", name="Add a checkpoint").click()
    page.select_option("#id_zone", label="1 · Plenary hall")
    page.fill("#id_name", "Press centre door")
    page.get_by_label("Entry and exit").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("error-name")).to_contain_text("already exists")
    shot(page, "checkpoint-form-error")
    page.fill("#id_name", "Plenary hall, north entrance")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("is saved")
    rows = page.get_by_test_id("checkpoint-row")
    expect(rows).to_have_count(2)
    shot(page, "checkpoint-list")
    created = Checkpoint.objects.get(name="Plenary hall, north entrance")
    assert (created.zone.code, created.mode, created.active) == ("1", "both", True)
    rows.filter(has_text="Plenary hall, north entrance").get_by_role(
        "link", name="Scan here").click()
    expect(page.get_by_test_id("checkpoint-name")).to_have_text("Plenary hall, north entrance")



def test_an_offline_kit_too_old_decides_nothing(gate_at_the_press_centre, page, live_server,
                                                login):
    """Offline for hours, the device's revocation list is stale: the guard is told to check
    by hand rather than shown a green from it."""
    import json

    checkpoint, mai, _hung = gate_at_the_press_centre
    login("gate")

    def aged(route):
        # The server's own kit, as if it had been fetched three hours ago.
        response = route.fetch()
        kit = response.json()
        kit["generated_at"] = (timezone.now() - timedelta(hours=3)).isoformat()
        route.fulfill(response=response, body=json.dumps(kit))

    page.route("**/api/v1/scans/offline-kit/**", aged)
    open_scanner(page, live_server, checkpoint)
    page.context.set_offline(True)
    scan(page, mai)
    expect(page.get_by_test_id("problem")).to_contain_text("Offline for too long")
    expect(page.get_by_test_id("answer")).not_to_have_attribute("data-result", "allow")
    expect(page.get_by_test_id("queue")).to_have_attribute("data-count", "1")


def test_offline_the_page_accepts_one_code_per_badge(gate_at_the_press_centre, page,
                                                     live_server, login, settings):
    """WebCrypto verifies (r, s) and (r, n - s) alike: the page refuses the twin itself. It
    knows the retired key a code names, and opens an old badge's code in either form, even
    after a gate saw the other one first (someone who photographed the badge)."""
    checkpoint, mai, hung = gate_at_the_press_centre
    first, second = (ec.generate_private_key(ec.SECP256R1()) for _ in range(2))
    settings.BADGE_SIGNING_KEY = pem(first)
    codes.forget_keys()
    signed_by_the_retired_key = codes.encode(hung)
    settings.BADGE_SIGNING_KEY = pem(second)
    settings.BADGE_PREVIOUS_PUBLIC_KEYS = [base64.b64encode(spki(first.public_key())).decode()]
    codes.forget_keys()
    try:
        login("gate")
        open_scanner(page, live_server, checkpoint)
        answer = page.get_by_test_id("answer")
        scan(page, old_code(mai, high=True))  # online, before the holder comes
        expect(answer).to_have_attribute("data-result", "allow")
        page.evaluate("localStorage.removeItem('accord.scanner.kit')")  # a kit made since
        page.reload()
        wait_until(page, "localStorage.getItem('accord.scanner.kit') !== null")
        page.context.set_offline(True)
        for code, result, reason in [
                (twin(codes.encode(mai)), "deny", "forged"),
                (codes.encode(mai), "allow", ""),
                (signed_by_the_retired_key, "allow", ""),
                (twin(signed_by_the_retired_key), "deny", "forged"),
                (old_code(mai, high=True), "allow", ""),
                (old_code(mai, high=False), "allow", ""),
                (old_code(hung, high=True), "allow", "")]:
            # Each expectation below reads this reading's answer, not the last one's.
            page.evaluate("document.querySelector('[data-answer]').dataset.result = ''")
            scan(page, code)
            expect(answer).to_have_attribute("data-offline", "true")
            expect(answer).to_have_attribute("data-result", result)
            expect(answer).to_have_attribute("data-reason", reason)
    finally:
        settings.BADGE_PREVIOUS_PUBLIC_KEYS = []
        codes.forget_keys()


def test_offline_an_old_code_opens_up_to_its_last_day_at_the_venue(
        gate_at_the_press_centre, page, live_server, login, settings):
    """The kit carries BADGE_OLD_CODES_UNTIL and the page judges it on the venue's day (the
    kit's time zone), not the device's nor UTC's: read one second either side of the
    venue's midnight (UTC+7), on a device set to Los Angeles, where both are the last day.
    Either form opens on the last day, neither on the next; the new code still opens."""
    checkpoint, mai, _hung = gate_at_the_press_centre
    venue = ZoneInfo(checkpoint.event.time_zone)
    midnight = datetime.combine(timezone.localdate(timezone=venue), time(), tzinfo=venue)
    settings.BADGE_OLD_CODES_UNTIL = (midnight - timedelta(days=1)).date()
    forms = [old_code(mai, high=False), old_code(mai, high=True)]
    page.context.new_cdp_session(page).send("Emulation.setTimezoneOverride",
                                            {"timezoneId": "America/Los_Angeles"})
    login("gate")
    open_scanner(page, live_server, checkpoint)
    wait_until(page, "JSON.parse(localStorage.getItem('accord.scanner.kit')).old_codes_until"
                     f" === '{settings.BADGE_OLD_CODES_UNTIL:%Y-%m-%d}'")
    page.context.set_offline(True)
    answer = page.get_by_test_id("answer")
    readings = [(midnight - timedelta(seconds=1), code, "allow", "") for code in forms]
    readings += [(midnight + timedelta(seconds=1), code, "deny", "forged") for code in forms]
    readings += [(midnight + timedelta(seconds=1), codes.encode(mai), "allow", "")]
    for at, code, result, reason in readings:
        page.clock.set_fixed_time(at)
        page.evaluate("document.querySelector('[data-answer]').dataset.result = ''")
        scan(page, code)
        expect(answer).to_have_attribute("data-offline", "true")
        expect(answer).to_have_attribute("data-result", result)
        expect(answer).to_have_attribute("data-reason", reason)
    # Uploaded, the server judges each at its reading's time the same way.
    page.context.set_offline(False)
    expect(page.get_by_test_id("queue")).to_have_attribute("data-count", "0", timeout=30_000)
    assert [(s.result, s.reason) for s in Scan.objects.filter(offline=True).order_by("pk")] == [
        (result, reason) for _at, _code, result, reason in readings]

