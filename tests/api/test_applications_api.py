"""/api/v1/applications/: list, filters, one application, creation, corrections and the
office's decisions, as an integration (an API key) or a staff member sees them."""

from itertools import count

import pytest
from django.utils import translation

from accreditation.applications.mail import SUBJECTS
from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import (
    application_reject,
    application_request_information,
    application_start_review,
)
from accreditation.enums import ApplicationStatus, VettingStatus
from tests.factories.accreditation import OutletFactory, approved, journalist

URL = "/api/v1/applications/"
_n = count(1)


def person(outlet, /, **fields):
    """A journalist's application as an integration sends it."""
    n = next(_n)
    return {"event": outlet.event_id, "category": "P", "family_name": f"Trần {n}",
            "given_names": "Thị Mai", "gender": "female", "date_of_birth": "1988-03-14",
            "nationality": "VN", "email": f"mai.tran{n}@vna.example",
            "id_document_kind": "passport", "id_document_number": f"C{n:07d}",
            "id_document_expiry": "2031-01-01", "outlet": outlet.pk, "media_role": "reporter",
            "function": "Correspondent", **fields}


def url_of(application, action=""):
    return f"{URL}{application.reference}/" + (f"{action}/" if action else "")


# Reading


def test_list_shows_applications_without_id_numbers(reader, event, cats, outlet):
    application = journalist(event, outlet=outlet, id_document_number="B7654321")
    response = reader.get(URL)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["reference"] == application.reference
    assert row["category"] == "P"
    assert row["status"] == "submitted"
    assert row["vetting"] == "pending"
    assert row["outlet"] == outlet.pk
    assert row["outlet_name"] == "Vietnam News Agency"
    assert row["nationality"] == "VN"
    assert row["has_id_document_number"] is True
    assert "id_document_number" not in row
    assert b"B7654321" not in response.content
    assert "token" not in row


def test_retrieve_by_reference_gives_files_as_booleans(reader, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    Application.objects.filter(pk=application.pk).update(photo="photos/x.jpg")
    response = reader.get(url_of(application))
    assert response.status_code == 200
    body = response.json()
    assert (body["has_photo"], body["has_letter_of_assignment"], body["has_press_card"],
            body["has_id_copy"]) == (True, False, False, False)
    assert "photo" not in body
    assert body["badge"] is None


def test_retrieve_unknown_reference_is_404_in_the_error_shape(reader, db):
    response = reader.get(f"{URL}A-NOTHERE2/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_approved_application_names_its_badge(reader, event, cats, outlet):
    from accreditation.badges.services.badges import badge_issue

    application = approved(journalist(event, outlet=outlet))
    badge = badge_issue(application_id=application.pk)
    body = reader.get(url_of(application)).json()
    assert (body["badge"], body["badge_number"]) == (badge.pk, badge.number)


def test_list_filters(reader, event, cats, outlet):
    other_outlet = OutletFactory(event=event, name="Thanh Niên")
    press = journalist(event, outlet=outlet, family_name="Lê")
    technician = journalist(event, outlet=other_outlet, category_code="T",
                            media_role="technician")
    delegate = journalist(event, category_code="D", family_name="Okafor")
    application_reject(application=press, by=None, reason="No letter of assignment.")
    Application.objects.filter(pk=delegate.pk).update(vetting=VettingStatus.CLEARED)

    def refs(**params):
        response = reader.get(URL, params)
        assert response.status_code == 200, response.content
        return {row["reference"] for row in response.json()["results"]}

    assert refs(status="rejected") == {press.reference}
    assert refs(status=["submitted", "rejected"]) == {press.reference, technician.reference,
                                                      delegate.reference}
    assert refs(category="T") == {technician.reference}
    assert refs(vetting="cleared") == {delegate.reference}
    assert refs(outlet=other_outlet.pk) == {technician.reference}
    assert refs(search="okafor") == {delegate.reference}
    assert refs(search=press.reference) == {press.reference}
    assert refs(event=event.pk) == {press.reference, technician.reference, delegate.reference}


def test_list_costs_the_same_queries_for_one_or_three_rows(reader, event, cats, outlet,
                                                           same_query_count):
    def add(n):
        for _ in range(n):
            approved(journalist(event, outlet=OutletFactory(event=event)))

    same_query_count(lambda: reader.get(URL), add)


# Creating


def test_create_submits_and_mails_the_reference(writer, event, cats, outlet, celery_eager,
                                                mailoutbox,
                                                django_capture_on_commit_callbacks):
    payload = person(outlet, email="mai@vna.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    application = Application.objects.get(reference=body["reference"])
    assert (application.status, application.source) == ("submitted", "api")
    assert application.id_document_number == payload["id_document_number"]
    assert "id_document_number" not in body
    assert body["has_id_document_number"] is True
    transition = Transition.objects.get(application=application)
    assert (transition.to_status, transition.by, transition.actor) == (
        "submitted", None, "API key media portal")
    assert [mail.to for mail in mailoutbox] == [["mai@vna.example"]]
    assert application.reference in mailoutbox[0].body


def test_create_names_every_bad_field(writer, event, cats, outlet):
    response = writer.post(URL, {"event": event.pk, "category": "P", "email": "not-an-email",
                                 "date_of_birth": "14/03/1988", "gender": "x"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"family_name", "email", "date_of_birth", "gender"}
    assert not Application.objects.exists()


def test_an_integration_gives_the_language_of_the_applicants_mails(
        writer, event, cats, outlet, celery_eager, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post(URL, person(outlet, mail_language="fr"), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["mail_language"] == "fr"
    reference = response.json()["reference"]
    with translation.override("fr"):
        subject = str(SUBJECTS[ApplicationStatus.SUBMITTED]) % {"reference": reference}
    assert [mail.subject for mail in mailoutbox] == [subject]

    response = writer.post(URL, person(outlet, mail_language="de"), format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["mail_language"]
    # Not given: the committee's language.
    response = writer.post(URL, person(outlet), format="json")
    assert response.json()["mail_language"] == ""


@pytest.mark.parametrize(("change", "field"), [
    ({"category": "Q"}, "category"),
    ({"nationality": "XX"}, "nationality"),
    ({"outlet": 999999}, "outlet"),
    ({"delegation": 999999}, "delegation"),
])
def test_create_refuses_what_names_nothing(writer, event, cats, outlet, change, field):
    response = writer.post(URL, person(outlet, **change), format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert not Application.objects.exists()


def test_create_refuses_an_outlet_of_another_event(writer, event, cats, outlet):
    from tests.factories.plan import EventFactory

    foreign = OutletFactory(event=EventFactory(slug="other"))
    response = writer.post(URL, person(outlet, outlet=foreign.pk), format="json")
    assert response.status_code == 400
    assert "outlet" in response.json()["error"]["fields"]


def test_create_applies_the_services_rules(writer, event, cats, outlet):
    response = writer.post(URL, person(outlet, outlet=None, media_role=""), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_application"
    assert set(error["fields"]) == {"media_role", "outlet"}


def test_create_holds_a_second_application_of_the_same_person(writer, event, cats, outlet):
    first = person(outlet)
    assert writer.post(URL, first, format="json").status_code == 201
    again = {**person(outlet), "id_document_number": first["id_document_number"].lower()}
    same_email = {**person(outlet), "email": first["email"].upper()}
    for payload in (again, same_email):
        response = writer.post(URL, payload, format="json")
        assert response.status_code == 201
        assert (response.json()["status"], response.json()["possible_duplicate_of"]) == (
            "submitted", None)
    original = Application.objects.get(family_name=first["family_name"])
    assert set(Application.objects.exclude(pk=original.pk)
               .values_list("status", "duplicate_of")) == {("possible_duplicate", original.pk)}


def test_create_in_any_script(writer, event, cats, outlet):
    payload = person(outlet, family_name="王", given_names="小明", organisation="新华社")
    response = writer.post(URL, payload, format="json")
    assert response.status_code == 201
    assert (response.json()["family_name"], response.json()["organisation"]) == ("王", "新华社")


# Correcting


def test_patch_corrects_a_submitted_application(writer, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    response = writer.patch(url_of(application), {"email": "new@vna.example",
                                                  "nationality": "FR"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["email"], response.json()["nationality"]) == ("new@vna.example",
                                                                          "FR")
    application.refresh_from_db()
    assert application.email == "new@vna.example"
    assert application.status == "submitted"


def test_patch_after_a_request_for_information_sends_it_back(writer, event, cats, outlet,
                                                             officer):
    application = journalist(event, outlet=outlet)
    application_request_information(application=application, by=officer,
                                    message="Send the letter of assignment.")
    response = writer.patch(url_of(application), {"function": "Chief correspondent"},
                            format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    last = Transition.objects.filter(application=application).last()
    assert (last.from_status, last.to_status, last.actor) == (
        "needs_information", "submitted", "API key media portal")


def test_patch_is_refused_once_under_review(writer, event, cats, outlet, officer):
    application = journalist(event, outlet=outlet)
    application_start_review(application=application, by=officer)
    response = writer.patch(url_of(application), {"email": "late@vna.example"},
                            format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_editable"
    application.refresh_from_db()
    assert application.email != "late@vna.example"


def test_patch_cannot_change_category_or_event(writer, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    response = writer.patch(url_of(application), {"category": "D", "event": 99},
                            format="json")
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.category.code == "P"


def test_put_is_not_offered(writer, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    assert writer.put(url_of(application), person(outlet), format="json").status_code == 405


def test_patch_refuses_bad_fields(writer, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    response = writer.patch(url_of(application), {"email": "nope", "media_role": "chef"},
                            format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"email", "media_role"}


# Decisions


def test_approve_with_the_decide_scope(decider, event, cats, outlet, celery_eager,
                                       django_capture_on_commit_callbacks):
    application = journalist(event, outlet=outlet)
    Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
    with django_capture_on_commit_callbacks(execute=True):
        response = decider.post(url_of(application, "approve"), {"reason": "Letter checked."},
                                format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "approved"
    last = Transition.objects.filter(application=application).last()
    assert (last.to_status, last.reason, last.actor) == ("approved", "Letter checked.",
                                                         "API key UN registration")
    assert application.badges.filter(status="active").count() == 1


def test_approve_before_vetting_is_refused(decider, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    response = decider.post(url_of(application, "approve"), format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "vetting_required"
    application.refresh_from_db()
    assert application.status == "submitted"


def test_reject_needs_a_reason(decider, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    response = decider.post(url_of(application, "reject"), {"reason": ""}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]
    response = decider.post(url_of(application, "reject"), {"reason": "Not a journalist."},
                            format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"


def test_request_information_then_an_illegal_move(decider, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    response = decider.post(url_of(application, "request-information"),
                            {"message": "Send your press card."}, format="json")
    assert response.status_code == 200
    assert response.json()["information_requested"] == "Send your press card."
    response = decider.post(url_of(application, "approve"), format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_transition"


def test_request_information_needs_a_message(decider, event, cats, outlet):
    application = journalist(event, outlet=outlet)
    response = decider.post(url_of(application, "request-information"), {}, format="json")
    assert response.status_code == 400
    assert "message" in response.json()["error"]["fields"]


def test_withdraw_revokes_the_badge(decider, event, cats, outlet):
    from accreditation.badges.services.badges import badge_issue

    application = approved(journalist(event, outlet=outlet))
    badge = badge_issue(application_id=application.pk)
    response = decider.post(url_of(application, "withdraw"), {"reason": "Trip cancelled."},
                            format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    badge.refresh_from_db()
    assert badge.status == "revoked"
    assert decider.post(url_of(application, "withdraw"), format="json").status_code == 409


def test_decisions_for_staff_are_the_accreditation_offices(login, officer, vetter, event, cats,
                                                           outlet):
    application = journalist(event, outlet=outlet)
    refused = login(vetter).post(url_of(application, "reject"), {"reason": "No."},
                                 format="json")
    assert refused.status_code == 403
    response = login(officer).post(url_of(application, "reject"), {"reason": "No letter."},
                                   format="json")
    assert response.status_code == 200
    last = Transition.objects.filter(application=application).last()
    assert (last.by, last.actor) == (officer, "")
    assert ApplicationStatus(response.json()["status"]) == ApplicationStatus.REJECTED


# The schema


def test_schema_documents_the_integration_api(login, officer, db):
    from tests.factories.plan import user_with_role

    observer = user_with_role("observer", username="schema-reader")
    schema = login(observer).get("/api/schema/?format=json").json()
    paths = schema["paths"]
    assert {"/api/v1/applications/", "/api/v1/applications/{reference}/",
            "/api/v1/applications/bulk/", "/api/v1/applications/{reference}/approve/",
            "/api/v1/applications/{reference}/reject/",
            "/api/v1/applications/{reference}/request-information/",
            "/api/v1/applications/{reference}/withdraw/",
            "/api/v1/applications/{reference}/files/", "/api/v1/badges/",
            "/api/v1/badges/{id}/pdf/", "/api/v1/badges/{id}/revoke/", "/api/v1/webhooks/",
            "/api/v1/webhooks/{id}/deliveries/"} <= set(paths)
    create = paths["/api/v1/applications/"]["post"]
    assert "/api/v1/applications/{reference}/files/" in create["description"]
    assert create["requestBody"]["content"]["application/json"]["examples"]
    assert paths["/api/v1/applications/bulk/"]["post"]["requestBody"]["content"][
        "application/json"]["examples"]
    names = {p["name"] for p in paths["/api/v1/applications/"]["get"]["parameters"]}
    assert {"status", "category", "vetting", "outlet", "changed_since", "cursor",
            "search"} <= names
    read = schema["components"]["schemas"]["Application"]["properties"]
    assert "id_document_number" not in read
    assert "id_document_number" in schema["components"]["schemas"][
        "ApplicationCreateRequest"]["properties"]
