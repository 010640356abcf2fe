"""Uploads are served by one view, to the roles that may see personal data, with headers
that keep a browser from running them; MEDIA_ROOT has no URL of its own."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from logistics.core.enums import Role
from tests.factories.delegations import DelegationFactory, MemberFactory
from tests.factories.plan import UserFactory, user_with_role
from tests.factories.registration import PDF_BYTES, image_bytes, photo_upload
from tests.factories.signing import SigningFactory

# On the disk and on a bucket (tests/plugins/file_storage.py).
pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def member(event):
    return MemberFactory(delegation=DelegationFactory(event=event), photo=photo_upload())


@pytest.fixture
def delegation(event):
    delegation = DelegationFactory(event=event)
    delegation.credentials_document.save("letter.pdf", ContentFile(PDF_BYTES))
    return delegation


@pytest.fixture
def signing(event):
    from tests.factories.delegations import country

    signing = SigningFactory(delegation__event=event, delegation__country=country("CL"))
    signing.full_powers_document.save("powers.png", ContentFile(image_bytes(fmt="PNG")))
    return signing


def url(kind, pk):
    return reverse("logistics:upload", args=[kind, pk])


def body(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.SECRETARIAT])
def test_photo_is_served_inline_to_the_protocol_office(client, member, role):
    client.force_login(user_with_role(role))
    response = client.get(url("photo", member.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == f'inline; filename="photo-{member.pk}.jpg"'
    assert body(response)[:2] == b"\xff\xd8"


def test_credentials_and_full_powers_are_served_with_their_true_type(client, protocol,
                                                                     delegation, signing):
    client.force_login(protocol)
    credentials = client.get(url("credentials", delegation.pk))
    assert (credentials["Content-Type"], credentials["Content-Disposition"]) == (
        "application/pdf", f'attachment; filename="credentials-{delegation.pk}.pdf"')
    assert body(credentials) == PDF_BYTES
    # A document is downloaded even when it is an image: only photos show in the page.
    powers = client.get(url("full-powers", signing.pk))
    assert (powers["Content-Type"], powers["Content-Disposition"]) == (
        "image/png", f'attachment; filename="full-powers-{signing.pk}.png"')


def test_a_stored_file_of_unknown_type_is_never_rendered(client, protocol, event):
    """A file that did not come through logistics.core.uploads (an old row, an admin upload) is
    downloaded as bytes, never shown as a page."""
    delegation = DelegationFactory(event=event)
    delegation.credentials_document.save("page.html", ContentFile(b"<script>alert(1)</script>"))
    client.force_login(protocol)
    response = client.get(url("credentials", delegation.pk))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == \
        f'attachment; filename="credentials-{delegation.pk}.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "html" not in response["Content-Type"]


def test_every_file_is_sandboxed_and_not_sniffed(client, protocol, member, delegation,
                                                 signing, event):
    """A PDF shown inline runs on our origin: a sandbox keeps its scripts and forms from
    acting with the viewer's session."""
    odd = DelegationFactory(event=event)
    odd.credentials_document.save("page.html", ContentFile(b"<p>hello</p>"))
    client.force_login(protocol)
    for kind, pk in [("photo", member.pk), ("credentials", delegation.pk),
                     ("full-powers", signing.pk), ("credentials", odd.pk)]:
        response = client.get(url(kind, pk))
        assert response.status_code == 200, kind
        assert response["Content-Security-Policy"] == "sandbox", kind
        assert response["X-Content-Type-Options"] == "nosniff", kind


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.OBSERVER, Role.STEERING,
                                  Role.FOCAL_POINT])
def test_other_roles_are_refused(client, member, delegation, signing, role):
    client.force_login(user_with_role(role))
    for kind, pk in [("photo", member.pk), ("credentials", delegation.pk),
                     ("full-powers", signing.pk)]:
        assert client.get(url(kind, pk)).status_code == 403


def test_users_without_a_role_are_refused_and_anonymous_ones_sent_to_login(client, member):
    response = client.get(url("photo", member.pk))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(UserFactory())
    assert client.get(url("photo", member.pk)).status_code == 403


def test_missing_files_and_unknown_kinds_are_not_found(client, protocol, event, member, media):
    client.force_login(protocol)
    no_photo = MemberFactory(delegation=DelegationFactory(event=event))
    assert client.get(url("photo", no_photo.pk)).status_code == 404
    assert client.get(url("photo", 999999)).status_code == 404
    assert client.get(url("passport", member.pk)).status_code == 404
    media.storage.delete(member.photo.name)
    assert client.get(url("photo", member.pk)).status_code == 404


def test_only_get(client, protocol, member):
    client.force_login(protocol)
    assert client.post(url("photo", member.pk)).status_code == 405


def test_media_root_has_no_url(client, protocol, member, settings):
    client.force_login(protocol)
    assert client.get(f"/{settings.MEDIA_URL}{member.photo.name}").status_code == 404
    assert client.get(f"/media/{member.photo.name}").status_code == 404
