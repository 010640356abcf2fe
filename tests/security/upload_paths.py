"""Every way a file reaches Accord's storage, as a person or a program sends it: the public
media form, its correction link, the accreditation office's entry form, an integration's
API call (an application's files, multipart), a delegation's registration (credentials and
members' photos) and the protocol office's full powers. (Imports take spreadsheets, not
uploads.) The tests of uploads walk this list.

Each path knows its form fields, each a PHOTO or a DOCUMENT, posts files to them through the
real view (with the rest of the form valid, or not), and finds the file stored."""

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_request_information
from accreditation.keys.services import api_key_create
from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind
from logistics.delegations.models import Delegation
from logistics.signing.models import Signing
from tests.accreditation.applications.test_apply_public import APPLY, application_data, correct_url
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import user_with_role
from tests.factories.registration import InvitationFactory, pdf_upload, photo_upload
from tests.factories.signing import SigningFactory

PHOTO, DOCUMENT = "photo", "document"
_unique = itertools.count(1)


@dataclass(frozen=True)
class UploadPath:
    name: str
    fields: dict  # form field -> PHOTO or DOCUMENT
    # (client, site, {form field: upload}, valid) -> a function that posts them and returns
    # the response: the records and data are made first, so that what the post costs can be
    # measured alone. The files not given are honest ones where the form needs them, the
    # other fields valid unless `valid` is False.
    prepare: Callable
    # (site, form field) -> the stored FieldFile, after a send that was accepted.
    stored: Callable
    can_be_invalid: bool = True
    accepted_status: int = 302  # a page redirects after a post it took; the API answers 200

    def send(self, client, site, files, valid=True):
        return self.prepare(client, site, files, valid)()

    def fields_taking(self, content):
        return [field for field, takes in self.fields.items() if takes == content]


class Site:
    """What the paths post to: an event with its categories and an outlet, the staff who
    use the forms."""

    def __init__(self, event, outlet):
        self.event, self.outlet = event, outlet
        self.officer = user_with_role(Role.ACCREDITATION, username="upload-officer")
        self.protocol = user_with_role(Role.PROTOCOL, username="upload-protocol")
        self.last = None  # the record the last send wrote to


APPLICATION_FILES = {"photo": PHOTO, "letter_of_assignment": DOCUMENT,
                     "press_card": DOCUMENT, "id_copy": DOCUMENT}


def _person(valid):
    n = next(_unique)
    return {"family_name": "Nguyễn" if valid else "", "email": f"upload{n}@example.org",
            "id_document_number": f"U{n:07d}"}


def _public_form(client, site, files, valid):
    client.logout()
    honest = {"photo": lambda: photo_upload((600, 800)), "letter_of_assignment": pdf_upload,
              "press_card": pdf_upload, "id_copy": pdf_upload}
    files = {**{field: make() for field, make in honest.items() if field not in files}, **files}
    data = application_data(site.outlet, **_person(valid), **files)

    def post():
        response = client.post(APPLY, data)
        site.last = Application.objects.order_by("-pk").first()
        return response
    return post


def _correction(client, site, files, valid):
    client.logout()
    application = journalist(site.event, outlet=site.outlet)
    application_request_information(application=application, by=site.officer,
                                    message="Please send the files again.")
    application.refresh_from_db()
    site.last = application
    data = application_data(site.outlet, **_person(valid), photo=None,
                            letter_of_assignment=None, press_card=None, id_copy=None)
    return lambda: client.post(correct_url(application), {**data, **files})


def _office_entry(client, site, files, valid):
    client.force_login(site.officer)
    category = site.event.accreditation_categories.get(code="P")
    person = _person(valid)
    data = {"family_name": person["family_name"], "given_names": "Văn An", "gender": "male",
            "date_of_birth": "1980-05-04", "nationality": country("VN").pk,
            "email": person["email"], "organisation": "VNA", "function": "Reporter",
            "id_document_kind": "passport", "id_document_number": person["id_document_number"],
            "id_document_expiry": "2031-01-01", "outlet": site.outlet.pk,
            "media_role": "reporter", **files}
    url = reverse("accreditation:application_add") + f"?category={category.pk}"

    def post():
        response = client.post(url, data)
        site.last = Application.objects.order_by("-pk").first()
        return response
    return post


def _api(client, site, files, valid):
    """An integration's key sends the files of an application it submitted (the call takes
    files only: there is no other field to get wrong)."""
    client.logout()
    application = journalist(site.event, outlet=site.outlet)
    site.last = application
    _key, raw = api_key_create(name=f"media portal {next(_unique)}",
                               scopes=["accreditation:write"])
    url = f"/api/v1/applications/{application.reference}/files/"
    return lambda: client.post(url, files, HTTP_AUTHORIZATION=f"Bearer {raw}")


def _registration(client, site, files, valid):
    client.logout()
    n = next(_unique)
    delegation = DelegationFactory(event=site.event, kind=DelegationKind.NGO,
                                   name=f"Upload NGO {n}", size_quota=3,
                                   focal_point_email=f"focal{n}@ngo.example")
    invitation = InvitationFactory(delegation=delegation)
    site.last = delegation
    data = {"d-head_name": "Amina Mohamed", "d-head_level": "minister",
            "d-focal_point_email": delegation.focal_point_email,
            "privacy_consent": "on",
            "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
            "m-MAX_NUM_FORMS": "3", "m-0-family_name": "Mohamed",
            # A date of birth that cannot be, when the rest must be invalid.
            "m-0-date_of_birth": "" if valid else "1800-99-99"}
    data.update(files)
    return lambda: client.post(invitation.get_absolute_url(), data)


def _registration_stored(site, field):
    delegation = Delegation.objects.get(pk=site.last.pk)
    if field == "d-credentials_document":
        return delegation.credentials_document
    return delegation.members.get().photo


def _full_powers(client, site, files, valid):
    client.force_login(site.protocol)
    signing = SigningFactory(delegation__event=site.event,
                             delegation__country=country(_COUNTRIES[next(_unique) % 40]))
    site.last = signing
    url = reverse("logistics:signing_full_powers", args=[signing.pk])
    return lambda: client.post(url, files)


_COUNTRIES = ["KE", "CL", "FR", "GH", "MX", "ZW", "BR", "IN", "JP", "NG", "PE", "SN", "TH",
              "TN", "UY", "VN", "AR", "AU", "BE", "CA", "DE", "EG", "ES", "FI", "GB", "ID",
              "IT", "KR", "MA", "MY", "NL", "NO", "NZ", "PH", "PL", "PT", "SE", "TR", "UA",
              "ZA"]

PATHS = [
    UploadPath("public media form", APPLICATION_FILES, _public_form,
               lambda site, field: getattr(Application.objects.get(pk=site.last.pk), field)),
    UploadPath("correction link", APPLICATION_FILES, _correction,
               lambda site, field: getattr(Application.objects.get(pk=site.last.pk), field)),
    UploadPath("office entry", APPLICATION_FILES, _office_entry,
               lambda site, field: getattr(Application.objects.get(pk=site.last.pk), field)),
    UploadPath("api", APPLICATION_FILES, _api,
               lambda site, field: getattr(Application.objects.get(pk=site.last.pk), field),
               can_be_invalid=False, accepted_status=200),
    UploadPath("delegation registration",
               {"m-0-photo": PHOTO, "d-credentials_document": DOCUMENT}, _registration,
               _registration_stored),
    UploadPath("full powers", {"document": DOCUMENT}, _full_powers,
               lambda site, field: Signing.objects.get(pk=site.last.pk).full_powers_document,
               can_be_invalid=False),
]
