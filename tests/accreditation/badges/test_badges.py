"""Badges: the list and a badge's page for each role, the PDF of one badge, revoke / lost /
reissue and their rules, one active badge per application, and QR codes that are refused
once tampered with, replaced, revoked or stale."""

import uuid
from datetime import datetime, time

import pytest
from django.urls import reverse

from accreditation.applications.services.applications import application_withdraw
from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import (
    badge_collect,
    badge_issue,
    badge_mark_lost,
    badge_reissue,
    badge_revoke,
)
from accreditation.enums import BadgeStatus, DenyReason, PrintStatus, ScanResult
from accreditation.errors import BadgeUnusable
from accreditation.gates.models import Checkpoint
from accreditation.gates.services import scans
from accreditation.setup.models import Zone
from tests.factories.accreditation import approved, collected_badge, journalist
from tests.queries import same_queries


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _badge(event, **fields):
    return badge_issue(application_id=approved(journalist(event, **fields)).pk)


@pytest.fixture
def badge(event, cats):
    return _badge(event, family_name="Nguyễn", given_names="Thị Mai")


# Who sees what.

@pytest.mark.parametrize("name", ["badge_list", "badge_detail"])
def test_badge_pages_are_read_by_the_office_secretariat_and_vetting(client, badge, officer,
                                                                   secretariat, vetter, gate,
                                                                   protocol, name):
    url = reverse(f"accreditation:{name}", args=[] if name == "badge_list" else [badge.pk])
    assert client.get(url).status_code == 302  # to the login page
    for user in (gate, protocol):
        client.force_login(user)
        assert client.get(url).status_code == 403
    for user in (officer, secretariat, vetter):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert badge.number in response.content.decode()


def test_vetting_reads_but_has_no_actions(client, badge, vetter):
    client.force_login(vetter)
    listing = client.get(reverse("accreditation:badge_list")).content.decode()
    assert 'name="badge"' not in listing and "print-selected" not in listing
    detail = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert 'data-testid="actions"' not in detail and "badge-pdf" not in detail
    for name in ("badge_revoke", "badge_mark_lost", "badge_reissue"):
        response = client.post(reverse(f"accreditation:{name}", args=[badge.pk]),
                               {"reason": "Because."})
        assert response.status_code == 403
    assert client.get(reverse("accreditation:badge_pdf", args=[badge.pk])).status_code == 403
    badge.refresh_from_db()
    assert badge.status == BadgeStatus.ACTIVE and badge.print_status == PrintStatus.NOT_PRINTED


def test_detail_never_shows_the_id_document_number(client, event, cats, officer):
    badge = _badge(event, id_document_number="B7654321")
    client.force_login(officer)
    page = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert "B7654321" not in page


# The PDF of one badge.

def test_badge_pdf_opens_inline_and_does_not_make_the_badge_printed(client, badge, officer):
    client.force_login(officer)
    response = client.get(reverse("accreditation:badge_pdf", args=[badge.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="badge-{badge.number}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    badge.refresh_from_db()
    # Made, not printed: a person confirms that
    # (tests/accreditation/badges/test_print_confirmation.py).
    assert badge.pdf_made_at is not None
    assert (badge.print_status, badge.printed_at) == (PrintStatus.NOT_PRINTED, None)


def test_only_an_active_badge_is_printed(client, badge, officer):
    badge_revoke(badge=badge, by=officer, reason="Duplicate accreditation.")
    client.force_login(officer)
    response = client.get(reverse("accreditation:badge_pdf", args=[badge.pk]), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "only an active badge is printed" in response.content.decode()
    badge.refresh_from_db()
    assert badge.print_status == PrintStatus.NOT_PRINTED


def test_badge_of_another_event_is_not_found(client, badge, officer):
    from tests.factories.accreditation import categories
    from tests.factories.plan import EventFactory

    other = EventFactory(start_date=badge.event.start_date)
    categories(other)
    foreign = _badge(other)
    client.force_login(officer)
    session = client.session
    session["event_id"] = badge.event_id
    session.save()
    for name in ("badge_detail", "badge_pdf"):
        assert client.get(reverse(f"accreditation:{name}",
                                  args=[foreign.pk])).status_code == 404


# The list: filters, print status, query counts.

def _rows(response):
    return response.content.decode().count('data-testid="badge-row"')


def test_list_filters(client, event, cats, officer):
    mai = _badge(event, family_name="Trần", given_names="Thu Hà")
    delegate = _badge(event, family_name="Dupont", given_names="Claire", category_code="D")
    lost = _badge(event, family_name="Okafor")
    badge_mark_lost(badge=lost, by=officer)
    collected = collected_badge(journalist(event, family_name="Ivanova"))
    Badge.objects.filter(pk=delegate.pk).update(print_status=PrintStatus.PRINTED)
    client.force_login(officer)
    url = reverse("accreditation:badge_list")
    cases = {
        "": 4,
        "status=lost": 1,
        "status=active": 3,
        "print_status=printed": 1,
        "print_status=not_printed": 3,
        f"category={cats['D'].pk}": 1,
        "collected=yes": 1,
        "collected=no": 3,
        "q=Dupont": 1,
        "q=thu Hà": 1,
        f"q={collected.number}": 1,
        f"q={mai.application.reference}": 1,
        "q=nobody": 0,
    }
    for query, expected in cases.items():
        assert _rows(client.get(f"{url}?{query}")) == expected, query


def test_list_shows_print_and_collection_status(client, event, cats, officer):
    badge = _badge(event)
    Badge.objects.filter(pk=badge.pk).update(print_status=PrintStatus.PRINTED)
    client.force_login(officer)
    page = client.get(reverse("accreditation:badge_list")).content.decode()
    assert "Printed" in page and "Not yet" in page


def test_list_with_a_bad_filter_says_so(client, badge, officer):
    client.force_login(officer)
    response = client.get(reverse("accreditation:badge_list") + "?status=melted")
    assert response.status_code == 200
    assert 'data-testid="filter-errors"' in response.content.decode()


def test_list_queries_do_not_grow_with_rows(client, event, cats, officer):
    client.force_login(officer)
    url = reverse("accreditation:badge_list")
    collected_badge(journalist(event), officer=officer)

    def add():
        collected_badge(journalist(event), officer=officer)
        _badge(event, category_code="D")

    assert _rows(same_queries(lambda: client.get(url), add)) == 3


def test_list_is_paginated(client, event, cats, officer, monkeypatch):
    from logistics.core.views import common

    monkeypatch.setattr(common.paginate, "__defaults__", (2, "page"))  # 2 a page, not 50
    for _ in range(3):
        _badge(event)
    client.force_login(officer)
    url = reverse("accreditation:badge_list")
    assert _rows(client.get(url)) == 2
    assert _rows(client.get(url + "?page=2")) == 1


# Revoke, lost, reissue.

def test_revoke_needs_a_reason(client, badge, officer):
    client.force_login(officer)
    url = reverse("accreditation:badge_revoke", args=[badge.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert 'data-testid="revoke-error"' in response.content.decode()
    badge.refresh_from_db()
    assert badge.status == BadgeStatus.ACTIVE
    response = client.post(url, {"reason": "Accreditation withdrawn by the outlet."},
                           follow=True)
    badge.refresh_from_db()
    assert (badge.status, badge.status_reason) == (BadgeStatus.REVOKED,
                                                   "Accreditation withdrawn by the outlet.")
    assert "is revoked" in response.content.decode()
    response = client.post(url, {"reason": "Again."}, follow=True)
    assert "already revoked" in response.content.decode()


def test_mark_lost_then_reissue_once(client, badge, officer):
    client.force_login(officer)
    client.post(reverse("accreditation:badge_mark_lost", args=[badge.pk]), {"reason": ""})
    badge.refresh_from_db()
    assert (badge.status, badge.status_reason) == (BadgeStatus.LOST, "Reported lost.")
    response = client.post(reverse("accreditation:badge_reissue", args=[badge.pk]),
                           {"reason": "Lost at the hotel."})
    new = Badge.objects.get(replaces=badge)
    assert response["Location"] == reverse("accreditation:badge_detail", args=[new.pk])
    badge.refresh_from_db()
    assert badge.status == BadgeStatus.LOST  # a lost badge stays lost
    assert new.status == BadgeStatus.ACTIVE and new.number != badge.number
    assert new.nonce != badge.nonce and new.collected_at is None
    page = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert 'data-testid="replaced-by"' in page and "Reissue the badge" not in page
    response = client.post(reverse("accreditation:badge_reissue", args=[badge.pk]), {},
                           follow=True)
    assert "already been reissued" in response.content.decode()
    assert Badge.objects.filter(application=badge.application).count() == 2


def test_reissue_of_an_active_badge_replaces_it(badge, officer):
    new = badge_reissue(badge=badge, by=officer)
    badge.refresh_from_db()
    assert badge.status == BadgeStatus.REPLACED and new.replaces == badge
    with pytest.raises(BadgeUnusable):
        badge_reissue(badge=badge, by=officer)
    with pytest.raises(BadgeUnusable):
        badge_revoke(badge=badge, by=officer, reason="Too late.")


def test_reissue_of_a_withdrawn_application_is_refused(client, badge, officer):
    application_withdraw(application=badge.application, by=officer, reason="Left the outlet.")
    badge.refresh_from_db()
    assert badge.status == BadgeStatus.REVOKED
    with pytest.raises(BadgeUnusable, match="approved"):
        badge_reissue(badge=badge, by=officer)
    client.force_login(officer)
    page = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert "Reissue the badge" not in page


def test_one_active_badge_even_when_issue_runs_twice(event, cats):
    application = approved(journalist(event))
    first = badge_issue(application_id=application.pk)
    second = badge_issue(application_id=application.pk)
    assert first == second
    assert Badge.objects.filter(application=application, status=BadgeStatus.ACTIVE).count() == 1


def test_history_lists_every_badge_of_the_application(client, badge, officer):
    lost = badge_mark_lost(badge=badge, by=officer, reason="Left in a taxi.")
    new = badge_reissue(badge=lost, by=officer)
    client.force_login(officer)
    page = client.get(reverse("accreditation:badge_detail", args=[new.pk])).content.decode()
    assert page.count('data-testid="history-row"') == 2
    assert "Left in a taxi." in page and 'data-testid="replaces"' in page


# QR codes at the gate: forgery and replay.

@pytest.fixture
def press_gate(event, cats):
    scans.forget_checkpoints()
    zone = Zone.objects.get(event=event, code="2")  # the press centre
    return Checkpoint.objects.create(event=event, zone=zone, name="Press centre gate")


def _scan(code, checkpoint):
    at = datetime.combine(checkpoint.event.start_date, time(9), tzinfo=checkpoint.event.tz)
    return scans.scan_record(code=code, checkpoint_id=checkpoint.pk,
                             client_scan_id=str(uuid.uuid4()), scanned_at=at)


def test_qr_of_a_collected_badge_opens_and_forgeries_do_not(event, cats, officer, press_gate):
    badge = collected_badge(journalist(event), officer=officer)
    code = codes.encode(badge)
    assert _scan(code, press_gate).result == ScanResult.ALLOW
    prefix, kid, body, signature = code.split(".")
    forged_body = codes._b64(codes._unb64(body).replace(b"~2,", b"~1,2,"))
    answer = _scan(f"{prefix}.{kid}.{forged_body}.{signature}", press_gate)
    assert (answer.result, answer.reason) == (ScanResult.DENY, DenyReason.FORGED)
    answer = _scan("https://example.org/not-a-badge", press_gate)
    assert (answer.result, answer.reason) == (ScanResult.DENY, DenyReason.UNKNOWN)


def test_qr_of_a_badge_not_yet_collected_is_refused(badge, press_gate):
    answer = _scan(codes.encode(badge), press_gate)
    assert (answer.result, answer.reason) == (ScanResult.DENY, DenyReason.NOT_COLLECTED)


def test_qr_of_a_replaced_badge_is_refused_and_the_new_one_opens(event, cats, officer,
                                                                 press_gate):
    old = collected_badge(journalist(event), officer=officer)
    old_code = codes.encode(old)
    new = badge_reissue(badge=old, by=officer)
    answer = _scan(old_code, press_gate)
    assert (answer.result, answer.reason) == (ScanResult.DENY, DenyReason.REPLACED)
    new_code = codes.encode(new)
    assert _scan(new_code, press_gate).reason == DenyReason.NOT_COLLECTED
    badge_collect(badge=new, by=officer)
    assert _scan(new_code, press_gate).result == ScanResult.ALLOW


def test_qr_of_a_revoked_or_lost_badge_is_refused(event, cats, officer, press_gate):
    revoked = collected_badge(journalist(event), officer=officer)
    code = codes.encode(revoked)
    badge_revoke(badge=revoked, by=officer, reason="Misconduct in the press centre.")
    assert _scan(code, press_gate).reason == DenyReason.REVOKED
    lost = collected_badge(journalist(event), officer=officer)
    code = codes.encode(lost)
    badge_mark_lost(badge=lost, by=officer)
    assert _scan(code, press_gate).reason == DenyReason.LOST


def test_qr_with_an_old_nonce_is_refused(event, cats, officer, press_gate):
    """A code signed for the badge's earlier nonce (a copy of a superseded print): still a
    valid signature, but no badge has that nonce any more."""
    badge = collected_badge(journalist(event), officer=officer)
    old_code = codes.encode(badge)
    Badge.objects.filter(pk=badge.pk).update(nonce="0123456789abcdef")
    answer = _scan(old_code, press_gate)
    assert codes.decode(old_code) is not None
    assert (answer.result, answer.reason) == (ScanResult.DENY, DenyReason.UNKNOWN)
    badge.refresh_from_db()
    assert _scan(codes.encode(badge), press_gate).result == ScanResult.ALLOW

