"""Files a public form keeps when it comes back with an error (logistics.core.kept_uploads): on
the media application, its correction link and a delegation's registration, the files sent
are kept, cleaned, in the storage, for this visitor only, and attached when the form is
sent again without choosing them; a reference from another visitor, altered, or swapped to
another field opens nothing; what is never sent is deleted after a day."""

import re
import time

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from accreditation.applications.models.applications import Application
from logistics.core.kept_uploads import KEPT_FOR, kept_uploads_expire
from logistics.core.tasks import expire_kept_uploads
from tests.accreditation.applications.test_apply_public import (
    APPLY,
    THANKS,
    application_data,
    correct_url,
    field_errors,
    pdf,
)
from tests.factories.delegations import DelegationFactory, country
from tests.factories.registration import InvitationFactory, pdf_upload, photo_upload

FILES = ("letter_of_assignment", "press_card", "id_copy", "photo")
REFERENCE = re.compile(r'name="([\w-]+-kept)" value="([^"]+)"')


# On the disk and on a bucket (tests/plugins/file_storage.py).
pytestmark = pytest.mark.usefixtures("media")


def stored(media, folder=""):
    return media.names(folder)


def kept_references(response):
    """{field's name in the form: signed reference} of the files shown as kept."""
    return dict(REFERENCE.findall(response.content.decode()))


def without_files(data):
    return {key: value for key, value in data.items() if key not in FILES}


def test_media_form_keeps_every_file_after_an_error_and_attaches_them_when_sent_again(
        client, cats, outlet, media, django_capture_on_commit_callbacks):
    data = application_data(outlet, date_of_birth="2999-01-01")
    for name in FILES:
        data[name].name = f"my-{name}.bin"
    response = client.post(APPLY, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert field_errors(response, "date_of_birth")
    # Shown back by the names they had on the phone, each with its signed reference.
    for name in FILES:
        assert re.search(rf'data-testid="kept-{name}">.*?Kept: <bdi[^>]*>my-{name}\.bin</bdi>',
                         page), name
    assert sorted(kept_references(response)) == sorted(f"{name}-kept" for name in FILES)
    kept = stored(media, "kept")
    assert len(kept) == 4 and stored(media) == kept  # in the storage, nowhere else
    contents = sorted(default_storage.open(name).read() for name in kept)
    # Cleaned as every upload is: the camera's EXIF (maker, GPS position) is gone already.
    assert not any(b"SecretCameraMaker" in content for content in contents)

    # Sent again, corrected, without choosing any file.
    again = {**without_files(data), "date_of_birth": "1988-04-02",
             **kept_references(response)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, again)
    assert response.status_code == 302 and response["Location"] == THANKS
    application = Application.objects.get()
    # The record holds the kept files byte for byte (not cleaned twice), and they moved.
    assert sorted(default_storage.open(getattr(application, name).name).read()
                  for name in FILES) == contents
    assert stored(media, "kept") == []
    assert len(stored(media)) == 4


def test_a_file_chosen_again_replaces_the_kept_one(client, cats, outlet, media,
                                                   django_capture_on_commit_callbacks):
    first = client.post(APPLY, application_data(outlet, phone=""))
    assert len(stored(media, "kept")) == 4
    again = {**without_files(application_data(outlet)), **kept_references(first),
             "photo": application_data(outlet)["photo"]}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(APPLY, again).status_code == 302
    assert stored(media, "kept") == []
    assert Application.objects.get().photo.name.startswith("photos/")


def test_a_kept_reference_from_another_visitor_is_refused(client, cats, outlet, media):
    mine = client.post(APPLY, application_data(outlet, date_of_birth="2999-01-01"))
    references = kept_references(mine)
    stranger = Client()
    response = stranger.post(APPLY, {**without_files(application_data(outlet)),
                                      **references})
    assert response.status_code == 400
    for name in FILES:
        assert field_errors(response, name) == ["This field is required."], name
    assert kept_references(response) == {}
    assert not Application.objects.exists()
    # The stranger's post changed nothing of mine: my files are still kept for me.
    assert len(stored(media, "kept")) == 4
    assert client.post(APPLY, {**without_files(application_data(outlet)), **references}
                       ).status_code == 302


@pytest.mark.parametrize("tamper", [
    pytest.param(lambda refs: {k: v[:-2] + ("AA" if v[-2:] != "AA" else "BB")
                               for k, v in refs.items()}, id="signature altered"),
    pytest.param(lambda refs: {"photo-kept": refs["id_copy-kept"],
                               "id_copy-kept": refs["photo-kept"],
                               "letter_of_assignment-kept": refs["letter_of_assignment-kept"],
                               "press_card-kept": refs["press_card-kept"]},
                 id="swapped to another field"),
    pytest.param(lambda refs: {k: "kept/0-0.jpg" for k in refs}, id="a storage name"),
])
def test_a_tampered_kept_reference_is_refused(client, cats, outlet, media, tamper):
    references = kept_references(client.post(APPLY, application_data(
        outlet, date_of_birth="2999-01-01")))
    changed = tamper(references)
    response = client.post(APPLY, {**without_files(application_data(outlet)), **changed})
    assert response.status_code == 400
    refused = [name for name in FILES if references[f"{name}-kept"] != changed[f"{name}-kept"]]
    for name in refused:
        assert field_errors(response, name) == ["This field is required."], name
    assert not Application.objects.exists()


def test_a_kept_file_older_than_a_day_is_deleted_and_an_applications_files_are_not(
        client, cats, outlet, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY, application_data(outlet))  # sent: its files are the record's
    application = Application.objects.get()
    visitor = Client()
    abandoned = visitor.post(APPLY, application_data(outlet, email="a@b.example",
                                                      phone=""))
    assert len(kept_references(abandoned)) == 4
    records = stored(media)
    assert len(stored(media, "kept")) == 4

    assert kept_uploads_expire(now=time.time() + KEPT_FOR.total_seconds() - 60) == 0
    assert stored(media) == records  # younger than a day: kept
    assert kept_uploads_expire(now=time.time() + KEPT_FOR.total_seconds() + 60) == 4
    assert stored(media, "kept") == []
    for name in FILES:
        assert default_storage.exists(getattr(application, name).name), name
    assert expire_kept_uploads() == 0  # the beat task: nothing more to do
    # The abandoned form's references open nothing any more.
    response = visitor.post(APPLY, {**without_files(application_data(outlet)),
                                             **kept_references(abandoned)})
    assert field_errors(response, "photo") == ["This field is required."]


def test_correction_link_keeps_a_new_file_after_an_error(client, cats, outlet, officer, media,
                                                        django_capture_on_commit_callbacks):
    from accreditation.applications.services.applications import application_request_information

    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY, application_data(outlet))
    application = Application.objects.get()
    application_request_information(application=application, by=officer,
                                    message="Please send a signed letter.")
    before = application.letter_of_assignment.name
    fields = without_files(application_data(outlet, id_document_number=""))
    response = client.post(correct_url(application), {**fields, "phone": "",
                                                      "letter_of_assignment": pdf("signed.pdf")})
    assert response.status_code == 400
    assert list(kept_references(response)) == ["letter_of_assignment-kept"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(correct_url(application), {**fields,
                                                          **kept_references(response)})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.letter_of_assignment.name not in ("", before)
    assert stored(media, "kept") == []


def test_registration_keeps_member_photos_and_credentials_after_an_error(
        client, event, media, django_capture_on_commit_callbacks):
    delegation = DelegationFactory(event=event, country=country("KE"), name="Kenya",
                                   size_quota=3, focal_point_email="mission@kenya.example")
    invitation = InvitationFactory(delegation=delegation)
    url = invitation.get_absolute_url()
    data = {"d-head_name": "Hon. Amina Mohamed", "d-head_level": "minister",
            "d-focal_point_email": "mission@kenya.example", "privacy_consent": "on",
            "m-TOTAL_FORMS": "2", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
            "m-MAX_NUM_FORMS": "3",
            "m-0-family_name": "Mohamed", "m-0-given_names": "Amina",
            "m-1-family_name": "Otieno", "m-1-given_names": "James",
            "m-1-arrival_airport": "XX1"}  # the error
    files = {"d-credentials_document": pdf_upload(), "m-0-photo": photo_upload(),
             "m-1-photo": photo_upload()}
    response = client.post(url, {**data, **files})
    assert response.status_code == 400
    assert 'data-testid="files-kept"' in response.content.decode()
    references = kept_references(response)
    assert sorted(references) == ["d-credentials_document-kept", "m-0-photo-kept",
                                  "m-1-photo-kept"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "m-1-arrival_airport": "NBO", **references})
    assert response.status_code == 302, response.content.decode()[:3000]
    delegation.refresh_from_db()
    assert delegation.credentials_document.name.startswith("credentials/")
    assert sorted(bool(m.photo) for m in delegation.members.all()) == [True, True]
    assert stored(media, "kept") == []
