import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from logistics.core.uploads import PHOTO_MAX_BYTES, clean_document, clean_photo
from tests.factories.registration import PDF_BYTES


def image_bytes(size=(300, 400), fmt="JPEG", exif=None):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 200, 220))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def upload(data, name="x.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_photo_is_reencoded_as_jpeg_without_metadata():
    exif = Image.Exif()
    exif[0x010E] = "GPS 21.0285 N 105.8542 E"  # ImageDescription
    cleaned = clean_photo(upload(image_bytes(exif=exif.tobytes())))
    assert cleaned.name == "photo.jpg"
    reopened = Image.open(io.BytesIO(cleaned.read()))
    assert reopened.format == "JPEG"
    assert reopened.size == (300, 400)
    assert dict(reopened.getexif()) == {}


def test_png_photo_is_accepted_and_becomes_jpeg():
    cleaned = clean_photo(upload(image_bytes((600, 800), "PNG"), "me.png", "image/png"))
    assert Image.open(io.BytesIO(cleaned.read())).format == "JPEG"


@pytest.mark.parametrize("data, message", [
    (b"<html><script>alert(1)</script></html>", "The photo must be a JPEG or PNG image."),
    (b"%PDF-1.7 not a photo", "The photo must be a JPEG or PNG image."),
    (b"", "The photo must be a JPEG or PNG image."),
    (image_bytes((300, 400), "GIF"), "The photo must be a JPEG or PNG image."),
    (image_bytes((299, 400)), "The photo is 299×400 pixels; it must be at least 300×400."),
    (image_bytes((400, 300)), "The photo is 400×300 pixels; it must be at least 300×400."),
])
def test_photo_refused_by_content(data, message):
    with pytest.raises(ValidationError) as caught:
        clean_photo(upload(data, "photo.jpg", "image/jpeg"))
    assert caught.value.messages == [message]


def test_photo_over_the_size_limit_is_refused_before_decoding():
    big = upload(b"\xff\xd8" + b"0" * PHOTO_MAX_BYTES)
    with pytest.raises(ValidationError) as caught:
        clean_photo(big)
    assert caught.value.messages == ["The file is 5.0\xa0MB; the limit is 5.0\xa0MB."]


def test_truncated_jpeg_is_refused():
    with pytest.raises(ValidationError):
        clean_photo(upload(image_bytes()[:200]))


@pytest.mark.parametrize("data, name", [
    (PDF_BYTES, "document.pdf"),
    (image_bytes((100, 100)), "document.jpg"),
    (image_bytes((100, 100), "PNG"), "document.png"),
])
def test_documents_keep_their_true_type(data, name):
    assert clean_document(upload(data, "note.exe", "application/x-msdownload")).name == name


@pytest.mark.parametrize("data", [b"<svg onload=alert(1)>", b"MZ\x90\x00", b"PK\x03\x04docx"])
def test_other_documents_are_refused(data):
    with pytest.raises(ValidationError) as caught:
        clean_document(upload(data, "note.pdf", "application/pdf"))
    assert caught.value.messages == ["The document must be a PDF, JPEG or PNG file."]


@pytest.mark.parametrize("kind", ["pdf", "jpg", "png"])
def test_a_cleaned_document_is_clean_for_good(kind):
    """Cleaning what was cleaned changes nothing (clean_stored_uploads relies on it): a PDF
    comes out byte for byte, an image is seen as holding nothing to take out."""
    from logistics.core.uploads import clean_again
    from tests.security.dirty_files import DIRTY_DOCUMENTS

    cleaned = clean_document(upload(DIRTY_DOCUMENTS[kind](), f"x.{kind}")).read()
    assert clean_again(cleaned, photo=False) is None
    if kind == "pdf":
        assert clean_document(upload(cleaned, "x.pdf")).read() == cleaned
