"""Uploads are stored with nothing but what they show. Through every path a file takes
(upload_paths.py), a JPEG with GPS EXIF and an HTML tail, a PNG with text chunks and a tail,
and a PDF with an /OpenAction script, a page's /AA, an embedded file and bytes after %%EOF
come out clean in storage; honest files still pass and still open (a PDF keeps its pages and
their text, an image its pixels); photos are turned as the camera meant."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from logistics.core.pdfs import PdfUnreadable, clean_pdf
from tests.factories.registration import pdf_bytes, pdf_pages
from tests.security.dirty_files import (
    CAMERA,
    CONTENT_TYPES,
    DIRTY_DOCUMENTS,
    DIRTY_IMAGES,
    PAGES,
    TEXT,
    XMP,
    assert_clean,
    image_stream,
    jpeg2000_with_gps,
    link,
    pdf_with_scripts,
)
from tests.security.upload_paths import DOCUMENT, PATHS, PHOTO


def upload(data, kind):
    return SimpleUploadedFile(f"file.{kind}", data, content_type=CONTENT_TYPES[kind])


def stored_bytes(field_file):
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


def accepted(path, response):
    assert response.status_code == path.accepted_status, response.content.decode()[:3000]


@pytest.mark.parametrize("path", [p for p in PATHS if p.fields_taking(DOCUMENT)],
                         ids=lambda path: path.name)
def test_every_document_path_stores_documents_clean(client, site, path):
    for field in path.fields_taking(DOCUMENT):
        for kind, make in DIRTY_DOCUMENTS.items():
            accepted(path, path.send(client, site, {field: upload(make(), kind)}))
            stored = path.stored(site, field)
            assert stored.name.endswith(f".{kind}"), (path.name, field, kind)
            assert_clean(stored_bytes(stored), kind)


@pytest.mark.parametrize("path", [p for p in PATHS if p.fields_taking(PHOTO)],
                         ids=lambda path: path.name)
def test_every_photo_path_stores_photos_clean(client, site, path):
    for field in path.fields_taking(PHOTO):
        for kind, make in DIRTY_IMAGES.items():
            accepted(path, path.send(client, site, {field: upload(make(), kind)}))
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
    accepted(path, path.send(client, site, {field: upload(letter, "pdf")}))
    assert pdf_pages(stored_bytes(path.stored(site, field))) == [
        "Letter of assignment", "Signed by the editor-in-chief"]
    for kind, data in images.items():
        accepted(path, path.send(client, site, {field: upload(data, kind)}))
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
        accepted(public, public.send(client, site, {field: upload(sideways.getvalue(), kind)}))
        stored = Image.open(io.BytesIO(stored_bytes(public.stored(site, field))))
        assert stored.size == (600, 800), field
        assert dict(stored.getexif()) == {}


# Inside a PDF's objects: the pictures keep their picture only, nothing hangs on the catalog,
# links go to the web or to a page. Honest files keep their pages, pictures and links.

def _pixels(data):
    image = Image.open(io.BytesIO(data))
    return image.mode, image.size, image.tobytes()


def _jpeg(image, **options):
    out = io.BytesIO()
    image.save(out, format="JPEG", **options)
    return out.getvalue()


def _with_app0(data, payload):
    """`data` with an APP0 segment of `payload` right after its start."""
    return data[:2] + b"\xff\xe0" + (len(payload) + 2).to_bytes(2) + payload + data[2:]


def test_a_cleaned_pdf_keeps_no_picture_metadata_and_nothing_hung_on_it():
    """A phone's scan wrapped in a PDF: its EXIF (GPS) and XMP go from the JPEG and the JPEG
    2000 inside it, the page's thumbnail and metadata go, and so do a stream hung on the
    catalog or the trailer and every link that is not a web address."""
    dirty = pdf_with_scripts()
    with pikepdf.open(io.BytesIO(dirty)) as pdf:
        before = {name: _pixels(image.read_raw_bytes())
                  for name, image in pdf.pages[0].Resources.XObject.items()}
    cleaned = clean_pdf(dirty)
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        page = pdf.pages[0].obj
        images = dict(page.Resources.XObject.items())
        for name, image in images.items():
            data = image.read_raw_bytes()
            found = [needle for needle in (b"Exif", CAMERA.encode(), TEXT.encode(),
                                           b"xmpmeta", b"uuid", b"xml ") if needle in data]
            assert found == [], (name, found)
            assert not {"/Metadata", "/Alternates", "/OPI"} & set(image.keys()), name
        assert "/Metadata" not in page and "/Thumb" not in page
        assert "/Payload" not in pdf.Root and "/Payload" not in pdf.trailer
        assert [str(annotation.Subtype) for annotation in page.Annots
                if "/A" in annotation] == []
        assert {name: _pixels(image.read_raw_bytes()) for name, image in images.items()} == before
    assert_clean(cleaned, "pdf")


def honest_pdf_pictures():
    """JPEGs as cameras, scanners and editors write them, each with what they carry besides
    the picture: {name: (encoded bytes, filters)}."""
    from PIL import ImageCms

    picture = Image.new("RGB", (64, 48), (230, 230, 235))
    picture.paste((20, 60, 140), (16, 12, 40, 30))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    thumbnail = b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x04\x04" + TEXT.encode().ljust(48)
    baseline = _jpeg(picture, exif=jpeg_exif(), comment=TEXT.encode(), icc_profile=srgb,
                     xmp=XMP)
    return {
        "baseline": (baseline, [pikepdf.Name.DCTDecode]),
        "progressive": (_jpeg(picture, progressive=True, exif=jpeg_exif()),
                        [pikepdf.Name.DCTDecode]),
        "restarts": (_jpeg(picture, restart_marker_blocks=1, comment=TEXT.encode()),
                     [pikepdf.Name.DCTDecode]),
        "cmyk": (_jpeg(picture.convert("CMYK"), exif=jpeg_exif()), [pikepdf.Name.DCTDecode]),
        "grey": (_jpeg(picture.convert("L"), exif=jpeg_exif()), [pikepdf.Name.DCTDecode]),
        # Pillow's own APP0 (20 bytes from the start) replaced by one with a thumbnail.
        "thumbnail": (_with_app0(_jpeg(picture)[:2] + _jpeg(picture)[20:], thumbnail),
                      [pikepdf.Name.DCTDecode]),
        "flate over jpeg": (baseline, [pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode]),
        "jpeg 2000": (jpeg2000_with_gps(), [pikepdf.Name.JPXDecode]),
    }


def jpeg_exif():
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 40.0)}
    return exif


def test_a_cleaned_pdf_keeps_its_pages_pictures_and_web_links():
    """Each picture decodes to the very pixels it had (its scans and tables are copied, not
    decoded), with only the JFIF and Adobe segments a decoder reads; web, mail and page links
    and the bookmarks stay."""
    import zlib

    pictures = honest_pdf_pictures()
    pdf = pikepdf.open(io.BytesIO(pdf_bytes(*PAGES)))
    page = pdf.pages[0].obj
    xobjects = {}
    for name, (data, filters) in pictures.items():
        image = Image.open(io.BytesIO(data))
        stored = zlib.compress(data) if len(filters) > 1 else data
        xobjects[name.replace(" ", "_")] = pdf.make_indirect(pikepdf.Stream(
            pdf, stored, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
            Width=image.width, Height=image.height, BitsPerComponent=8,
            ColorSpace={"L": pikepdf.Name.DeviceGray, "CMYK": pikepdf.Name.DeviceCMYK}.get(
                image.mode, pikepdf.Name.DeviceRGB),
            Filter=pikepdf.Array(filters), **({"DecodeParms": pikepdf.Array(
                [None, pikepdf.Dictionary(ColorTransform=1)])} if len(filters) > 1 else {})))
    page.Resources.XObject = pikepdf.Dictionary(
        {f"/{name}": image for name, image in xobjects.items()})
    uris = [b"https://press.example.org/letter", b"HTTP://press.example.org/",
            b"mailto:desk@press.example.org"]
    page.Annots = pdf.make_indirect(pikepdf.Array(
        [link(pdf, uri) for uri in uris] + [pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
            A=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=[pdf.pages[1].obj,
                                                          pikepdf.Name.Fit])))]))
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Signature", 1))
    out = io.BytesIO()
    pdf.save(out)

    cleaned = clean_pdf(out.getvalue())
    assert pdf_pages(cleaned) == PAGES
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        page = pdf.pages[0].obj
        for name, (data, _filters) in pictures.items():
            stream = page.Resources.XObject[f"/{name.replace(' ', '_')}"]
            kept = stream.read_raw_bytes()
            assert _pixels(kept) == _pixels(data), name
            if name == "flate over jpeg":  # the JPEG's own parameters stay with it
                assert (str(stream.Filter), stream.DecodeParms.ColorTransform) == (
                    "/DCTDecode", 1)
            if name != "jpeg 2000":  # the JFIF and Adobe segments it had, and no other
                segments = [{(marker, payload[:5]) for marker, payload
                             in Image.open(io.BytesIO(jpeg)).applist}
                            for jpeg in (kept, data)]
                assert segments[0] == segments[1] & {("APP0", b"JFIF\x00"),
                                                     ("APP14", b"Adobe")}, name
            assert CAMERA.encode() not in kept and TEXT.encode() not in kept, name
        assert [bytes(annotation.A.get("/URI", b"")) for annotation in page.Annots] == [
            *uris, b""]
        assert str(page.Annots[-1].A.S) == "/GoTo"
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["Signature"]


@pytest.mark.parametrize("data", [
    b"<html><body>not a picture</body></html>",
    b"\xff\xd8\xff\xe1\x40\x00Exif\x00\x00 runs past the end",
    b"\xff\xd8 no marker where one must be",
], ids=["html", "segment past the end", "no marker"])
def test_a_pdf_whose_picture_is_not_what_its_filter_says_is_refused(data):
    pdf = pikepdf.open(io.BytesIO(pdf_bytes(*PAGES)))
    pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(
        Scan=image_stream(pdf, data, (8, 8), pikepdf.Name.DCTDecode))
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(PdfUnreadable):
        clean_pdf(out.getvalue())
