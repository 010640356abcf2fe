"""Uploads are stored with nothing but what they show. Through every path a file takes
(upload_paths.py), a JPEG with GPS EXIF and an HTML tail, a PNG with text chunks and a tail,
and a PDF with an /OpenAction script, a page's /AA, an embedded file and bytes after %%EOF
come out clean in storage; honest files still pass and still open (a PDF keeps its pages and
their text, an image its pixels); photos are turned as the camera meant."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories.registration import pdf_bytes, pdf_pages
from tests.security.dirty_files import (
    CONTENT_TYPES,
    DIRTY_DOCUMENTS,
    DIRTY_IMAGES,
    assert_clean,
)
from tests.security.upload_paths import DOCUMENT, PATHS, PHOTO


def upload(data, kind):
    return SimpleUploadedFile(f"file.{kind}", data, content_type=CONTENT_TYPES[kind])


def stored_bytes(field_file):
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


def accepted(response):
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.parametrize("path", [p for p in PATHS if p.fields_taking(DOCUMENT)],
                         ids=lambda path: path.name)
def test_every_document_path_stores_documents_clean(client, site, path):
    for field in path.fields_taking(DOCUMENT):
        for kind, make in DIRTY_DOCUMENTS.items():
            accepted(path.send(client, site, {field: upload(make(), kind)}))
            stored = path.stored(site, field)
            assert stored.name.endswith(f".{kind}"), (path.name, field, kind)
            assert_clean(stored_bytes(stored), kind)


@pytest.mark.parametrize("path", [p for p in PATHS if p.fields_taking(PHOTO)],
                         ids=lambda path: path.name)
def test_every_photo_path_stores_photos_clean(client, site, path):
    for field in path.fields_taking(PHOTO):
        for kind, make in DIRTY_IMAGES.items():
            accepted(path.send(client, site, {field: upload(make(), kind)}))
            stored = path.stored(site, field)
            assert stored.name.endswith(".jpg")  # a photo is always a fresh JPEG
            assert_clean(stored_bytes(stored), "jpg")


def honest_images():
    picture = Image.new("RGB", (800, 1100), "white")
    picture.paste((10, 10, 10), (100, 100, 700, 140))  # a line of "text"
    jpeg, png = io.BytesIO(), io.BytesIO()
    picture.save(jpeg, format="JPEG", quality=92)
    picture.save(png, format="PNG")
    return picture, {"jpg": jpeg.getvalue(), "png": png.getvalue()}


@pytest.mark.parametrize("path", [p for p in PATHS if p.fields_taking(DOCUMENT)],
                         ids=lambda path: path.name)
def test_honest_documents_still_pass_and_open(client, site, path):
    picture, images = honest_images()
    [field, *_] = path.fields_taking(DOCUMENT)
    letter = pdf_bytes("Letter of assignment", "Signed by the editor-in-chief")
    accepted(path.send(client, site, {field: upload(letter, "pdf")}))
    assert pdf_pages(stored_bytes(path.stored(site, field))) == [
        "Letter of assignment", "Signed by the editor-in-chief"]
    for kind, data in images.items():
        accepted(path.send(client, site, {field: upload(data, kind)}))
        stored = Image.open(io.BytesIO(stored_bytes(path.stored(site, field))))
        assert (stored.format, stored.size) == ({"jpg": "JPEG", "png": "PNG"}[kind],
                                                picture.size)
        if kind == "png":  # lossless: the very pixels
            assert stored.convert("RGB").tobytes() == picture.tobytes()
        else:  # the same quality kept: the line still reads
            assert stored.convert("L").getpixel((400, 120)) < 40


def test_a_turned_phone_photo_is_stored_upright(client, site):
    """The EXIF orientation goes with the metadata: the pixels are turned first."""
    [public] = [path for path in PATHS if path.name == "public media form"]
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera held upright: the picture is stored on its side
    sideways = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(sideways, format="JPEG", exif=exif)
    for field, kind in (("photo", "jpg"), ("press_card", "jpg")):
        accepted(public.send(client, site, {field: upload(sideways.getvalue(), kind)}))
        stored = Image.open(io.BytesIO(stored_bytes(public.stored(site, field))))
        assert stored.size == (600, 800), field
        assert dict(stored.getexif()) == {}
