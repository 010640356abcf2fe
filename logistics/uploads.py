"""Uploads checked by their content, never by their name or the type the browser claims.

A photo must decode as JPEG or PNG and is re-encoded as a fresh JPEG: whatever else the
file carried (EXIF with GPS, a polyglot payload, a colour profile) is left behind. A
document (note verbale, nomination letter, full powers) must be a PDF or a JPEG/PNG image.
Sizes are checked before anything is decoded.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MIN_SIZE = (300, 400)  # width, height in pixels: a passport-style head and shoulders
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# Pillow refuses to open images above this many pixels (a decompression bomb).
MAX_PIXELS = 40_000_000

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
CONTENT_TYPES = {"pdf": PDF, "jpg": JPEG, "png": PNG}


def _too_big(upload, limit):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_big")


def _open_image(data):
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        if image.format not in ("JPEG", "PNG"):
            return None
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            SyntaxError):
        return None
    return image


def clean_photo(upload):
    """A JPEG or PNG of at least 300×400 pixels, re-encoded without metadata. Returns a new
    upload named photo.jpg; raises ValidationError with a message for the person uploading."""
    _too_big(upload, PHOTO_MAX_BYTES)
    image = _open_image(upload.read())
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
    out = io.BytesIO()
    # A new image from the pixels alone: no EXIF, no ICC profile, no trailing bytes.
    image.convert("RGB").save(out, format="JPEG", quality=90)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type=JPEG)


def sniff_document(data):
    """"pdf", "jpg" or "png" from the first bytes and, for images, a full decode; None
    for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    image = _open_image(data)
    if image is None:
        return None
    return "jpg" if image.format == "JPEG" else "png"


def clean_document(upload):
    """A PDF, JPEG or PNG by content. Returns the upload renamed to its true extension (the
    storage name is random; the extension only decides how it is served)."""
    _too_big(upload, DOCUMENT_MAX_BYTES)
    data = upload.read()
    kind = sniff_document(data)
    if kind is None:
        raise ValidationError(_("The document must be a PDF, JPEG or PNG file."),
                              code="not_a_document")
    return SimpleUploadedFile(f"document.{kind}", data, content_type=CONTENT_TYPES[kind])


def content_type_of(name):
    """The content type to serve a stored upload with, from the extension we gave it."""
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
