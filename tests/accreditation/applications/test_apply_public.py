"""The journalists' public pages: the application form at /apply/media/, the status check at
/apply/status/ and the correction link. Bad input is refused with a message at its field and
nothing is written; the applicant sees their own status and nothing internal."""

import io
import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from PIL import Image

from accreditation.applications.mail import SUBJECTS
from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import (
    application_reject,
    application_request_information,
)
from accreditation.enums import ApplicationSource, ApplicationStatus, VettingStatus
from accreditation.vetting.services.decisions import application_vet
from logistics.core.uploads import PHOTO_MAX_BYTES
from tests.factories.accreditation import OutletFactory, approved, journalist
from tests.factories.delegations import country
from tests.factories.plan import EventFactory
from tests.factories.registration import PDF_BYTES, image_bytes

APPLY = "/apply/media/"
THANKS = "/apply/media/thanks/"
STATUS = "/apply/status/"
PASSPORT = "C7654321"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def photo_with_exif(fmt="JPEG", size=(600, 800), name="me.jpg"):
    """A camera photo: EXIF with the maker and a GPS position the badge must not carry."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 40.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", size, (230, 230, 235)).save(out, format=fmt, exif=exif)
    content_type = "image/png" if fmt == "PNG" else "image/jpeg"
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


def pdf(name="letter.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def jpeg(name="press-card.jpg", size=(400, 300)):
    return SimpleUploadedFile(name, image_bytes(size), content_type="image/jpeg")


def application_data(outlet, **changes):
    """What a journalist types and attaches; a value of None leaves the field out."""
    data = {
        "family_name": "Nguyễn", "given_names": "Thị Lan", "gender": "female",
        "date_of_birth": "1988-04-02", "nationality": country("VN").pk,
        "email": "lan@vna.example", "phone": "+84 24 3825 3536",
        "id_document_kind": "passport", "id_document_number": PASSPORT,
        "id_document_expiry": "2034-01-01", "outlet": outlet.pk if outlet else "",
        "media_role": "reporter", "function": "Chief correspondent",
        "equipment": "One camera, one tripod",
        "letter_of_assignment": pdf(), "press_card": jpeg(), "id_copy": pdf("passport.pdf"),
        "photo": photo_with_exif(),
        "privacy_consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def field_errors(response, name):
    return re.findall(rf'data-testid="error-{name}">([^<]*)<', response.content.decode())


# The form


def test_form_explains_the_photo_and_the_letter_and_takes_files(client, cats, outlet):
    response = client.get(APPLY)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in page
    assert "plain white or light grey background" in page
    assert "head and upper shoulders" in page and "face fully visible" in page
    assert "at least 300×400 pixels, at most 5.0\xa0MB" in page
    assert "signed and dated by the editor-in-chief" in page
    assert f'<option value="{outlet.pk}">Vietnam News Agency (Viet Nam)</option>' in page
    for name in ("letter_of_assignment", "press_card", "id_copy", "photo"):
        assert f'type="file" name="{name}"' in page


def test_form_is_closed_when_the_event_has_no_media_category(client, event):
    response = client.get(APPLY)
    assert response.status_code == 200
    assert "Media accreditation is not open" in response.content.decode()
    assert 'name="family_name"' not in response.content.decode()
    # A post is refused the same way, and writes nothing.
    assert client.post(APPLY, application_data(None)).status_code == 200
    assert not Application.objects.exists()


def test_form_is_closed_after_the_event(client, db):
    past = EventFactory(start_date=date.today() - timedelta(days=10),
                        end_date=date.today() - timedelta(days=8))
    from tests.factories.accreditation import categories

    categories(past)
    outlet = OutletFactory(event=past)
    response = client.get(APPLY)
    assert response.status_code == 200
    assert "no longer takes applications" in response.content.decode()
    assert client.post(APPLY, application_data(outlet)).status_code == 200
    assert not Application.objects.exists()


def test_form_without_any_event_is_not_found(client, db):
    response = client.get(APPLY)
    assert response.status_code == 404
    assert "No event takes media accreditation applications" in response.content.decode()


def test_form_query_count_does_not_grow_with_outlets(client, cats, event,
                                                     django_assert_max_num_queries,
                                                     django_assert_num_queries):
    """The event, its media categories, the outlets (with their countries) and the two
    country lists: the same few queries with one outlet or six."""
    OutletFactory(event=event)
    with django_assert_max_num_queries(5) as one:
        assert client.get(APPLY).status_code == 200
    OutletFactory.create_batch(5, event=event, country=country("FR"))
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(APPLY).status_code == 200


# A good application


def test_good_application_is_received_with_a_reference_and_a_mail(
        client, cats, outlet, media, celery_eager, django_capture_on_commit_callbacks,
        mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, application_data(outlet))
    assert response.status_code == 302 and response.url == THANKS
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.source == ApplicationSource.PUBLIC_FORM
    assert application.category == cats["P"]
    assert application.vetting == VettingStatus.PENDING
    assert (application.family_name, application.given_names) == ("Nguyễn", "Thị Lan")
    assert application.outlet == outlet and application.organisation == "Vietnam News Agency"
    assert application.id_document_number == PASSPORT
    assert application.media_role == "reporter"
    assert [t.to_status for t in application.transitions.all()] == ["submitted"]

    page = client.get(THANKS).content.decode()
    assert f'data-testid="reference">{application.reference}<' in page
    assert "lan@vna.example" in page

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["lan@vna.example"]
    assert application.reference in mail.subject and application.reference in mail.body


def test_photo_is_reencoded_to_jpeg_without_exif(client, cats, outlet, media):
    response = client.post(APPLY, application_data(
        outlet, photo=photo_with_exif("PNG", name="me.png")))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.photo.name.startswith("photos/")
    assert application.photo.name.endswith(".jpg")
    data = application.photo.read()
    assert b"SecretCameraMaker" not in data
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (600, 800)
    assert dict(image.getexif()) == {}
    assert application.letter_of_assignment.name.endswith(".pdf")
    assert application.press_card.name.endswith(".jpg")
    assert len(stored_files(media)) == 4


def test_technician_goes_to_the_media_technician_category(client, cats, outlet):
    assert client.post(APPLY, application_data(outlet, media_role="technician")) \
        .status_code == 302
    assert Application.objects.get().category == cats["T"]


def test_journalist_proposes_an_outlet_not_in_the_list(client, cats, outlet):
    response = client.post(APPLY, application_data(
        None, proposed_outlet="  Tuổi Trẻ Online ", proposed_outlet_country=country("VN").pk,
        proposed_outlet_kind="online"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.outlet is None
    assert (application.proposed_outlet, application.proposed_outlet_kind) == (
        "Tuổi Trẻ Online", "online")
    assert application.proposed_outlet_country == country("VN")
    assert application.organisation == "Tuổi Trẻ Online"


def test_proposing_an_outlet_already_listed_picks_it(client, cats, outlet):
    assert client.post(APPLY, application_data(None, proposed_outlet="vietnam news agency")) \
        .status_code == 302
    application = Application.objects.get()
    assert application.outlet == outlet and application.proposed_outlet == ""


def test_a_proposed_outlet_needs_its_country_and_kind(client, cats, outlet):
    response = client.post(APPLY, application_data(None, proposed_outlet="Tuổi Trẻ Online"))
    assert response.status_code == 400
    assert field_errors(response, "proposed_outlet_country") == [
        "Say where the outlet is based."]
    assert field_errors(response, "proposed_outlet_kind") == ["Say what kind of outlet it is."]
    assert "<details" in response.content.decode() and " open data-testid" in \
        response.content.decode()
    assert not Application.objects.exists()


def test_an_outlet_is_required(client, cats, outlet):
    response = client.post(APPLY, application_data(None))
    assert response.status_code == 400
    assert field_errors(response, "outlet") == [
        "Pick your outlet, or name it below if it is not in the list."]


def test_an_outlet_of_another_event_cannot_be_picked(client, cats, outlet):
    elsewhere = OutletFactory(event=EventFactory(start_date=date.today() + timedelta(days=90),
                                                 end_date=date.today() + timedelta(days=91)))
    response = client.post(APPLY, application_data(elsewhere))
    assert response.status_code == 400
    assert field_errors(response, "outlet")
    assert not Application.objects.exists()


# Bad uploads: each refused at its field, nothing stored


def script_as_jpg():
    return SimpleUploadedFile("photo.jpg", b"#!/bin/sh\nrm -rf /\n" * 20,
                              content_type="image/jpeg")


@pytest.mark.parametrize(("field", "upload", "message"), [
    ("photo", script_as_jpg, "The photo must be a JPEG or PNG image."),
    ("photo", lambda: jpeg("small.jpg", (200, 260)),
     "The photo is 200×260 pixels; it must be at least 300×400."),
    ("photo", lambda: SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * PHOTO_MAX_BYTES,
                                         content_type="image/jpeg"),
     "the limit is 5.0\xa0MB"),
    ("letter_of_assignment",
     lambda: SimpleUploadedFile("letter.pdf", b"<html>not a pdf</html>",
                                content_type="application/pdf"),
     "The document must be a PDF, JPEG or PNG file."),
    ("press_card", script_as_jpg, "The document must be a PDF, JPEG or PNG file."),
    ("id_copy", lambda: SimpleUploadedFile("passport.pdf", b"MZ\x90\x00" * 50,
                                           content_type="application/pdf"),
     "The document must be a PDF, JPEG or PNG file."),
])
def test_bad_upload_is_refused_at_its_field(client, cats, outlet, media, field, upload,
                                            message):
    response = client.post(APPLY, application_data(outlet, **{field: upload()}))
    assert response.status_code == 400
    errors = field_errors(response, field)
    assert len(errors) == 1 and message in errors[0]
    page = response.content.decode()
    # The three good files are kept for this visitor (logistics.core.kept_uploads), the bad one
    # is not; nothing else is stored.
    others = [name for name in ("letter_of_assignment", "press_card", "id_copy", "photo")
              if name != field]
    assert [name for name in others if f'data-testid="kept-{name}"' in page] == others
    assert f'data-testid="kept-{field}"' not in page
    assert 'value="Chief correspondent"' in page  # the rest is kept
    assert not Application.objects.exists()
    assert [name.split("/")[0] for name in stored_files(media)] == ["kept"] * 3


def test_missing_required_fields_are_each_named(client, cats, outlet, media):
    response = client.post(APPLY, {"family_name": "  "})
    assert response.status_code == 400
    for name in ("family_name", "gender", "date_of_birth", "nationality", "email", "phone",
                 "id_document_kind", "id_document_number", "id_document_expiry",
                 "media_role", "function", "letter_of_assignment", "press_card", "id_copy",
                 "photo"):
        assert field_errors(response, name) == ["This field is required."], name
    assert 'data-testid="application-errors"' in response.content.decode()
    assert not Application.objects.exists()


def test_id_document_must_outlast_the_event(client, event, cats, outlet):
    response = client.post(APPLY, application_data(
        outlet, id_document_expiry=event.end_date.isoformat()))
    assert response.status_code == 400
    assert field_errors(response, "id_document_expiry") == [
        f"The document expires on {event.end_date.isoformat()}: it must still be valid "
        f"after the event&#x27;s last day, {event.end_date.isoformat()}."]
    assert not Application.objects.exists()


def test_date_of_birth_in_the_future_is_refused(client, cats, outlet):
    response = client.post(APPLY, application_data(
        outlet, date_of_birth=(date.today() + timedelta(days=3)).isoformat()))
    assert response.status_code == 400
    assert field_errors(response, "date_of_birth")


# One person, one accreditation


def test_second_application_with_the_same_passport_is_held_not_refused(client, event, cats,
                                                                       outlet):
    """Refusing it would tell whoever typed the number that someone holds it: it is taken
    as any other, and held for the office (tests/accreditation/applications/test_duplicates_held.py
    compares the answers)."""
    first = journalist(event, id_document_number="c 765-4321", nationality=country("VN"))
    response = client.post(APPLY, application_data(outlet, email="other@vna.example"))
    assert (response.status_code, response.url) == (302, THANKS)
    second = Application.objects.exclude(pk=first.pk).get()
    assert (second.status, second.duplicate_of) == (ApplicationStatus.POSSIBLE_DUPLICATE,
                                                    first)


def test_second_application_with_the_same_email_is_held_not_refused(client, event, cats,
                                                                    outlet):
    first = journalist(event, email="Lan@VNA.example")
    response = client.post(APPLY, application_data(outlet))
    assert (response.status_code, response.url) == (302, THANKS)
    second = Application.objects.exclude(pk=first.pk).get()
    assert (second.status, second.duplicate_of) == (ApplicationStatus.POSSIBLE_DUPLICATE,
                                                    first)


def test_same_passport_of_another_nationality_is_another_person(client, event, cats, outlet):
    journalist(event, id_document_number=PASSPORT, nationality=country("FR"))
    assert client.post(APPLY, application_data(outlet)).status_code == 302
    assert Application.objects.count() == 2


# The thank-you page


def test_thanks_page_shows_only_this_browsers_application(client, event, cats, outlet):
    journalist(event)
    assert client.get(THANKS).status_code == 302  # nothing sent from this browser
    client.post(APPLY, application_data(outlet))
    mine = Application.objects.get(email="lan@vna.example")
    assert mine.reference in client.get(THANKS).content.decode()
    other = Client()
    response = other.get(THANKS)
    assert response.status_code == 302 and response.url == APPLY


# The status check


def status_of(client, reference, email):
    return client.post(STATUS, {"reference": reference, "email": email})


def test_status_shows_the_applicants_own_application(client, event, cats, vetter):
    application = journalist(event, email="mai@vna.example", id_document_number="B9988776")
    application_vet(application=application, by=vetter, cleared=False,
                    note="Internal: matches a watch list entry", reason="Do not accredit.")
    response = status_of(client, application.reference.lower(), " MAI@vna.example ")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="status">Submitted<' in page
    assert application.full_name in page
    for secret in ("B9988776", "watch list", "Do not accredit", "Flagged", "flagged",
                   application.token):
        assert secret not in page


def test_wrong_reference_and_wrong_email_give_the_same_answer(client, event, cats):
    application = journalist(event, email="mai@vna.example")
    wrong_email = status_of(client, application.reference, "someone@else.example")
    wrong_reference = status_of(client, "A-ZZZZ2222", "mai@vna.example")
    both = status_of(client, "A-ZZZZ2222", "someone@else.example")
    answers = {re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())
               .replace(application.reference, "").replace("A-ZZZZ2222", "")
               .replace("mai@vna.example", "").replace("someone@else.example", "")
               for r in (wrong_email, wrong_reference, both)}
    assert len(answers) == 1
    assert {r.status_code for r in (wrong_email, wrong_reference, both)} == {200}
    assert 'data-testid="status-not-found"' in wrong_email.content.decode()
    assert application.full_name not in wrong_email.content.decode()


def test_status_needs_information_shows_the_request_and_the_correction_link(
        client, event, cats, officer):
    application = journalist(event, email="mai@vna.example")
    application_request_information(application=application, by=officer,
                                    message="Your letter is not signed.")
    page = status_of(client, application.reference, "mai@vna.example").content.decode()
    assert "Needs information" in page
    assert "Your letter is not signed." in page
    assert f'href="/apply/correct/{application.token}/"' in page


def test_status_rejected_shows_the_reason(client, event, cats, officer):
    application = journalist(event, email="mai@vna.example")
    application_reject(application=application, by=officer,
                       reason="The outlet did not confirm the assignment.")
    page = status_of(client, application.reference, "mai@vna.example").content.decode()
    assert 'data-testid="status">Rejected<' in page
    assert "The outlet did not confirm the assignment." in page
    assert "/apply/correct/" not in page


def test_status_check_needs_the_csrf_token(event, cats):
    application = journalist(event, email="mai@vna.example")
    strict = Client(enforce_csrf_checks=True)
    assert status_of(strict, application.reference, "mai@vna.example").status_code == 403
    assert strict.get(STATUS).status_code == 200


# The correction link


def correct_url(application):
    return f"/apply/correct/{application.token}/"


@pytest.fixture
def asked(client, cats, outlet, officer, media):
    """An application sent through the form, then asked for more information."""
    client.post(APPLY, application_data(outlet))
    application = Application.objects.get()
    application_request_information(application=application, by=officer,
                                    message="Please send a signed letter of assignment.")
    application.refresh_from_db()
    return application


def test_correction_page_is_prefilled_except_the_id_number(client, asked):
    response = client.get(correct_url(asked))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please send a signed letter of assignment." in page
    assert 'value="Chief correspondent"' in page and 'value="Nguyễn"' in page
    assert PASSPORT not in page
    assert "leave blank to keep the number on record" in page
    assert "A file is on record: leave empty to keep it" in page


def test_correction_moves_the_application_back_to_submitted(client, asked, media):
    photo, letter = asked.photo.name, asked.letter_of_assignment.name
    data = application_data(asked.outlet, function="Senior correspondent",
                            id_document_number="", photo=None, press_card=None, id_copy=None,
                            letter_of_assignment=pdf("signed-letter.pdf"))
    response = client.post(correct_url(asked), data)
    assert response.status_code == 302 and response.url == correct_url(asked)
    asked.refresh_from_db()
    assert asked.status == ApplicationStatus.SUBMITTED
    assert asked.function == "Senior correspondent"
    assert asked.id_document_number == PASSPORT  # blank kept the number on record
    assert asked.photo.name == photo  # empty kept the file
    assert asked.letter_of_assignment.name != letter
    last = asked.transitions.last()
    assert (last.from_status, last.to_status, last.by) == (
        "needs_information", "submitted", None)
    assert last.actor == "the applicant"
    page = client.get(correct_url(asked)).content.decode()
    assert "is corrected and back with the accreditation office" in page


def test_correction_can_replace_the_id_number(client, asked):
    data = application_data(asked.outlet, id_document_number="N1122334",
                            photo=None, press_card=None, id_copy=None,
                            letter_of_assignment=None)
    assert client.post(correct_url(asked), data).status_code == 302
    asked.refresh_from_db()
    assert asked.id_document_number == "N1122334"


def test_bad_correction_changes_nothing(client, asked):
    data = application_data(asked.outlet, function="", photo=script_as_jpg(),
                            press_card=None, id_copy=None, letter_of_assignment=None)
    response = client.post(correct_url(asked), data)
    assert response.status_code == 400
    assert field_errors(response, "function") == ["This field is required."]
    assert field_errors(response, "photo") == ["The photo must be a JPEG or PNG image."]
    asked.refresh_from_db()
    assert asked.status == ApplicationStatus.NEEDS_INFORMATION
    assert asked.function == "Chief correspondent"


def test_correction_cannot_switch_to_another_category(client, asked):
    data = application_data(asked.outlet, media_role="technician",
                            photo=None, press_card=None, id_copy=None,
                            letter_of_assignment=None)
    response = client.post(correct_url(asked), data)
    assert response.status_code == 400
    assert "write to the accreditation office" in field_errors(response, "media_role")[0]


def test_correction_is_refused_once_approved(client, event, cats, outlet, officer):
    application = approved(journalist(event, outlet=outlet, function="Correspondent"),
                           officer=officer)
    transitions = Transition.objects.count()
    response = client.get(correct_url(application))
    assert response.status_code == 200
    assert "This application can no longer be changed" in response.content.decode()
    assert 'name="family_name"' not in response.content.decode()
    response = client.post(correct_url(application),
                           application_data(outlet, function="Editor"))
    assert "This application can no longer be changed" in response.content.decode()
    application.refresh_from_db()
    assert application.function == "Correspondent"
    assert application.status == ApplicationStatus.APPROVED
    assert Transition.objects.count() == transitions


def test_unknown_correction_link_is_not_found(client, db):
    assert client.get("/apply/correct/not-a-token/").status_code == 404


@pytest.mark.parametrize(("family", "given"), [("王", "小明"), ("العلي", "فاطمة"),
                                               ("Trần", "Thị Thu Hà")])
def test_names_in_any_script_are_kept_as_typed(client, cats, outlet, family, given):
    response = client.post(APPLY, application_data(outlet, family_name=family,
                                                   given_names=given))
    assert response.status_code == 302
    assert Application.objects.values_list("family_name", "given_names").get() == (
        family, given)


def test_service_errors_land_on_their_fields_and_the_rest_above(event, cats):
    from accreditation.applications.forms_public import MediaApplicationForm
    from accreditation.applications.queries.public import media_categories
    from accreditation.errors import InvalidApplication
    from logistics.core.views.refusals import service_call

    form = MediaApplicationForm({}, event=event, categories=media_categories(event))
    form.is_valid()
    with service_call(form=form):
        raise InvalidApplication("The application has errors.", fields={
            "function": ["Say what you do."], "category": ["This category is closed."]})
    assert "Say what you do." in form.errors["function"]
    assert form.non_field_errors() == ["This category is closed."]


@pytest.mark.parametrize("language", ["fr", "zh-hans", "ar"])
def test_the_applicants_mails_are_written_in_the_language_they_applied_in(
        client, cats, outlet, media, celery_eager, django_capture_on_commit_callbacks,
        mailoutbox, officer, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, application_data(outlet))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.mail_language == language

    # A later mail, sent by the office in English, still goes in the applicant's language.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        approved(application, officer=officer)
    with translation.override(language):
        subjects = [str(SUBJECTS[status]) % {"reference": application.reference}
                    for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED)]
    assert [mail.subject for mail in mailoutbox] == subjects
    assert all("Accreditation application" not in subject for subject in subjects)
