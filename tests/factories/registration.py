"""Invitations and the files a focal point uploads: photos and credentials."""

import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from logistics.models import Invitation

from .delegations import DelegationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class InvitationFactory(factory.django.DjangoModelFactory):
    """A live link, sent, that works until the event's registration deadline."""

    class Meta:
        model = Invitation

    delegation = factory.SubFactory(DelegationFactory,
                                    focal_point_email="focal@delegation.example")
    email = factory.LazyAttribute(lambda i: i.delegation.focal_point_email)
    sent_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    expires_at = factory.LazyAttribute(lambda i: i.delegation.event.registration_closes_at())


def image_bytes(size=(300, 400), fmt="JPEG", colour=(225, 225, 230)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def photo_upload(size=(300, 400), fmt="JPEG", name="passport.jpg"):
    content_type = "image/png" if fmt == "PNG" else "image/jpeg"
    return SimpleUploadedFile(name, image_bytes(size, fmt), content_type=content_type)


def pdf_upload(name="note-verbale.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
