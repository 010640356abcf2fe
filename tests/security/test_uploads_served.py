"""Every kind of stored upload (members' photos, credentials, full powers; applicants'
photos, letters of assignment, press cards, ID copies) is stored under a random name, served
only by views that ask who is there, never as a page or a script, and never by MEDIA_URL.
Markup sent as a photo or a document is refused at the upload. (Side events take no files.)"""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accreditation.applications.models.applications import Application
from logistics.core.enums import Role
from tests.accreditation.applications.test_apply_public import APPLY, application_data, field_errors
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import user_with_role
from tests.factories.registration import PDF_BYTES, image_bytes, pdf_upload, photo_upload
from tests.factories.signing import SigningFactory

RANDOM_NAME = re.compile(r"^(photos|letters|press|ids|credentials|full-powers)/[0-9a-f]{32}"
                         r"\.(jpg|png|pdf)$")
SVG_WITH_SCRIPT = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
                   b'width="600" height="800"><script>alert(document.cookie)</script></svg>')
HTML_PAGE = b"<!doctype html><html><body><script>fetch('/api/v1/')</script></body></html>"


# On the disk and on a bucket (tests/plugins/file_storage.py).
pytestmark = pytest.mark.usefixtures("media")
MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG", "application/pdf": b"%PDF-"}


@pytest.fixture
def uploads(event, cats):
    """One of each kind of stored upload: (URL, kind of content, who may see it)."""
    application = journalist(event, photo=photo_upload(), letter_of_assignment=pdf_upload(),
                             press_card=SimpleUploadedFile("card.png", image_bytes(fmt="PNG")),
                             id_copy=pdf_upload())
    member = MemberFactory(delegation=DelegationFactory(event=event), photo=photo_upload())
    delegation = member.delegation
    delegation.credentials_document.save("credentials.pdf", ContentFile(PDF_BYTES))
    signing = SigningFactory(delegation__event=event, delegation__country=country("CL"))
    signing.full_powers_document.save("powers.png", ContentFile(image_bytes(fmt="PNG")))

    def app(kind):
        return reverse("accreditation:application_file", args=[application.pk, kind])

    def plan(kind, pk):
        return reverse("logistics:upload", args=[kind, pk])

    return [
        (app("photo"), "image/jpeg", Role.ACCREDITATION),
        (app("letter_of_assignment"), "application/pdf", Role.ACCREDITATION),
        (app("press_card"), "image/png", Role.ACCREDITATION),
        (app("id_copy"), "application/pdf", Role.VETTING),
        (plan("photo", member.pk), "image/jpeg", Role.PROTOCOL),
        (plan("credentials", delegation.pk), "application/pdf", Role.PROTOCOL),
        (plan("full-powers", signing.pk), "image/png", Role.PROTOCOL),
    ]


def test_stored_names_are_random_and_keep_nothing_of_the_senders_name(client, cats, outlet,
                                                                     media):
    data = application_data(outlet)
    data["letter_of_assignment"] = SimpleUploadedFile("Nguyen Thi Lan - letter.pdf", PDF_BYTES,
                                                      content_type="application/pdf")
    data["id_copy"] = SimpleUploadedFile("passport C7654321.pdf", PDF_BYTES,
                                         content_type="application/pdf")
    response = client.post(APPLY, data)
    assert response.status_code == 302, response.content.decode()[:500]
    names = media.names()
    assert len(names) == 4
    assert all(RANDOM_NAME.match(name) for name in names), names
    assert not any(word in name for name in names for word in ("Nguyen", "C7654321", "passport"))


def test_every_upload_is_served_with_headers_that_keep_it_from_running(client, uploads):
    for url, content_type, role in uploads:
        client.force_login(user_with_role(role))
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Content-Security-Policy"] == "sandbox", url
        assert response["Cache-Control"] == "private, no-store", url
        # Photos show in the page; every document is downloaded, an image as much as a PDF.
        disposition = response["Content-Disposition"]
        if "/photo/" in url:
            assert disposition.startswith("inline;"), url
        else:
            assert disposition.startswith("attachment;"), url
        assert b"".join(response.streaming_content).startswith(MAGIC[content_type]), url


def test_every_upload_asks_who_is_there(client, uploads):
    for url, _content_type, _role in uploads:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    # The roles that see no personal data: the programme office, the agencies, observers.
    for role in (Role.PROGRAMME, Role.FOCAL_POINT, Role.OBSERVER):
        client.force_login(user_with_role(role))
        for url, _content_type, _role in uploads:
            assert client.get(url).status_code == 403, (role, url)


def test_media_url_serves_nothing(client, uploads, media, settings, secretariat):
    client.force_login(secretariat)
    for name in media.names():
        assert client.get(f"/{settings.MEDIA_URL}{name}").status_code == 404, name
        assert client.get(f"/static/../{settings.MEDIA_URL}{name}").status_code == 404, name


@pytest.mark.parametrize("field, upload", [
    ("photo", SimpleUploadedFile("photo.svg", SVG_WITH_SCRIPT, content_type="image/svg+xml")),
    ("photo", SimpleUploadedFile("photo.jpg", SVG_WITH_SCRIPT, content_type="image/jpeg")),
    ("photo", SimpleUploadedFile("photo.png", HTML_PAGE, content_type="image/png")),
    ("id_copy", SimpleUploadedFile("passport.pdf", HTML_PAGE, content_type="application/pdf")),
    ("id_copy", SimpleUploadedFile("passport.html", HTML_PAGE, content_type="text/html")),
    ("letter_of_assignment", SimpleUploadedFile("letter.svg", SVG_WITH_SCRIPT,
                                                content_type="image/svg+xml")),
    ("press_card", SimpleUploadedFile("card.pdf", b"GIF89a" + HTML_PAGE,
                                      content_type="application/pdf")),
])
def test_markup_is_refused_at_the_upload_and_nothing_is_stored(client, cats, outlet, media,
                                                               field, upload):
    upload.seek(0)
    response = client.post(APPLY, application_data(outlet, **{field: upload}))
    assert response.status_code in (200, 400)  # the form again, with the error at the field
    assert field_errors(response, field), field
    assert not Application.objects.exists()
    # Only the three good files, cleaned, kept for the form to come back with
    # (logistics.core.kept_uploads): the markup is stored nowhere.
    assert [name.split("/")[0] for name in media.names()] == ["kept"] * 3


def test_a_stored_svg_or_html_from_elsewhere_is_downloaded_as_bytes(client, event, media):
    """A file that did not come through the checks (an admin upload, an old row) is served
    as an attachment of bytes, never as markup."""
    protocol = user_with_role(Role.PROTOCOL)
    client.force_login(protocol)
    for name, data in (("map.svg", SVG_WITH_SCRIPT), ("page.html", HTML_PAGE)):
        delegation = DelegationFactory(event=event)
        delegation.credentials_document.save(name, ContentFile(data))
        response = client.get(reverse("logistics:upload", args=["credentials", delegation.pk]))
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Security-Policy"] == "sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_no_stored_file_has_a_url_of_its_own_and_the_admin_links_the_route(client, event,
                                                                          media):
    """A bucket's URL (public or presigned) would skip the checks and may be out of the
    venue network's reach; MEDIA_ROOT's serves nothing. The storage refuses to make one, so
    a page that asks for it fails in the tests instead of linking around the route."""
    delegation = DelegationFactory(event=event)
    delegation.credentials_document.save("credentials.pdf", ContentFile(PDF_BYTES))
    with pytest.raises(NotImplementedError):
        delegation.credentials_document.url  # noqa: B018
    client.force_login(user_with_role(Role.PROTOCOL, is_staff=True))
    page = client.get(reverse("admin:logistics_delegation_change", args=[delegation.pk]))
    assert page.status_code == 200
    route = reverse("logistics:upload", args=["credentials", delegation.pk])
    assert f'href="{route}"' in page.content.decode()
    assert delegation.credentials_document.name not in page.content.decode()
    assert client.get(route).status_code == 200
