"""Files that show one thing and carry another: a JPEG with a GPS position in its EXIF and an
HTML page after its end, a PNG with a text chunk and the same tail, a PDF that runs a script
when opened and another on its page, carries an executable, and has a page of HTML after its
%%EOF; inside its objects, a phone's scan (a JPEG with that EXIF, a JPEG 2000 with it in its
boxes) with XMP on the image and the page, a thumbnail, a stream hung on the catalog and the
trailer under keys of the sender's choosing, and links to javascript:, file: and data:. And
`assert_clean`, which says what a person (or an attacker) would look for in what Accord
stored: nothing of these, and the picture or the pages still there."""

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
HUNG = b"<html><body>hung on the catalog</body></html>"
LINKS = [b"javascript:steal", b"file:///etc/passwd", b"data:text/html;base64,PHNjcmlwdD4=",
         b"JaVaScRiPt:steal2", b" javascript:steal3", b"../../letter.html"]
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="'
       + TEXT.encode() + b'"/></rdf:RDF></x:xmpmeta>')
# Bytes that must appear nowhere in a cleaned file.
NEEDLES = [TAIL, CAMERA.encode(), TEXT.encode(), SCRIPT.encode(), PAGE_SCRIPT.encode(),
           ATTACHMENT, b"JavaScript", b"OpenAction", b"EmbeddedFile", HUNG, *LINKS,
           b"xmpmeta"]


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


def jpeg2000_with_gps(size=(64, 48)):
    """A JP2 with the EXIF in a UUID box (and another in its header), XMP in an XML box and
    a comment in its codestream."""
    out = io.BytesIO()
    _picture(size).save(out, format="JPEG2000", comment=TEXT.encode())
    data = out.getvalue()
    # Pillow writes the signature, ftyp and jp2h boxes, then the codestream's.
    signature, ftyp, rest = data[:12], data[12:32], data[32:]
    header_length = int.from_bytes(rest[:4])
    assert rest[4:8] == b"jp2h"
    header, codestream = rest[8:header_length], rest[header_length:]

    def box(kind, content):
        return (len(content) + 8).to_bytes(4) + kind + content

    exif = Image.Exif()
    exif[0x010F] = CAMERA
    exif = box(b"uuid", b"JpgTiffExif->JP2" + exif.tobytes())
    return (signature + ftyp + box(b"jp2h", header + exif) + exif + box(b"xml ", XMP)
            + codestream)


def image_stream(pdf, data, size, filter, **extra):
    return pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                          Width=size[0], Height=size[1], ColorSpace=pikepdf.Name.DeviceRGB,
                          BitsPerComponent=8, Filter=filter, **extra)


def link(pdf, uri):
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 700, 300, 720],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))))


def pdf_with_scripts():
    pdf = pikepdf.open(io.BytesIO(pdf_bytes(*PAGES)))
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String(SCRIPT)))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String(PAGE_SCRIPT)))
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, ATTACHMENT)
    # Inside the objects: a phone's scan with its EXIF and XMP, in JPEG and JPEG 2000 ...
    page = pdf.pages[0].obj
    xmp = pikepdf.Stream(pdf, XMP, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    page.Resources.XObject = pikepdf.Dictionary(
        Scan=image_stream(
            pdf, jpeg_with_gps((64, 48)), (64, 48), pikepdf.Name.DCTDecode, Metadata=xmp,
            # another picture to print, and one to fetch from elsewhere
            Alternates=[pikepdf.Dictionary(DefaultForPrinting=True, Image=image_stream(
                pdf, jpeg_with_gps((16, 12)), (16, 12), pikepdf.Name.DCTDecode))],
            OPI=pikepdf.Dictionary({"/2.0": pikepdf.Dictionary(
                Type=pikepdf.Name.OPI, Version=2.0, F=pikepdf.String("file:///etc/passwd"),
                Inks=pikepdf.Name.full_color)})),
        Scan2000=image_stream(pdf, jpeg2000_with_gps(), (64, 48), pikepdf.Name.JPXDecode))
    page.Metadata = xmp
    page.Thumb = image_stream(pdf, jpeg_with_gps((16, 12)), (16, 12), pikepdf.Name.DCTDecode)
    # ... a page of HTML hung on the catalog and the trailer, links that run or open files.
    pdf.Root.Payload = pikepdf.Stream(pdf, HUNG)
    pdf.trailer.Payload = pikepdf.Stream(pdf, HUNG)
    page.Annots = pdf.make_indirect(pikepdf.Array([link(pdf, uri) for uri in LINKS]))
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
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
        found = [needle for needle in NEEDLES if needle in every_byte(data)]
        assert found == [], found
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.attachments) == 0
            assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.pages[0].obj
            # What the letter's own catalog had (reportlab's), nothing hung on it since.
            assert set(pdf.Root.keys()) <= {"/Type", "/Pages", "/PageMode", "/Names"}
            assert set(pdf.trailer.keys()) <= {"/Root", "/Size", "/ID"}
            assert "/Thumb" not in pdf.pages[0].obj
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


def every_byte(data):
    """The PDF `data` written out with every stream inflated and no object stream: what
    a byte search must see, whatever a cleaned file compresses."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.specialized,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()
