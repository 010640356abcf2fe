"""One table (logistics.core.stored_files) says, for every kind of file Accord stores, which route
serves it and who may open it. Every file field of every installed model has a row, and each
route answers exactly as its row says, for every role, a superuser and a visitor."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import models

from accreditation.badges.models import BadgeBatch
from accreditation.enums import BatchStatus
from logistics.core import stored_files
from logistics.core.enums import Role
from logistics.core.permissions import role_group
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import UserFactory, user_with_role
from tests.factories.registration import PDF_BYTES, image_bytes
from tests.factories.signing import SigningFactory


def file_fields():
    return sorted(f"{model._meta.label}.{field.name}" for model in apps.get_models()
                  for field in model._meta.concrete_fields
                  if isinstance(field, models.FileField))


def test_every_file_field_of_every_installed_model_has_a_row():
    """A new kind of upload must say who may open it before it can be stored: without a row
    its route and the export would not know."""
    rows = {kind.label for kind in stored_files.kinds()}
    assert [field for field in file_fields() if field not in rows] == []
    assert sorted(rows) == file_fields()  # and no row for a field that is gone


def test_the_table_names_each_route_once_and_every_upload_is_a_photo_or_a_document():
    routes = [(kind.route, kind.route_kind) for kind in stored_files.kinds()]
    assert len(routes) == len(set(routes))
    for kind in stored_files.kinds():
        assert kind.content in (stored_files.PHOTO, stored_files.DOCUMENT,
                                stored_files.GENERATED), kind.label
        assert stored_files.kind_for_route(kind.route, kind.route_kind) is kind
        assert str(kind.readers), kind.label


@pytest.fixture
def one_of_each(event, cats, settings, tmp_path):
    """A stored file of every kind the table lists: {label: primary key of its record}."""
    settings.MEDIA_ROOT = str(tmp_path)
    pdf = ContentFile(PDF_BYTES, name="document.pdf")
    application = journalist(event, photo=ContentFile(image_bytes(), name="photo.jpg"),
                             letter_of_assignment=pdf, press_card=ContentFile(
                                 image_bytes(fmt="PNG"), name="card.png"),
                             id_copy=ContentFile(PDF_BYTES, name="id.pdf"))
    member = MemberFactory(delegation=DelegationFactory(event=event),
                           photo=ContentFile(image_bytes(), name="photo.jpg"))
    member.delegation.credentials_document.save("note.pdf", ContentFile(PDF_BYTES))
    signing = SigningFactory(delegation__event=event, delegation__country=country("CL"))
    signing.full_powers_document.save("powers.pdf", ContentFile(PDF_BYTES))
    batch = BadgeBatch.objects.create(event=event, status=BatchStatus.DONE, total=1, done=1,
                                      file=ContentFile(PDF_BYTES, name="batch.pdf"))
    records = {"accreditation.Application": application.pk,
               "logistics.DelegationMember": member.pk,
               "logistics.Delegation": member.delegation.pk, "logistics.Signing": signing.pk,
               "accreditation.BadgeBatch": batch.pk}
    assert {kind.model for kind in stored_files.kinds()} == set(records)
    return {kind.label: records[kind.model] for kind in stored_files.kinds()}


def people():
    yield "anonymous", AnonymousUser()
    for role in Role.values:
        yield role, user_with_role(role, username=f"user-{role}")
    yield "superuser", UserFactory(username="root", is_superuser=True, is_staff=True)
    both = user_with_role(Role.SECRETARIAT, username="both")
    both.groups.add(role_group(Role.VETTING))
    yield "secretariat and vetting", both


def test_each_route_answers_as_its_row_says_for_everyone(client, event, one_of_each):
    seen = set()
    for name, user in people():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
            session = client.session
            session["event_id"] = event.pk
            session.save()
        for kind in stored_files.kinds():
            response = client.get(kind.url(one_of_each[kind.label]))
            if not user.is_authenticated:
                assert response.status_code == 302, (name, kind.label)
                continue
            expected = 200 if kind.may_open(user) else 403
            assert response.status_code == expected, (name, kind.label)
            seen.add((kind.label, expected))
            if expected == 200:
                b"".join(response.streaming_content)
                # Photos show in the page; every document is downloaded, image or PDF.
                inline = kind.content == stored_files.PHOTO
                assert response["Content-Disposition"].startswith(
                    "inline;" if inline else "attachment;"), kind.label
                assert response["Content-Security-Policy"] == "sandbox", kind.label
    # Each kind is opened by someone and refused to someone.
    assert {label for label, status in seen if status == 200} == set(one_of_each)
    assert {label for label, status in seen if status == 403} == set(one_of_each)
