"""Invitations and the files a focal point uploads: photos and credentials."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from logistics.delegations.models import Invitation
from tests.factories.delegations import DelegationFactory
from tests.factories.plan import EventFactory

# What the badge and vetting need of a member besides the photo (logistics.queries.
# delegations.BADGE_DETAILS_MISSING): MemberFactory(**IDENTITY, photo=photo_upload()).
IDENTITY = {"date_of_birth": date(1970, 1, 1), "id_document_number": "A1234567"}


def pdf_bytes(*pages):
    """A real PDF with one page per text given, the same bytes each time (invariant)."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for text in pages:
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def pdf_pages(data):
    """The text drawn on each page of the PDF `data`, as its content streams say it."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [" ".join(str(operands[0]) for operands, operator
                         in pikepdf.parse_content_stream(page) if str(operator) == "Tj")
                for page in pdf.pages]


PDF_BYTES = pdf_bytes("Note verbale")


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


# An event whose registration closes on 25 March 2030 at 17:00 in Hanoi, a week before it opens.
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = datetime(2030, 3, 25, 17, 0, tzinfo=HANOI)


def event_with_a_deadline():
    return EventFactory(name="Convention signing", start_date=date(2030, 4, 1),
                        end_date=date(2030, 4, 2), registration_deadline=DEADLINE)
