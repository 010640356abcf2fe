"""/api/v1/badges/: list and sync, one badge, its PDF, revocation. The QR payload never
appears in JSON."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accreditation.api import pagination
from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import badge_issue, badge_reissue
from accreditation.integrations.models import Delivery
from accreditation.integrations.services.webhooks import webhook_register
from tests.factories.accreditation import OutletFactory, approved, journalist

URL = "/api/v1/badges/"


@pytest.fixture
def badge_of(event, cats, outlet):
    def make(**fields):
        application = approved(journalist(event, outlet=OutletFactory(event=event), **fields))
        return badge_issue(application_id=application.pk)

    return make


def test_list_shows_what_is_printed_but_never_the_code(reader, badge_of):
    badge = badge_of(family_name="Trần", given_names="Thị Mai", organisation="VNA")
    response = reader.get(URL)
    assert response.status_code == 200, response.content
    row = response.json()["results"][0]
    assert row["number"] == badge.number
    assert row["application"] == badge.application.reference
    assert (row["holder"], row["organisation"]) == ("Thị Mai Trần", "VNA")
    assert (row["category"], row["status"], row["print_status"]) == ("P", "active",
                                                                     "not_printed")
    assert row["zones"] == badge.zone_codes.split(",")
    assert row["pdf"].endswith(f"/api/v1/badges/{badge.pk}/pdf/")
    code = codes.encode(badge)
    assert code.encode() not in response.content
    assert badge.nonce.encode() not in response.content
    assert "nonce" not in row and "code" not in row


def test_retrieve_one(reader, badge_of):
    badge = badge_of()
    response = reader.get(f"{URL}{badge.pk}/")
    assert response.status_code == 200
    assert response.json()["number"] == badge.number
    assert codes.encode(badge).encode() not in response.content
    assert reader.get(f"{URL}999999/").status_code == 404


def test_list_filters(reader, badge_of, event, officer):
    press = badge_of()
    delegate_app = approved(journalist(event, category_code="D"))
    delegate = badge_issue(application_id=delegate_app.pk)
    replacement = badge_reissue(badge=press, by=officer)

    def numbers(**params):
        response = reader.get(URL, params)
        assert response.status_code == 200, response.content
        return {row["number"] for row in response.json()["results"]}

    assert numbers(status="replaced") == {press.number}
    assert numbers(status="active") == {delegate.number, replacement.number}
    assert numbers(category="D") == {delegate.number}
    assert numbers(application=delegate_app.reference) == {delegate.number}
    assert numbers(search=delegate_app.family_name) == {delegate.number}


def test_sync_by_changed_since(reader, badge_of, monkeypatch):
    monkeypatch.setattr(pagination, "SETTLE_SECONDS", 0)
    old, new = badge_of(), badge_of()
    Badge.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=2))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    body = reader.get(URL, {"changed_since": since}).json()
    assert [row["id"] for row in body["results"]] == [new.pk]
    assert body["next"] is None and body["resume"]


def test_list_costs_the_same_queries_for_one_or_three_rows(reader, badge_of,
                                                           same_query_count):
    same_query_count(lambda: reader.get(URL), lambda n: [badge_of() for _ in range(n)])


def test_pdf(reader, badge_of):
    badge = badge_of(family_name="Nguyễn", given_names="Văn An")
    response = reader.get(f"{URL}{badge.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert badge.number in response["Content-Disposition"]
    asked = reader.get(f"{URL}{badge.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert asked.status_code == 200
    assert reader.get(f"{URL}999999/pdf/").status_code == 404


def test_revoke_with_the_decide_scope(decider, badge_of, key_client):
    badge = badge_of()
    hook = webhook_register(api_key=decider.key, url="https://gates.example.org/hook",
                            events=["badge.revoked"])
    response = decider.post(f"{URL}{badge.pk}/revoke/", {"reason": "Left the delegation."},
                            format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["status_reason"]) == (
        "revoked", "Left the delegation.")
    badge.refresh_from_db()
    assert badge.status == "revoked"
    delivery = Delivery.objects.get(webhook=hook)
    assert delivery.payload["badge"] == {"id": badge.pk, "number": badge.number,
                                         "status": "revoked",
                                         "application": badge.application.reference}
    again = decider.post(f"{URL}{badge.pk}/revoke/", {"reason": "Twice."}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "badge_unusable"


def test_revoke_needs_a_reason(decider, badge_of):
    badge = badge_of()
    for payload in ({}, {"reason": ""}, {"reason": "   "}):
        response = decider.post(f"{URL}{badge.pk}/revoke/", payload, format="json")
        assert response.status_code == 400, payload
        assert "reason" in response.json()["error"]["fields"]
    badge.refresh_from_db()
    assert badge.status == "active"


def test_revoke_needs_the_decide_scope_or_the_office(reader, writer, login, vetter, officer,
                                                     badge_of):
    badge = badge_of()
    url = f"{URL}{badge.pk}/revoke/"
    assert reader.post(url, {"reason": "x"}, format="json").status_code == 403
    assert writer.post(url, {"reason": "x"}, format="json").status_code == 403
    assert login(vetter).post(url, {"reason": "x"}, format="json").status_code == 403
    assert login(vetter).get(URL).status_code == 200
    response = login(officer).post(url, {"reason": "Lost in the hall."}, format="json")
    assert response.status_code == 200


def test_the_pdf_is_not_the_print_the_confirmation_is(key_client, event, cats):
    badge = badge_issue(application_id=approved(journalist(event)).pk)
    reader = key_client("accreditation:read", "personal_data")
    decider = key_client("accreditation:read", "accreditation:decide")
    url = f"/api/v1/badges/{badge.pk}/"
    assert decider.post(f"{url}printed/").status_code == 409  # no PDF yet
    assert reader.get(f"{url}pdf/").status_code == 200
    row = reader.get(url).json()
    assert row["print_status"] == "not_printed" and row["printed_at"] is None
    assert row["pdf_made_at"] is not None
    assert reader.post(f"{url}printed/").status_code == 403
    response = decider.post(f"{url}printed/")
    assert response.status_code == 200, response.content
    assert response.json()["print_status"] == "printed"
    assert reader.get(url).json()["printed_at"] is not None
