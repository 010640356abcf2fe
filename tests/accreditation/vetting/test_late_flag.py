"""A late security vetting flag (issue 11, item 6): when vetting flags a person whose badge
was issued, the badge is suspended at every gate (the online scan and the offline kit the
scanner page downloads) until the office decides: it reinstates the badge once vetting has
cleared the holder again, or revokes it (or withdraws the application). The gate is told to
send the holder to the office, never why; re-vetting and the office's decision are each in
the audit trail; the webhooks hear badge.suspended and badge.reinstated."""

import json
import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_withdraw
from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import (
    badge_collect,
    badge_issue,
    badge_reinstate,
    badge_reissue,
    badge_revoke,
)
from accreditation.enums import BadgeStatus, VettingStatus
from accreditation.errors import BadgeUnusable, VettingRequired
from accreditation.integrations.services.webhooks import webhook_register
from accreditation.keys.services import api_key_create
from accreditation.vetting.services import vetting_io
from accreditation.vetting.services.decisions import application_vet
from tests.accreditation.gates import gate_fixtures as gates
from tests.api.accreditation_fixtures import subscriber  # noqa: F401
from tests.factories.accreditation import approved, journalist

_fresh_gates, event, badge, press_gate = (gates._fresh_gates, gates.event, gates.badge,
                                          gates.press_gate)

SCAN, KIT = "/api/v1/scans/", "/api/v1/scans/offline-kit/"
NOTE, REASON = "Passport C1234567 on the stolen list", "Do not admit: see the subcommittee."
SUSPENDED_TEXT = "Badge suspended: send the holder to the accreditation office"


def _client(*, key=None, user=None):
    client = APIClient()
    if key:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    if user:
        client.force_login(user)
    return client


@pytest.fixture
def scanner(db):
    return _client(key=api_key_create(name="gate", scopes=["scan"])[1])


def scan(client, badge, gate):
    response = client.post(SCAN, {"code": codes.encode(badge), "checkpoint": gate.pk,
                                  "client_scan_id": str(uuid.uuid4()),
                                  "scanned_at": timezone.now().isoformat()}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def kit(gate_user):
    """The kit as the scanner page fetches it: with the gate operator's session."""
    return _client(user=gate_user).get(KIT).json()


def _flag_on_the_queue(application, vetter):
    client = Client()
    client.force_login(vetter)
    client.post(reverse("accreditation:vetting_decide", args=[application.pk]),
                {"decision": "flag", "reason": REASON, "note": NOTE})


def _flag_by_import(application, vetter):
    rows = f"reference,result,reason,note\n{application.reference},flagged,{REASON},{NOTE}\n"
    vetting_io.vetting_import(event=application.event, by=vetter, data=rows.encode())


def _flag_by_service(application, vetter):
    application_vet(application=application, by=vetter, cleared=False, reason=REASON,
                    note=NOTE)


@pytest.mark.parametrize("flag", [_flag_on_the_queue, _flag_by_import, _flag_by_service],
                         ids=["queue", "import", "service"])
def test_a_late_flag_suspends_the_badge_online_and_offline(flag, scanner, badge, press_gate,
                                                           gate, vetter):
    assert scan(scanner, badge, press_gate)["result"] == "allow"
    assert badge.pk in kit(gate)["collected"]
    flag(badge.application, vetter)
    assert Badge.objects.get(pk=badge.pk).status == BadgeStatus.SUSPENDED
    answer = scan(scanner, badge, press_gate)
    assert (answer["result"], answer["reason"], answer["reason_text"]) == (
        "deny", "suspended", SUSPENDED_TEXT)
    # The gate is told where to send the holder, not why.
    assert "vetting" not in json.dumps(answer).lower()
    assert NOTE not in json.dumps(answer) and REASON not in json.dumps(answer)
    held = kit(gate)
    assert (badge.pk in held["revoked"], held["suspended"], badge.pk in held["collected"]) == (
        True, [badge.pk], False)


def _entries(obj):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)),
                                   object_id=obj.pk).order_by("timestamp", "pk")


def test_re_vetting_and_the_office_decision_are_each_recorded(
        scanner, badge, press_gate, gate, vetter, officer, subscriber, celery_eager,  # noqa: F811
        django_capture_on_commit_callbacks):
    key, _raw = api_key_create(name="access control", scopes=["accreditation:read"])
    webhook_register(api_key=key, url=subscriber.url,
                     events=["badge.suspended", "badge.reinstated", "badge.revoked"])
    application = badge.application
    with django_capture_on_commit_callbacks(execute=True):
        _flag_on_the_queue(application, vetter)
    with pytest.raises(VettingRequired, match="Security vetting still flags"):
        badge_reinstate(badge=badge, by=officer)
    suspension = _entries(badge).last()
    assert suspension.changes["status"] == ["active", "suspended"]

    vetting = Client()
    vetting.force_login(vetter)
    with django_capture_on_commit_callbacks(execute=True):
        vetting.post(reverse("accreditation:vetting_decide", args=[application.pk]),
                     {"decision": "clear", "reason": "Cleared by the subcommittee."})
    # Cleared again, and recorded; the badge waits for the office all the same.
    last = _entries(application).last()
    assert (last.actor, last.changes["vetting"]) == (vetter, ["flagged", "cleared"])
    assert Badge.objects.get(pk=badge.pk).status == BadgeStatus.SUSPENDED
    assert scan(scanner, badge, press_gate)["reason"] == "suspended"

    office = Client()
    office.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(reverse("accreditation:badge_reinstate", args=[badge.pk]),
                    {"reason": "Vetting cleared the holder."})
    badge.refresh_from_db()
    assert (badge.status, badge.status_reason) == (BadgeStatus.ACTIVE,
                                                   "Vetting cleared the holder.")
    decision = _entries(badge).last()
    assert (decision.actor, decision.changes["status"]) == (officer, ["suspended", "active"])
    assert scan(scanner, badge, press_gate)["result"] == "allow"
    held = kit(gate)
    assert (badge.pk in held["revoked"], held["suspended"], badge.pk in held["collected"]) == (
        False, [], True)
    events = [(body["event"], body["badge"]["status"]) for body in subscriber.bodies()]
    assert events == [("badge.suspended", "suspended"), ("badge.reinstated", "active")]
    assert NOTE not in str(subscriber.received) and REASON not in str(subscriber.received)


@pytest.mark.parametrize("decide", ["revoke", "withdraw"])
def test_the_office_revokes_a_suspended_badge_or_withdraws_the_application(
        decide, scanner, badge, press_gate, gate, vetter, officer):
    _flag_by_service(badge.application, vetter)
    if decide == "revoke":
        badge_revoke(badge=badge, by=officer, reason="Vetting stands.")
    else:
        application_withdraw(application=badge.application, by=officer,
                             reason="Vetting stands.")
    assert Badge.objects.get(pk=badge.pk).status == BadgeStatus.REVOKED
    assert scan(scanner, badge, press_gate)["reason"] == "revoked"
    held = kit(gate)
    assert (badge.pk in held["revoked"], held["suspended"]) == (True, [])
    with pytest.raises(BadgeUnusable):
        badge_reinstate(badge=badge, by=officer)


def test_a_flag_between_approval_and_issue_issues_the_badge_suspended(event, cats, vetter,
                                                                       officer):
    application = approved(journalist(event))
    application_vet(application=application, by=vetter, cleared=False, reason=REASON)
    badge = badge_issue(application_id=application.pk)
    assert badge.status == BadgeStatus.SUSPENDED
    # Issued again (a redelivered task): the same one, never a second.
    assert badge_issue(application_id=application.pk) == badge


def test_a_suspended_badge_is_neither_handed_over_nor_reissued(event, cats, vetter, officer):
    application = approved(journalist(event))
    badge = badge_issue(application_id=application.pk)
    _flag_by_service(Application.objects.get(pk=application.pk), vetter)
    with pytest.raises(BadgeUnusable):
        badge_collect(badge=badge, by=officer)
    with pytest.raises(BadgeUnusable, match="suspended"):
        badge_reissue(badge=badge, by=officer)
    assert Badge.objects.filter(application=application).count() == 1


def test_a_clearance_changes_no_active_badge_and_a_flag_no_closed_one(badge, vetter, officer):
    application_vet(application=badge.application, by=vetter, cleared=True)
    assert Badge.objects.get(pk=badge.pk).status == BadgeStatus.ACTIVE
    badge_revoke(badge=badge, by=officer, reason="Lost accreditation.")
    _flag_by_service(badge.application, vetter)
    assert Badge.objects.get(pk=badge.pk).status == BadgeStatus.REVOKED


def test_the_office_decides_on_the_badge_page(client, badge, vetter, officer):
    _flag_by_service(badge.application, vetter)
    client.force_login(officer)
    page = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert "Suspended" in page and 'data-testid="reinstate-blocked"' in page
    url = reverse("accreditation:badge_reinstate", args=[badge.pk])
    refused = client.post(url, {"reason": ""}, follow=True)
    assert "Security vetting still flags" in " ".join(
        str(m) for m in refused.context["messages"])
    application_vet(application=badge.application, by=vetter, cleared=True)
    page = client.get(reverse("accreditation:badge_detail", args=[badge.pk])).content.decode()
    assert 'data-testid="reinstate-blocked"' not in page
    done = client.post(url, {"reason": "Cleared again."}, follow=True)
    assert [str(m) for m in done.context["messages"]] == [
        f"Badge {badge.number} is reinstated: its QR code opens its gates again."]
    assert Badge.objects.get(pk=badge.pk).status == BadgeStatus.ACTIVE


def test_the_api_reinstates_with_the_decide_scope(badge, vetter):
    _flag_by_service(badge.application, vetter)
    url = f"/api/v1/badges/{badge.pk}/reinstate/"
    decider = _client(key=api_key_create(name="desk", scopes=["accreditation:decide"])[1])
    refused = decider.post(url, {}, format="json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "vetting_required")
    reader = _client(key=api_key_create(name="reader", scopes=["accreditation:read"])[1])
    assert reader.post(url, {}, format="json").status_code == 403
    assert reader.get(f"/api/v1/badges/{badge.pk}/").json()["status"] == "suspended"
    application_vet(application=badge.application, by=vetter, cleared=True)
    response = decider.post(url, {"reason": "Cleared again."}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "active")


def test_vetting_status_is_kept_by_the_service(badge, vetter):
    """The flag that suspended the badge is security vetting's: the application says so."""
    _flag_by_service(badge.application, vetter)
    application = Application.objects.get(pk=badge.application_id)
    assert (application.vetting, application.vetting_reason, application.vetting_note) == (
        VettingStatus.FLAGGED, REASON, NOTE)
