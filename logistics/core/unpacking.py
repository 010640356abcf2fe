"""What a file may cost to open, read from what it declares before anything is decoded.

A small file can declare a huge content: a 330 KB PNG of 8,000 × 10,000 pixels decodes to
hundreds of megabytes, a 200 KB workbook inflates to gigabytes of XML. Every image Accord
opens (uploads, stored photos) and every workbook it reads (plan and application imports)
passes these checks first; the limits below are the only ones, and real files pass them
with room to spare: a 24-megapixel phone photo, an A4 page scanned at 600 dpi (35
megapixels), a plan of 50,000 tasks (36 MB of XML, 16 times its zipped size).
"""

import io
import zipfile

from django.utils.translation import gettext as _
from PIL import Image, PngImagePlugin, UnidentifiedImageError

MEGABYTE = 1024 * 1024

# Images: the pixels an image may declare. Decoding costs about 4 bytes a pixel.
MAX_PIXELS = 40_000_000
# Text chunks a PNG may carry, which Pillow inflates while reading the header (its own
# default is 64 MB; the text is thrown away by the re-encoding anyway).
PNG_MAX_TEXT_BYTES = 4 * MEGABYTE
# Workbooks (XLSX is a ZIP of XML): what the archive may declare once unpacked, in all and
# per member, and how many members it may hold.
ZIP_MAX_UNPACKED_BYTES = 100 * MEGABYTE
ZIP_MAX_RATIO = 200  # unpacked / packed; workbooks written by Excel or openpyxl are near 16
ZIP_RATIO_FROM_BYTES = MEGABYTE  # below this a member's ratio does not matter
ZIP_MAX_MEMBERS = 1_000
# PDFs: what qpdf may inflate from one stream while reading the file's structure (object and
# cross-reference streams, far smaller in real files; page contents are copied without being
# inflated), and the objects a PDF may hold: a letter, a press card or full powers has tens
# to hundreds, a 300-page scanned book a few thousand; walking 200,000 took a minute.
PDF_MAX_INFLATED_BYTES = 8 * MEGABYTE
PDF_MAX_OBJECTS = 20_000

PngImagePlugin.MAX_TEXT_MEMORY = PNG_MAX_TEXT_BYTES


class TooBigToOpen(ValueError):
    """The file declares more than a limit allows; the message says so to the sender."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def open_image(data, *, formats=("JPEG", "PNG")):
    """The image in `data` with its header read and no pixel decoded yet, or None when it
    is none of `formats`. Raises TooBigToOpen when it declares more than MAX_PIXELS."""
    try:
        image = Image.open(io.BytesIO(data), formats=formats)
    except Image.DecompressionBombError:
        raise TooBigToOpen(_too_many_pixels_message()) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    check_pixels(image)
    return image


def check_pixels(image):
    """Raises TooBigToOpen when the opened (not yet decoded) `image` declares more pixels
    than MAX_PIXELS. Pillow itself refuses only above twice its own limit."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise TooBigToOpen(_too_many_pixels_message(width, height))


def _too_many_pixels_message(width=None, height=None):
    limit = MAX_PIXELS // 1_000_000
    if width is None:
        return _("The image has more than %(limit)s megapixels, the limit.") % {"limit": limit}
    return (_("The image is %(width)s×%(height)s pixels (%(megapixels)s megapixels); the "
              "limit is %(limit)s megapixels.")
            % {"width": width, "height": height,
               "megapixels": round(width * height / 1_000_000), "limit": limit})


def check_zip(data):
    """Raises TooBigToOpen when the ZIP archive in `data` declares more than the limits
    once unpacked. Only the central directory is read. Python's zipfile stops a member at
    its declared size, so what is declared is what reading can cost. An archive that
    cannot be read at all passes: its reader says so in its own words."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return
    if len(members) > ZIP_MAX_MEMBERS:
        raise TooBigToOpen(_("The workbook holds %(count)s parts; the limit is %(limit)s.")
                           % {"count": len(members), "limit": ZIP_MAX_MEMBERS})
    unpacked = sum(member.file_size for member in members)
    if unpacked > ZIP_MAX_UNPACKED_BYTES:
        raise TooBigToOpen(
            _("The workbook unpacks to %(size)s MB; the limit is %(limit)s MB.")
            % {"size": unpacked // MEGABYTE, "limit": ZIP_MAX_UNPACKED_BYTES // MEGABYTE})
    for member in members:
        if (member.file_size > ZIP_RATIO_FROM_BYTES
                and member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1)):
            raise TooBigToOpen(
                _("The workbook unpacks to %(ratio)s times its size, which no spreadsheet "
                  "does; the limit is %(limit)s.")
                % {"ratio": member.file_size // max(member.compress_size, 1),
                   "limit": ZIP_MAX_RATIO})
