"""An application's uploads are served by one view: to the accreditation office, the
secretariat and security vetting; the photo also to the gates; the copy of the ID document
(it shows the number) to security vetting alone. Headers keep a browser from running what
it gets."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from logistics.core.enums import Role
from tests.factories.accreditation import journalist
from tests.factories.plan import user_with_role
from tests.factories.registration import PDF_BYTES, image_bytes, pdf_upload, photo_upload

DOCUMENTS = ("letter_of_assignment", "press_card", "id_copy")
KINDS = ("photo", *DOCUMENTS)


# On the disk and on a bucket (tests/plugins/file_storage.py).
pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def application(event, cats):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = SimpleUploadedFile("card.png", image_bytes(fmt="PNG"), "image/png")
    return journalist(event, photo=photo_upload(), letter_of_assignment=pdf_upload(),
                      press_card=png, id_copy=pdf_upload())


def url(application, kind):
    return reverse("accreditation:application_file", args=[application.pk, kind])


def body(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", [Role.ACCREDITATION, Role.SECRETARIAT, Role.VETTING])
def test_every_upload_is_served_to_those_who_review(client, application, role):
    client.force_login(user_with_role(role, username=f"user-{role}"))
    for kind in ("photo", "letter_of_assignment", "press_card"):
        assert client.get(url(application, kind)).status_code == 200, kind
    expected = 200 if role == Role.VETTING else 403
    assert client.get(url(application, "id_copy")).status_code == expected


def test_the_id_copy_is_not_for_a_superuser_outside_vetting(client, application):
    from tests.factories.plan import UserFactory

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(url(application, "photo")).status_code == 200
    assert client.get(url(application, "id_copy")).status_code == 403


def test_the_photo_inline_with_its_headers(client, application, officer):
    client.force_login(officer)
    response = client.get(url(application, "photo"))
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == \
        f'inline; filename="photo-{application.reference}.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert body(response)[:2] == b"\xff\xd8"


def test_documents_keep_their_true_type(client, application, officer, vetter):
    client.force_login(officer)
    letter = client.get(url(application, "letter_of_assignment"))
    assert (letter["Content-Type"], letter["Content-Disposition"]) == (
        "application/pdf",
        f'attachment; filename="letter-of-assignment-{application.reference}.pdf"')
    assert body(letter) == PDF_BYTES
    card = client.get(url(application, "press_card"))
    assert card["Content-Type"] == "image/png"
    for kind in DOCUMENTS:
        client.force_login(vetter if kind == "id_copy" else officer)
        response = client.get(url(application, kind))
        assert response["Content-Security-Policy"] == "sandbox", kind
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["Cache-Control"] == "private, no-store", kind


def test_the_gate_sees_the_photo_and_nothing_else(client, application, gate):
    client.force_login(gate)
    assert client.get(url(application, "photo")).status_code == 200
    for kind in DOCUMENTS:
        assert client.get(url(application, kind)).status_code == 403, kind


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.PROGRAMME, Role.OBSERVER,
                                  Role.STEERING, Role.FOCAL_POINT])
def test_other_roles_are_refused(client, application, role):
    client.force_login(user_with_role(role, username=f"user-{role}"))
    for kind in KINDS:
        assert client.get(url(application, kind)).status_code == 403, kind


def test_anonymous_visitors_are_sent_to_the_login(client, application):
    for kind in KINDS:
        response = client.get(url(application, kind))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_no_file_unknown_kind_or_unknown_application_is_404(client, event, cats, officer):
    bare = journalist(event)
    client.force_login(officer)
    for kind in KINDS[:-1]:  # the ID copy is vetting's (403 before 404)
        assert client.get(url(bare, kind)).status_code == 404, kind
    assert client.get(url(bare, "id_document_number")).status_code == 404
    assert client.get(url(bare, "token")).status_code == 404
    assert client.get(reverse("accreditation:application_file",
                              args=[bare.pk + 999, "photo"])).status_code == 404


def test_a_file_gone_from_the_disk_is_404(client, application, officer):
    application.photo.storage.delete(application.photo.name)
    client.force_login(officer)
    assert client.get(url(application, "photo")).status_code == 404


def test_a_stored_file_of_another_type_is_downloaded_never_rendered(client, event, cats,
                                                                    officer):
    application = journalist(event)
    application.letter_of_assignment.save("page.html",
                                          ContentFile(b"<script>alert(1)</script>"))
    client.force_login(officer)
    response = client.get(url(application, "letter_of_assignment"))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == \
        f'attachment; filename="letter-of-assignment-{application.reference}.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_get(client, application, officer):
    client.force_login(officer)
    assert client.post(url(application, "photo")).status_code == 405
