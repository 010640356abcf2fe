"""Accreditation's audit trail: applications created over the API one at a time and in bulk
(put down to the key), approved in bulk from the queue, a badge revoked; shown on the
application's and the badge's pages with a query count that does not grow."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.badges.services.badges import badge_issue
from accreditation.enums import ApplicationStatus, VettingStatus
from accreditation.keys.services import api_key_create
from tests.audit.conftest import entries_of, trail_text
from tests.factories.accreditation import approved, journalist
from tests.queries import same_queries

C, U = LogEntry.Action.CREATE, LogEntry.Action.UPDATE

pytestmark = pytest.mark.usefixtures("media_in_tmp")


@pytest.fixture
def portal(bearer, db):
    raw = api_key_create(name="media portal", scopes=["accreditation:read",
                                                      "accreditation:write"])[1]
    return bearer(raw)


def person(outlet, n, **fields):
    return {"event": outlet.event_id, "category": "P", "family_name": f"Trần {n}",
            "given_names": "Thị Mai", "nationality": "VN", "email": f"mai{n}@vna.example",
            "id_document_kind": "passport", "id_document_number": f"C{n:07d}",
            "outlet": outlet.pk, "media_role": "reporter", **fields}


def test_application_created_and_corrected_with_a_key_is_put_down_to_the_key(
        portal, event, cats, outlet):
    response = portal.post("/api/v1/applications/", person(outlet, 1), format="json")
    assert response.status_code == 201, response.content
    reference = response.json()["reference"]
    response = portal.patch(f"/api/v1/applications/{reference}/", {"email": "new@vna.example"},
                            format="json")
    assert response.status_code == 200, response.content
    created, corrected = entries_of(Application.objects.get(reference=reference))
    assert (created.action, created.actor, created.additional_data) == (
        C, None, {"api_key": "media portal"})
    assert created.changes["family_name"] == ["None", "Trần 1"]
    assert (corrected.action, corrected.changes, corrected.additional_data) == (
        U, {"email": ["mai1@vna.example", "new@vna.example"]}, {"api_key": "media portal"})


def test_bulk_creation_records_every_application_in_one_more_query(portal, event, cats,
                                                                     outlet):
    def bulk(items):
        with CaptureQueriesContext(connection) as queries:
            response = portal.post("/api/v1/applications/bulk/",
                                   {"event": event.pk, "items": items}, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["created"] == len(items)
        assert sum("auditlog_logentry" in q["sql"] for q in queries.captured_queries) == 1
        return len(queries)

    bulk([person(outlet, 9)])  # the key's last use and the content types, once
    one = bulk([person(outlet, 10)])
    five = bulk([person(outlet, n) for n in range(11, 16)])
    assert five == one
    created = Application.objects.filter(event=event)
    assert created.count() == 7
    for application in created:
        (entry,) = entries_of(application)
        assert (entry.action, entry.actor, entry.additional_data) == (
            C, None, {"api_key": "media portal"})
        assert entry.changes["email"] == ["None", application.email]
        assert entry.changes["status"] == ["None", "submitted"]
        assert entry.object_repr == str(application)


def test_bulk_approval_from_the_queue_records_each_approval(
        client, event, cats, officer, celery_eager, django_capture_on_commit_callbacks):
    chosen = [journalist(event) for _ in range(3)]
    Application.objects.filter(pk__in=[a.pk for a in chosen]).update(
        vetting=VettingStatus.CLEARED)
    client.force_login(officer)
    page = client.post(reverse("accreditation:application_bulk"),
                       {"action": "approve", "scope": "ticked", "query": "",
                        "applications": [a.pk for a in chosen]})
    form = page.context["form"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accreditation:application_bulk"), {
            **{name: form[name].value() for name in ("action", "scope", "query", "key",
                                                     "expected")},
            "applications": [a.pk for a in chosen]})
    assert response.status_code == 302
    for application in chosen:
        entry = entries_of(application)[-1]
        assert (entry.actor, entry.changes["status"]) == (officer, ["submitted", "approved"])
    page = client.get(reverse("accreditation:application_detail", args=[chosen[0].pk]))
    text = trail_text(page)
    assert "officer changed" in text or f"{officer.get_full_name()} changed" in text
    assert "Status Submitted → Approved" in text


def test_badge_revoked_from_its_page_is_recorded(client, event, cats, officer, vetter):
    badge = badge_issue(application_id=approved(journalist(event)).pk)
    client.force_login(officer)
    response = client.post(reverse("accreditation:badge_revoke", args=[badge.pk]),
                           {"reason": "Accreditation withdrawn by the outlet."})
    assert response.status_code == 302
    entry = entries_of(badge)[-1]
    assert (entry.actor, entry.changes) == (officer, {
        "status": ["active", "revoked"],
        "status_reason": ["", "Accreditation withdrawn by the outlet."]})
    # Security vetting reads the badge's page, with its trail.
    client.force_login(vetter)
    text = trail_text(client.get(reverse("accreditation:badge_detail", args=[badge.pk])))
    assert "Status Active → Revoked" in text
    assert "Reason — → Accreditation withdrawn by the outlet." in text
    assert "system created" in text  # issued by the worker's task


def test_application_page_query_count_does_not_grow_with_the_trail(client, event, cats,
                                                                   officer, outlet):
    from accreditation.applications.services.applications import application_update
    from tests.factories.delegations import country

    application = journalist(event, outlet=outlet)
    client.force_login(officer)
    url = reverse("accreditation:application_detail", args=[application.pk])

    def longer_trail():
        for code in ("DE", "VN", "FR"):
            application_update(application=Application.objects.get(pk=application.pk),
                               by=officer, nationality=country(code),
                               function=f"Reporter {code}")

    application_update(application=application, by=officer, nationality=country("FR"))
    assert same_queries(lambda: client.get(url), longer_trail).status_code == 200
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
