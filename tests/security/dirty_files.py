"""Files that show one thing and carry another: a JPEG with a GPS position in its EXIF and an
HTML page after its end, a PNG with a text chunk and the same tail, a PDF that runs a script
when opened and another on its page, carries an executable, and has a page of HTML after its
%%EOF. And `assert_clean`, which says what a person (or an attacker) would look for in what
Accord stored: nothing of these, and the picture or the pages still there."""

import io

import pikepdf
from PIL import Image, PngImagePlugin

from tests.factories.registration import pdf_bytes, pdf_pages

TAIL = b"<html><body><script>fetch('/api/v1/applications/')</script></body></html>"
CAMERA = "SecretCameraMaker"
TEXT = "Taken at 21.0285 N, 105.8542 E"
SCRIPT = "app.alert('opened')"
PAGE_SCRIPT = "app.alert('page')"
ATTACHMENT = b"MZ\x90\x00 an executable"
PAGES = ["Letter of assignment", "Signed by the editor-in-chief"]
# Bytes that must appear nowhere in a cleaned file.
NEEDLES = [TAIL, CAMERA.encode(), TEXT.encode(), SCRIPT.encode(), PAGE_SCRIPT.encode(),
           ATTACHMENT, b"JavaScript", b"OpenAction", b"EmbeddedFile"]


def _picture(size):
    image = Image.new("RGB", size, (230, 230, 235))
    image.paste((20, 60, 140), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    return image


def jpeg_with_gps(size=(600, 800)):
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    exif[0x010E] = TEXT
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 40.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    out = io.BytesIO()
    _picture(size).save(out, format="JPEG", exif=exif, comment=TEXT.encode())
    return out.getvalue() + TAIL


def png_with_text(size=(600, 800)):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", TEXT)
    info.add_text("Make", CAMERA, zip=True)
    out = io.BytesIO()
    _picture(size).save(out, format="PNG", pnginfo=info)
    return out.getvalue() + TAIL


def pdf_with_scripts():
    pdf = pikepdf.open(io.BytesIO(pdf_bytes(*PAGES)))
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String(SCRIPT)))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String(PAGE_SCRIPT)))
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, ATTACHMENT)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue() + TAIL


DIRTY_IMAGES = {"jpg": jpeg_with_gps, "png": png_with_text}
DIRTY_DOCUMENTS = {**DIRTY_IMAGES, "pdf": pdf_with_scripts}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
IMAGE_KEYS = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "transparency"}


def assert_clean(data, kind, *, size=(600, 800)):
    """`data`, stored from a dirty file of `kind`, holds the picture or the pages and
    nothing else: no metadata, no script, no attachment, not a byte after its end."""
    found = [needle for needle in NEEDLES if needle in data]
    assert found == [], found
    if kind == "pdf":
        assert data.rstrip(b"\r\n").endswith(b"%%EOF")
        assert data.count(b"%%EOF") == 1  # one revision, nothing appended
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.attachments) == 0
            assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.pages[0].obj
        assert pdf_pages(data) == PAGES
        return
    image = Image.open(io.BytesIO(data))
    assert image.format == {"jpg": "JPEG", "png": "PNG"}[kind]
    assert set(image.info) <= IMAGE_KEYS, set(image.info)
    assert dict(image.getexif()) == {}
    if kind == "jpg":
        assert [marker for marker, _ in image.applist] == ["APP0"]
        assert data.endswith(b"\xff\xd9")
    else:
        assert data.endswith(b"IEND\xaeB`\x82")
    assert image.size == size
    image.load()
