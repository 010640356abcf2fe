"""Uploads checked by their content, never by their name or the type the browser claims, and
stored with nothing but what they show.

A photo must decode as JPEG or PNG and is re-encoded as a fresh JPEG. A document (letter of
assignment, press card, copy of an ID document, note verbale or nomination letter, full
powers) must be a PDF, a JPEG or a PNG: an image is re-encoded in its own format, a PDF is
rewritten without active content (logistics.core.pdfs). Whatever else a file carried (EXIF with
GPS, text chunks, a colour profile, bytes after its end, scripts, embedded files) is left
behind. Sizes, and the pixels an image declares (logistics.core.unpacking), are checked before
anything is decoded.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from logistics.core.pdfs import PdfTooBig, PdfUnreadable, clean_pdf
from logistics.core.unpacking import PDF_MAX_OBJECTS, TooBigToOpen, open_image

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MIN_SIZE = (300, 400)  # width, height in pixels: a passport-style head and shoulders
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
CONTENT_TYPES = {"pdf": PDF, "jpg": JPEG, "png": PNG}
# Pillow's formats that we keep, and the extension each is stored under. MPO is a JPEG with
# a second picture after it, as some phones write; the first is kept.
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png"}
PHOTO_QUALITY = 90
EXIF_ORIENTATION = 0x0112


class CleanedUpload(SimpleUploadedFile):
    """What the cleaners return: a file cleaned here, by content. Given to a cleaner again
    (a file a form kept, logistics.core.kept_uploads) it is taken as it is: a photo re-encoded
    twice would lose sharpness for nothing."""


def _too_big(upload, limit):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_big")


def _image(data):
    """The JPEG or PNG image in `data`, its header read and nothing decoded; None for
    anything else. Too many pixels is an error of its own, said before any decoding."""
    try:
        image = open_image(data, formats=("JPEG", "PNG"))
    except TooBigToOpen as error:
        raise ValidationError(error.message, code="too_many_pixels") from None
    if image is None or image.format not in EXTENSIONS:
        return None
    return image


def _upright(image):
    """The decoded image turned as the camera meant it (the EXIF orientation, which goes
    with the rest of the metadata), and whether it had to be turned. None when damaged."""
    try:
        turned = image.getexif().get(EXIF_ORIENTATION, 1) not in (1, None)
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None, False
    # Nothing read from the file goes out again but the pixels (and a PNG's transparent
    # colour): Pillow would otherwise write a comment or a colour profile back.
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    return image, turned


def _encoded(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def _photo_jpeg(image):
    upright, _turned = _upright(image)
    if upright is None:
        return None
    # convert() copies even to the same mode: a 24-megapixel photo would hold 96 MB twice.
    rgb = upright if upright.mode == "RGB" else upright.convert("RGB")
    return _encoded(rgb, "JPEG", quality=PHOTO_QUALITY)


def _document_image(image):
    """A document's image in its own format: a JPEG keeps its quantisation tables (the same
    quality, no second loss of sharpness) unless it had to be turned; a PNG is lossless."""
    fmt = image.format
    upright, turned = _upright(image)
    if upright is None:
        return None
    if fmt == "PNG":
        return _encoded(upright, "PNG")
    if upright.mode not in ("L", "RGB", "CMYK"):
        upright = upright.convert("RGB")
    if fmt == "JPEG" and not turned:
        return _encoded(upright, "JPEG", quality="keep")
    return _encoded(upright, "JPEG", quality=PHOTO_QUALITY)


def clean_photo(upload):
    """A JPEG or PNG of at least 300×400 pixels, re-encoded without metadata. Returns a new
    upload named photo.jpg; raises ValidationError with a message for the person uploading."""
    if isinstance(upload, CleanedUpload):
        return upload
    _too_big(upload, PHOTO_MAX_BYTES)
    image = _image(upload.read())
    if image is None:
        raise ValidationError(_("The photo must be a JPEG or PNG image."), code="not_an_image")
    width, height = image.size
    if width < PHOTO_MIN_SIZE[0] or height < PHOTO_MIN_SIZE[1]:
        raise ValidationError(
            _("The photo is %(width)s×%(height)s pixels; it must be at least "
              "%(min_width)s×%(min_height)s.")
            % {"width": width, "height": height, "min_width": PHOTO_MIN_SIZE[0],
               "min_height": PHOTO_MIN_SIZE[1]},
            code="too_small")
    data = _photo_jpeg(image)
    if data is None:
        raise ValidationError(_("The photo must be a JPEG or PNG image."), code="not_an_image")
    return CleanedUpload("photo.jpg", data, content_type=JPEG)


def _document(data):
    """(cleaned bytes, extension) of a PDF, JPEG or PNG; ValidationError otherwise."""
    if data.startswith(b"%PDF-"):
        try:
            return clean_pdf(data), "pdf"
        except PdfTooBig:
            raise ValidationError(
                _("The PDF holds more than %(limit)s objects, which no letter or scan does; "
                  "save it again (print it to PDF) or send fewer pages.")
                % {"limit": f"{PDF_MAX_OBJECTS:,}"}, code="too_many_objects") from None
        except PdfUnreadable:
            raise ValidationError(
                _("The PDF cannot be read: it is damaged, protected by a password, or has no "
                  "page."), code="unreadable_pdf") from None
    image = _image(data)
    cleaned = _document_image(image) if image is not None else None
    if cleaned is None:
        raise ValidationError(_("The document must be a PDF, JPEG or PNG file."),
                              code="not_a_document")
    return cleaned, EXTENSIONS[image.format]


def clean_document(upload):
    """A PDF, JPEG or PNG by content, cleaned (see above). Returns a new upload named after
    its true type (the storage name is random; the extension decides how it is served)."""
    if isinstance(upload, CleanedUpload):
        return upload
    _too_big(upload, DOCUMENT_MAX_BYTES)
    data, extension = _document(upload.read())
    return CleanedUpload(f"document.{extension}", data, content_type=CONTENT_TYPES[extension])


def clean_again(data, *, photo):
    """A stored file cleaned as an upload is now: (bytes, extension), or None when it holds
    nothing to take out (so that cleaning twice changes nothing). Raises ValidationError
    for a file that cannot be cleaned. No size rule: it was accepted once."""
    if is_bare_image(data):
        return None
    if not photo:
        cleaned, extension = _document(data)
        return None if cleaned == data else (cleaned, extension)
    image = _image(data)
    cleaned = _photo_jpeg(image) if image is not None else None
    if cleaned is None:
        raise ValidationError(_("The photo must be a JPEG or PNG image."), code="not_an_image")
    return cleaned, "jpg"


def content_type_of(name):
    """The content type to serve a stored upload with, from the extension we gave it."""
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


# What re-encoding leaves: picture data only, and nothing after the end.

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_PICTURE_CHUNKS = (b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND")
JPEG_SOI, JPEG_EOI, JPEG_SOS = 0xD8, 0xD9, 0xDA
JPEG_RESTARTS = range(0xD0, 0xD8)


def is_bare_image(data):
    """True for a JPEG or PNG that holds its picture and nothing else: no metadata segment
    or chunk (EXIF, XMP, comments, text, colour profiles, thumbnails) and not a byte after
    its end marker. Read from the file's structure; nothing is decoded."""
    if data.startswith(PNG_SIGNATURE):
        return _bare_png(data)
    if data.startswith(b"\xff\xd8"):
        return _bare_jpeg(data)
    return False


def _bare_png(data):
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind = data[position + 4:position + 8]
        if kind not in PNG_PICTURE_CHUNKS:
            return False
        position += 12 + length  # length, type, data, CRC
        if kind == b"IEND":
            return position == len(data)
    return False


def _bare_jpeg(data):
    position, end = 2, len(data)
    while position + 2 <= end:
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == JPEG_EOI:
            return position + 2 == end
        if position + 4 > end:
            return False
        length = int.from_bytes(data[position + 2:position + 4], "big")
        segment = data[position + 4:position + 2 + length]
        if not _picture_segment(marker, segment):
            return False
        position += 2 + length
        if marker == JPEG_SOS:
            position = _end_of_scan(data, position)
    return False


def _picture_segment(marker, segment):
    if marker == 0xE0:  # APP0: the JFIF header alone (JFXX would be a thumbnail)
        return segment.startswith(b"JFIF\x00")
    if marker == 0xEE:  # APP14: Adobe's colour transform, which a CMYK JPEG needs
        return segment.startswith(b"Adobe") and len(segment) == 12
    # Other APPn (EXIF, XMP, ICC, MPF...), comments (COM) and anything unknown are not.
    return 0xC0 <= marker <= 0xDF and marker not in (JPEG_SOI, JPEG_EOI)


def _end_of_scan(data, position):
    """The offset of the marker that ends the entropy-coded data starting at `position`:
    the first 0xFF not followed by a stuffed zero or a restart marker."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following != 0x00 and following not in JPEG_RESTARTS:
            return position
        position += 2
