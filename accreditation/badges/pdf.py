"""Badge PDFs: one badge per page, A6 portrait (105 × 148 mm), the size of the usual lanyard
pocket and of the cards that badge printers take; an A4 sheet cuts into four.

A page, top to bottom: the event's name; a band in the category's colour with its letter code
and name; the holder's photo (a grey silhouette when there is none) beside the zone codes,
printed big for the guards; the names, the organisation; at the foot the badge number, the
dates it is valid and the QR code (accreditation.badges.codes: signed, so that it cannot be forged).

Names in any script: see .text and .shaping (shaped by HarfBuzz; DejaVu Sans, Noto Sans of
each other script, Droid Sans Fallback for Chinese, Japanese and Korean).

Memory stays bounded however big the batch: badges are drawn CHUNK at a time into a small PDF
each, which .join copies into the one output file at once; photos are cropped and scaled to
print size before they are embedded, and no decoded image outlives its page.
"""

import io
import logging

import segno
from django.utils.translation import gettext as _
from PIL import Image
from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from accreditation.badges import codes
from accreditation.pdf_text.join import Joiner
from accreditation.pdf_text.text import ELLIPSIS, draw_line, fit, fonts, line, shaped, wrap
from logistics.core.unpacking import check_pixels

__all__ = ["CHUNK", "ELLIPSIS", "draw_badge", "fit", "fonts", "render_badge", "render_badges",
           "shaped"]

log = logging.getLogger(__name__)

# Binary streams: ASCII85 (reportlab's default) makes every photo a quarter bigger and slower
# to write, for the sake of 7-bit channels no PDF travels through any more.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A6
MARGIN = 5 * mm
# Badges drawn into one intermediate PDF: a few MB at most, whatever the batch size.
CHUNK = 50
# The photo as printed (passport size, 35 × 45 mm) and as embedded: at least 200 dpi, as
# sharp as a card printer's dye gives a photo, and at most twice that.
PHOTO_WIDTH, PHOTO_HEIGHT = 35 * mm, 45 * mm
PHOTO_PIXELS = (280, 360)
QR_SIZE = 34 * mm
QR_MASK = 4
INK = HexColor("#1A1A1A")
GREY = HexColor("#6C757D")
PLACEHOLDER = HexColor("#D3D6DA")


# One badge.

def _ink_on(colour):
    """Black or white, whichever reads better on the band's colour."""
    red, green, blue = colour.red, colour.green, colour.blue
    return INK if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else HexColor("#FFFFFF")


def photo_reader(application):
    """The holder's photo cropped to the frame and at print size, as a JPEG for the page;
    None when there is none or it cannot be read (the page shows the placeholder)."""
    if not application.photo:
        return None
    try:
        with application.photo.storage.open(application.photo.name, "rb") as handle:
            image = Image.open(handle, formats=("JPEG", "PNG"))
            check_pixels(image)  # a stored photo is re-encoded, but it is read as any other
            # A JPEG decodes straight at 1/2, 1/4 or 1/8 of its size, never below print size:
            # a 12-megapixel photo costs no more than a small one.
            image.draft("RGB", PHOTO_PIXELS)
            image = _print_size(image.convert("RGB"))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):  # TooBigToOpen too
        log.warning("The photo of application %s cannot be read.", application.pk)
        return None
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    image.close()
    out.seek(0)
    return _Jpeg(out)


def _print_size(image):
    """Cropped to the frame's proportions about the centre; scaled down only when still more
    than twice the print size (resampling costs more than the rest of the photo's work)."""
    width, height = image.size
    ratio = PHOTO_WIDTH / PHOTO_HEIGHT
    if width > height * ratio:
        keep = round(height * ratio)
        image = image.crop(((width - keep) // 2, 0, (width - keep) // 2 + keep, height))
    else:
        keep = round(width / ratio)
        image = image.crop((0, (height - keep) // 2, width, (height - keep) // 2 + keep))
    if image.width > 2 * PHOTO_PIXELS[0]:
        image = image.resize(PHOTO_PIXELS, Image.Resampling.BILINEAR, reducing_gap=2.0)
    return image


class _Jpeg(ImageReader):
    """A JPEG that goes into the PDF as it is. reportlab would decode it only to name it
    (a digest of its pixels); the digest of its bytes names it as well, for less."""

    def getRGBData(self):
        self._dataA = None  # no transparency: a JPEG has none
        return self.fp.getvalue()


def _placeholder(canvas, x, y, width, height):
    """A grey head-and-shoulders: the place of a photo not yet given."""
    canvas.saveState()
    frame = canvas.beginPath()
    frame.rect(x, y, width, height)
    canvas.clipPath(frame, stroke=0, fill=0)
    canvas.setFillColor(PLACEHOLDER)
    canvas.rect(x, y, width, height, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#F1F3F5"))
    canvas.circle(x + width / 2, y + height * 0.62, width * 0.2, stroke=0, fill=1)
    canvas.ellipse(x + width * 0.16, y - height * 0.12, x + width * 0.84, y + height * 0.42,
                   stroke=0, fill=1)
    canvas.restoreState()


def qr_matrix(code):
    """The QR code's modules, rows of 0 and 1. Error correction M (15 %); one fixed mask
    pattern, valid QR that reads as well at this size: choosing the best of the eight costs
    more than drawing the rest of the badge."""
    return segno.make(code, error="m", micro=False, mask=QR_MASK).matrix


def draw_qr(canvas, code, x, y, size):
    """The QR code as vector squares, one rectangle per run of dark modules in a row, drawn
    in module units: sharp at any printer resolution and a few kilobytes."""
    matrix = qr_matrix(code)
    count = len(matrix)
    operators = []
    for row_number, row in enumerate(matrix):
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                operators.append(f"{start} {row_number} {column - start} 1 re")
            else:
                column += 1
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.translate(x, y + size)
    canvas.scale(size / count, -size / count)
    canvas.addLiteral("\n".join(operators) + "\nf")
    canvas.restoreState()


def draw_badge(canvas, badge):
    """One page: the badge of `badge` (its application, category and event loaded)."""
    application, category, event = badge.application, badge.category, badge.event
    inner = PAGE_WIDTH - 2 * MARGIN
    f = fonts()

    # The event.
    canvas.setFillColor(INK)
    top = PAGE_HEIGHT - MARGIN - 10
    for text in wrap(event.name, f["AccordSans-Bold"], 10, inner, 2):
        line(canvas, PAGE_WIDTH / 2, top, text, "AccordSans-Bold", 10, inner, smallest=7,
              align="centre")
        top -= 12

    # The category band: its colour, letter code and name.
    band_top, band_height = PAGE_HEIGHT - 17 * mm, 16 * mm
    colour = HexColor(category.badge_colour or "#6C757D")
    canvas.setFillColor(colour)
    canvas.rect(0, band_top - band_height, PAGE_WIDTH, band_height, stroke=0, fill=1)
    canvas.setFillColor(_ink_on(colour))
    baseline = band_top - band_height + 4.5 * mm
    code_pieces, code_size, code_width = fit(category.code, f["AccordSans-Bold"], 34, 30 * mm)
    draw_line(canvas, MARGIN, baseline, code_pieces, code_size, code_width)
    name_x = MARGIN + code_width + 4 * mm
    line(canvas, name_x, baseline + 2, category.name, "AccordSans-Bold", 12,
          PAGE_WIDTH - MARGIN - name_x, smallest=7)

    # The photo, and the zones beside it.
    photo_top = band_top - band_height - 4 * mm
    photo_y = photo_top - PHOTO_HEIGHT
    reader = photo_reader(application)
    if reader is None:
        _placeholder(canvas, MARGIN, photo_y, PHOTO_WIDTH, PHOTO_HEIGHT)
    else:
        canvas.drawImage(reader, MARGIN, photo_y, PHOTO_WIDTH, PHOTO_HEIGHT)
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.5)
    canvas.rect(MARGIN, photo_y, PHOTO_WIDTH, PHOTO_HEIGHT, stroke=1, fill=0)
    zones_x = MARGIN + PHOTO_WIDTH + 5 * mm
    zones_width = PAGE_WIDTH - MARGIN - zones_x
    canvas.setFillColor(GREY)
    line(canvas, zones_x, photo_top - 9, _("Zones"), "AccordSans", 8, zones_width)
    canvas.setFillColor(INK)
    zone_text = " ".join(code for code in badge.zone_codes.split(",") if code) or "—"
    line(canvas, zones_x, photo_top - 40, zone_text, "AccordSans-Bold", 30, zones_width,
          smallest=14)

    # The holder.
    y = photo_y - 8 * mm
    line(canvas, MARGIN, y, application.family_name, "AccordSans-Bold", 20, inner,
          smallest=10)
    y -= 6.5 * mm
    if application.given_names:
        line(canvas, MARGIN, y, application.given_names, "AccordSans", 14, inner, smallest=9)
        y -= 6 * mm
    organisation = application.organisation or _organisation_of(application)
    if organisation:
        canvas.setFillColor(GREY)
        line(canvas, MARGIN, y, organisation, "AccordSans", 10, inner, smallest=7)

    # The foot: number, dates and the QR code.
    qr_x = PAGE_WIDTH - MARGIN - QR_SIZE
    draw_qr(canvas, codes.encode(badge), qr_x, MARGIN, QR_SIZE)
    text_width = qr_x - MARGIN - 4 * mm
    canvas.setFillColor(INK)
    line(canvas, MARGIN, MARGIN + 20, badge.number, "AccordMono-Bold", 11, text_width,
          smallest=7)
    canvas.setFillColor(GREY)
    line(canvas, MARGIN, MARGIN + 8,
          _("Valid %(start)s – %(end)s") % {"start": f"{badge.valid_from:%Y-%m-%d}",
                                             "end": f"{badge.valid_until:%Y-%m-%d}"},
          "AccordSans", 7, text_width, smallest=5)
    canvas.setFillColor(colour)
    canvas.rect(MARGIN, MARGIN + 32, text_width, 3, stroke=0, fill=1)


def _organisation_of(application):
    """What the badge says when the application names no organisation: its outlet or its
    delegation, if they were loaded with it (no query per badge otherwise)."""
    cached = application._state.fields_cache
    for field in ("outlet", "delegation"):
        related = cached.get(field)
        if related is not None:
            return getattr(related, "name", "") or str(related)
    return ""


# Documents.

def _chunk_pdf(badges):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A6, pageCompression=1)
    for badge in badges:
        draw_badge(canvas, badge)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_badges(badges, out, *, progress=None):
    """Writes one PDF of the badges, a page each, to the binary file-like `out`, drawing
    CHUNK at a time. `badges` may be any iterable (a queryset's .iterator() for a big batch);
    `progress(count)` is called after each chunk with the number drawn so far. Returns the
    number of pages."""
    joiner = Joiner(out)
    chunk, count = [], 0
    for badge in badges:
        chunk.append(badge)
        if len(chunk) == CHUNK:
            joiner.add(_chunk_pdf(chunk))
            count += len(chunk)
            chunk = []
            if progress:
                progress(count)
    if chunk:
        joiner.add(_chunk_pdf(chunk))
        count += len(chunk)
        if progress:
            progress(count)
    joiner.close()
    return count


def render_badge(badge):
    """The PDF of one badge, as bytes."""
    out = io.BytesIO()
    render_badges([badge], out)
    return out.getvalue()

