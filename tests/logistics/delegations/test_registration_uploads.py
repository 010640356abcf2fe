"""The registration form's uploads and travel details: photos, credentials, ID documents,
airports; every error names the member and the field, and nothing is saved."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from logistics.core.signals import delegation_registered
from logistics.delegations.enums import DelegationKind, DelegationStatus
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.registration import (
    PDF_BYTES,
    InvitationFactory,
    image_bytes,
    pdf_upload,
    photo_upload,
)

# On the disk and on a bucket (tests/plugins/file_storage.py).
pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def delegation(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                             name="Kenya", size_quota=3, focal_point_email="mission@kenya.example")


@pytest.fixture
def invitation(delegation):
    return InvitationFactory(delegation=delegation)


def form(rows, *, initial=0, **details):
    data = {"d-head_name": "Hon. Amina Mohamed", "d-head_level": "minister",
            "d-focal_point_email": "mission@kenya.example", **details,
            "privacy_consent": "on",
            "m-TOTAL_FORMS": str(len(rows)), "m-INITIAL_FORMS": str(initial),
            "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "3"}
    for number, row in enumerate(rows):
        data.update({f"m-{number}-{key}": value for key, value in row.items()})
    return data


def post(client, invitation, rows, **kwargs):
    return client.post(invitation.get_absolute_url(), form(rows, **kwargs))


def stored_files(media):
    return [name.split("/")[0] for name in media.names()]


def test_registration_page_is_multipart_and_explains_the_photo(client, invitation):
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "plain light background, head and shoulders" in page
    assert "at least 300×400 pixels, JPEG or PNG, at most 5.0\xa0MB" in page
    assert 'name="m-0-photo"' in page and 'name="d-credentials_document"' in page


def test_credentials_label_follows_the_kind_of_delegation(client, invitation, event):
    assert "Note verbale" in client.get(invitation.get_absolute_url()).content.decode()
    ngo = InvitationFactory(delegation=DelegationFactory(event=event, kind=DelegationKind.NGO,
                                                         focal_point_email="a@ngo.example"))
    page = client.get(ngo.get_absolute_url()).content.decode()
    assert "Nomination letter" in page and "Note verbale" not in page


def test_photo_is_stored_reencoded_under_a_random_name(client, invitation, delegation, media):
    response = post(client, invitation, [{"family_name": "Mohamed",
                                          "photo": photo_upload((600, 800), "PNG", "me.png")}])
    assert response.status_code == 302
    member = delegation.members.get()
    assert member.photo.name.startswith("photos/") and member.photo.name.endswith(".jpg")
    assert "me" not in os.path.basename(member.photo.name)
    with member.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert (image.format, image.size) == ("JPEG", (600, 800))


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("me.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
     "Member 1, Photo: The photo must be a JPEG or PNG image."),
    (SimpleUploadedFile("me.jpg", PDF_BYTES, "image/jpeg"),
     "Member 1, Photo: The photo must be a JPEG or PNG image."),
    (SimpleUploadedFile("me.gif", image_bytes(fmt="GIF"), "image/gif"),
     "Member 1, Photo: The photo must be a JPEG or PNG image."),
    (SimpleUploadedFile("me.jpg", image_bytes((200, 300)), "image/jpeg"),
     "Member 1, Photo: The photo is 200×300 pixels; it must be at least 300×400."),
    (SimpleUploadedFile("me.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024), "image/jpeg"),
     "Member 1, Photo: The file is 5.0\xa0MB; the limit is 5.0\xa0MB."),
])
def test_bad_photos_are_refused_naming_member_and_field(client, invitation, delegation, media,
                                                        upload, message):
    upload.seek(0)  # one file for both storages' runs
    response = post(client, invitation, [{"family_name": "Mohamed", "photo": upload}])
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page.replace("&times;", "×")
    # A refused file is not kept: the page does not say so, and nothing is stored.
    assert 'data-testid="files-kept"' not in page
    assert delegation.members.count() == 0
    assert stored_files(media) == []


def test_photo_error_names_the_second_member(client, invitation, delegation):
    rows = [{"family_name": "Mohamed", "photo": photo_upload()},
            {"family_name": "Otieno", "photo": photo_upload((300, 399))}]
    response = post(client, invitation, rows)
    assert response.status_code == 400
    assert "Member 2, Photo: The photo is 300×399 pixels" in response.content.decode()
    assert delegation.members.count() == 0


def test_member_keeps_the_photo_when_edited_without_a_new_one(client, invitation, delegation):
    post(client, invitation, [{"family_name": "Mohamed", "photo": photo_upload()}])
    member = delegation.members.get()
    kept = member.photo.name
    response = post(client, invitation, [{"id": member.pk, "family_name": "Mohamed",
                                          "given_names": "Amina", "photo": ""}], initial=1)
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.given_names, member.photo.name) == ("Amina", kept)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "A photo is on file; choose one only to replace it." in page


def test_a_new_photo_replaces_the_old_file(client, invitation, delegation, media,
                                           django_capture_on_commit_callbacks):
    post(client, invitation, [{"family_name": "Mohamed", "photo": photo_upload()}])
    member = delegation.members.get()
    old = member.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, invitation, [{"id": member.pk, "family_name": "Mohamed",
                                              "photo": photo_upload((400, 500))}], initial=1)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.photo.name != old
    assert media.names() == [member.photo.name] and old != member.photo.name


def test_removing_a_member_deletes_their_photo(client, invitation, delegation, media,
                                               django_capture_on_commit_callbacks):
    post(client, invitation, [{"family_name": "Mohamed"},
                              {"family_name": "Otieno", "photo": photo_upload()}])
    head, leaving = delegation.members.order_by("family_name")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, invitation, [
            {"id": head.pk, "family_name": "Mohamed"},
            {"id": leaving.pk, "family_name": "Otieno", "DELETE": "on"}], initial=2)
    assert response.status_code == 302
    assert list(delegation.members.values_list("family_name", flat=True)) == ["Mohamed"]
    assert stored_files(media) == []


def test_credentials_document_is_received_by_content(client, invitation, delegation):
    response = post(client, invitation, [{"family_name": "Mohamed"}],
                    **{"d-credentials_document": pdf_upload("our note.PDF")})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.credentials_document.name.startswith("credentials/")
    assert delegation.credentials_document.name.endswith(".pdf")
    assert delegation.credentials_received_at is not None
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "is on file; choose a file only to replace it." in page


def test_a_jpeg_scan_is_a_document_too(client, invitation, delegation):
    scan = SimpleUploadedFile("scan.pdf", image_bytes((800, 1100)), "application/pdf")
    response = post(client, invitation, [{"family_name": "Mohamed"}],
                    **{"d-credentials_document": scan})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.credentials_document.name.endswith(".jpg")


def test_a_credentials_document_that_is_not_one_is_refused(client, invitation, delegation):
    fake = SimpleUploadedFile("note.pdf", b"<html><body>hello</body></html>", "application/pdf")
    response = post(client, invitation, [{"family_name": "Mohamed"}],
                    **{"d-credentials_document": fake})
    assert response.status_code == 400
    assert "Note verbale: The document must be a PDF, JPEG or PNG file." in \
        response.content.decode()
    delegation.refresh_from_db()
    assert not delegation.credentials_document
    assert delegation.members.count() == 0


def test_a_new_credentials_document_must_be_checked_again(client, invitation, delegation,
                                                          secretariat):
    post(client, invitation, [{"family_name": "Mohamed"}],
         **{"d-credentials_document": pdf_upload()})
    delegation.refresh_from_db()
    delegation.credentials_checked_by = secretariat
    delegation.credentials_checked_at = delegation.credentials_received_at
    delegation.save()
    member = delegation.members.get()
    post(client, invitation, [{"id": member.pk, "family_name": "Mohamed"}], initial=1,
         **{"d-credentials_document": pdf_upload()})
    delegation.refresh_from_db()
    assert (delegation.credentials_checked_by, delegation.credentials_checked_at) == (None, None)


@pytest.mark.parametrize("days_after_end", [0, -1, -400])
def test_id_document_must_be_valid_after_the_event(client, invitation, delegation, event,
                                                   days_after_end):
    expiry = event.end_date + timedelta(days=days_after_end)
    response = post(client, invitation, [{"family_name": "Mohamed",
                                          "id_document_number": "AK123456",
                                          "id_document_expiry": expiry.isoformat()}])
    assert response.status_code == 400
    assert (f"Member 1, ID document expiry: The document expires on {expiry.isoformat()}: it "
            f"must still be valid after the event&#x27;s last day, "
            f"{event.end_date.isoformat()}.") in response.content.decode()
    assert delegation.members.count() == 0


def test_id_document_number_is_stored_and_never_shown_back(client, invitation, delegation,
                                                           event):
    expiry = event.end_date + timedelta(days=1)
    response = post(client, invitation, [{"family_name": "Mohamed",
                                          "id_document_number": " AK123456 ",
                                          "id_document_expiry": expiry.isoformat()}])
    assert response.status_code == 302
    member = delegation.members.get()
    assert (member.id_document_number, member.id_document_expiry) == ("AK123456", expiry)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "AK123456" not in page
    assert "A number is on file; leave blank to keep it." in page
    # Edited without retyping it: the number stays.
    post(client, invitation, [{"id": member.pk, "family_name": "Mohamed",
                               "id_document_expiry": expiry.isoformat()}], initial=1)
    member.refresh_from_db()
    assert member.id_document_number == "AK123456"


def test_airports_are_upper_case_iata_codes(client, invitation, delegation):
    response = post(client, invitation, [{"family_name": "Mohamed", "arrival_airport": " han",
                                          "departure_airport": "Sgn", "hotel": "Daewoo",
                                          "arrival_at": "2026-12-13T09:30",
                                          "arrival_flight": "KQ 870"}])
    assert response.status_code == 302
    member = delegation.members.get()
    assert (member.arrival_airport, member.departure_airport, member.hotel) == (
        "HAN", "SGN", "Daewoo")


@pytest.mark.parametrize("code", ["HA", "H4N", "Hanoi", "ÅÄÖ"])
def test_bad_airport_codes_name_the_member_and_field(client, invitation, delegation, code):
    response = post(client, invitation, [{"family_name": "Mohamed", "arrival_airport": code}])
    assert response.status_code == 400
    expected = ("Member 1, Arrival airport: Ensure this value has at most 3 characters"
                if len(code) > 3 else "Member 1, Arrival airport: Enter the airport&#x27;s "
                "three-letter IATA code, e.g. HAN.")
    assert expected in response.content.decode()
    assert delegation.members.count() == 0


def test_registration_is_stamped_once_and_announced(client, invitation, delegation,
                                                    django_capture_on_commit_callbacks):
    heard = []
    delegation_registered.connect(lambda **kw: heard.append(kw["delegation"].pk), weak=False,
                                  dispatch_uid="test-uploads")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post(client, invitation, [{"family_name": "Mohamed"}])
        delegation.refresh_from_db()
        first = delegation.registered_at
        member = delegation.members.get()
        with django_capture_on_commit_callbacks(execute=True):
            post(client, invitation, [{"id": member.pk, "family_name": "Mohamed",
                                       "given_names": "Amina"}], initial=1)
    finally:
        delegation_registered.disconnect(dispatch_uid="test-uploads")
    delegation.refresh_from_db()
    assert first is not None and delegation.registered_at == first
    assert delegation.status == DelegationStatus.REGISTERED
    assert heard == [delegation.pk, delegation.pk]


def test_a_registration_without_members_is_refused(client, invitation, delegation):
    response = post(client, invitation, [{"family_name": "", "given_names": ""}])
    assert response.status_code == 400
    assert "Register at least one member of the delegation" in response.content.decode()
    delegation.refresh_from_db()
    assert (delegation.status, delegation.registered_at) == (DelegationStatus.INVITED, None)


def test_the_last_member_cannot_be_removed(client, invitation, delegation):
    member = MemberFactory(delegation=delegation, family_name="Mohamed")
    response = post(client, invitation, [{"id": member.pk, "family_name": "Mohamed",
                                          "DELETE": "on"}], initial=1)
    assert response.status_code == 400
    assert delegation.members.count() == 1
