"""An integration sends an application's photo and documents (POST
/api/v1/applications/{reference}/files/, multipart/form-data): checked by content with the
forms' own cleaners, by a key that may correct applications, while the application may still
change; audited as the forms' writes are; read back only through the staff's
permission-checked file route, never through the API. (Every upload test also walks this
call: tests/security/upload_paths.py.)"""

import io

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_request_information
from accreditation.enums import ApplicationStatus, VettingStatus
from logistics.core.enums import Role
from logistics.core.uploads import PHOTO_MAX_BYTES
from tests.factories.accreditation import approved, journalist
from tests.factories.plan import user_with_role
from tests.factories.registration import PDF_BYTES, image_bytes, pdf_upload, photo_upload
from tests.security.bombs import png_bomb

FILES = ("photo", "letter_of_assignment", "press_card", "id_copy")
PHP = b"<?php system($_GET['c']); ?>\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def application(event, cats, outlet):
    return journalist(event, outlet=outlet)


def url(application):
    return f"/api/v1/applications/{application.reference}/files/"


def all_files():
    return {"photo": photo_upload((600, 800)), "letter_of_assignment": pdf_upload("letter.pdf"),
            "press_card": photo_upload((400, 300), fmt="PNG", name="card.png"),
            "id_copy": pdf_upload("passport.pdf")}


def stored(application):
    application = Application.objects.get(pk=application.pk)
    return {name: getattr(application, name).name for name in FILES}


def stored_files(media):
    return sorted(p for p in media.rglob("*") if p.is_file())


def test_a_writer_sends_the_four_files_and_reads_what_is_on_record(writer, application):
    response = writer.post(url(application), all_files(), format="multipart")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["reference"], body["status"]) == (application.reference, "submitted")
    assert [body[f"has_{name}"] for name in FILES] == [True, True, True, True]
    assert body["missing_documents"] == []
    names = stored(application)
    assert [names[name].rsplit(".", 1)[-1] for name in FILES] == ["jpg", "pdf", "png", "pdf"]
    # Nothing of where or under what name a file is kept goes back to the client.
    assert not any(name.rsplit("/", 1)[-1] in response.content.decode()
                   for name in names.values())


def test_a_file_left_out_keeps_the_one_on_record(writer, application):
    writer.post(url(application), all_files(), format="multipart")
    before = stored(application)
    response = writer.post(url(application), {"press_card": pdf_upload("card.pdf")},
                           format="multipart")
    assert response.status_code == 200
    after = stored(application)
    assert after["press_card"] != before["press_card"]
    assert {k: v for k, v in after.items() if k != "press_card"} == {
        k: v for k, v in before.items() if k != "press_card"}


def error_of(response, field):
    body = response.json()["error"]
    return body["code"], body["fields"][field]


@pytest.mark.parametrize("field, data, name, content_type, message", [
    # A PHP script named and typed as a JPEG: judged by its content.
    ("photo", PHP, "photo.jpg", "image/jpeg", "The photo must be a JPEG or PNG image."),
    ("id_copy", PHP, "passport.pdf", "application/pdf",
     "The document must be a PDF, JPEG or PNG file."),
    # An HTML page with a PDF's name, and a PDF given as the photo.
    ("letter_of_assignment", b"<html><script>alert(1)</script></html>", "letter.pdf",
     "application/pdf", "The document must be a PDF, JPEG or PNG file."),
    ("photo", PDF_BYTES, "photo.jpg", "image/jpeg", "The photo must be a JPEG or PNG image."),
    ("photo", image_bytes((200, 260)), "small.jpg", "image/jpeg",
     "The photo is 200×260 pixels; it must be at least 300×400."),
    ("press_card", png_bomb(), "card.png", "image/png", "the limit is 40 megapixels"),
    ("photo", b"\xff\xd8\xff" + bytes(PHOTO_MAX_BYTES), "big.jpg", "image/jpeg",
     "the limit is 5.0"),
], ids=["php-as-jpeg", "php-as-pdf", "html-as-pdf", "pdf-as-photo", "photo-too-small",
        "decompression-bomb", "photo-too-big"])
def test_a_bad_file_is_refused_with_the_forms_message_and_nothing_stored(
        writer, application, media, field, data, name, content_type, message):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    response = writer.post(url(application), {field: upload}, format="multipart")
    assert response.status_code == 400
    code, messages = error_of(response, field)
    assert code == "invalid"
    assert any(message in text for text in messages), messages
    assert stored_files(media) == []
    assert stored(application)[field] == ""


def test_one_bad_file_refuses_the_whole_call(writer, application, media):
    files = {**all_files(), "press_card": SimpleUploadedFile("card.jpg", PHP, "image/jpeg")}
    response = writer.post(url(application), files, format="multipart")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"press_card"}
    assert stored_files(media) == []


def test_a_call_without_a_file_is_refused(writer, application):
    response = writer.post(url(application), {"function": "Editor"}, format="multipart")
    assert response.status_code == 400
    assert "Send at least one file" in str(response.json()["error"])


def test_files_come_as_multipart_only(writer, application):
    response = writer.post(url(application), {"photo": "aGVsbG8="}, format="json")
    assert response.status_code == 415


@pytest.mark.parametrize("scopes", [
    ("accreditation:read", "personal_data"), ("accreditation:read", "accreditation:decide"),
    ("scan",), ("read", "write", "personal_data")], ids=lambda scopes: "+".join(scopes))
def test_a_key_that_may_not_correct_applications_sends_no_file(
        key_client, application, media, scopes):
    response = key_client(*scopes).post(url(application), all_files(), format="multipart")
    assert response.status_code == 403
    assert stored_files(media) == []


def test_staff_send_files_only_from_the_accreditation_office(client, application, media):
    for role, expected in [(Role.VETTING, 403), (Role.GATE, 403), (Role.OBSERVER, 403),
                           (Role.ACCREDITATION, 200)]:
        client.force_login(user_with_role(role, username=f"files-{role}"))
        response = client.post(url(application), {"photo": photo_upload((600, 800))})
        assert response.status_code == expected, role


def test_no_key_no_file(anonymous, application, media):
    assert anonymous.post(url(application), all_files(), format="multipart").status_code == 401
    assert stored_files(media) == []


def test_an_unknown_reference_is_not_found(writer, event, cats):
    response = writer.post("/api/v1/applications/A-NOTHERE0/files/", all_files(),
                           format="multipart")
    assert response.status_code == 404


@pytest.mark.parametrize("move", ["approve", "reject", "withdraw"])
def test_files_no_longer_change_once_an_application_is_decided(
        writer, application, officer, media, move):
    from accreditation.applications.services import applications as service

    if move == "approve":
        approved(application)
    else:
        extra = {"reason": "Not a journalist."} if move == "reject" else {}
        getattr(service, f"application_{move}")(application=application, by=officer, **extra)
    response = writer.post(url(application), all_files(), format="multipart")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_editable"
    assert stored_files(media) == []


def test_files_answer_a_request_for_information_as_a_correction_does(
        writer, application, officer):
    application_request_information(application=application, by=officer,
                                    message="Please send your press card.")
    response = writer.post(url(application), {"press_card": pdf_upload("card.pdf")},
                           format="multipart")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.transitions.order_by("-pk").first().actor == "API key media portal"


def test_a_new_photo_sends_a_cleared_applicant_back_to_vetting(writer, application):
    Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
    response = writer.post(url(application), {"photo": photo_upload((600, 800))},
                           format="multipart")
    assert response.json()["vetting"] == "pending"


def test_the_upload_is_audited_under_the_keys_name(writer, application):
    writer.post(url(application), all_files(), format="multipart")
    entry = LogEntry.objects.get_for_object(application).order_by("-pk").first()
    assert entry.additional_data == {"api_key": "media portal"}
    assert {"photo", "letter_of_assignment", "press_card", "id_copy"} <= set(entry.changes_dict)


def test_the_stored_files_are_served_only_through_the_permission_checked_route(
        writer, client, application):
    writer.post(url(application), all_files(), format="multipart")
    application.refresh_from_db()
    photo_url = reverse("accreditation:application_file", args=[application.pk, "photo"])
    id_url = reverse("accreditation:application_file", args=[application.pk, "id_copy"])
    # The key that sent them cannot read them back: the route is the staff's.
    assert writer.get(photo_url).status_code == 302
    # No public media URL: the storage gives none, and the path under MEDIA_URL is no route.
    assert writer.get(f"/{settings.MEDIA_URL}{application.photo.name}").status_code == 404
    client.force_login(user_with_role(Role.ACCREDITATION, username="files-officer"))
    served = client.get(photo_url)
    assert served.status_code == 200
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).format == "JPEG"
    assert client.get(id_url).status_code == 403  # the ID copy: security vetting's alone
    client.force_login(user_with_role(Role.VETTING, username="files-vetter"))
    served = client.get(id_url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
