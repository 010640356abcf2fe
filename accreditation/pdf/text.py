"""Text on badges: Accord's fonts, registered once per process and shared by every page and
document, and lines that fit their box in any script.

DejaVu Sans (Debian's fonts-dejavu-core) covers Latin with Vietnamese diacritics, Greek,
Cyrillic, Hebrew and Arabic letters; Droid Sans Fallback (fonts-droid-fallback) covers
Chinese, Japanese and Korean and is used character by character where DejaVu has no glyph.
scripts/system-deps.sh installs both. A canvas draws characters as given, so right-to-left
text is shaped (arabic-reshaper: joined letter forms) and put in visual order (python-bidi)
before it is measured and drawn.
"""

import logging
import re
from functools import cache
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype")
FONT_FILES = {
    "AccordSans": "dejavu/DejaVuSans.ttf",
    "AccordSans-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "AccordMono-Bold": "dejavu/DejaVuSansMono-Bold.ttf",
}
# Without DejaVu (a machine that skipped system-deps.sh) Latin names still print.
FALLBACK_FONTS = {"AccordSans": "Helvetica", "AccordSans-Bold": "Helvetica-Bold",
                  "AccordMono-Bold": "Courier-Bold"}
CJK_FONT = ("AccordCJK", "droid/DroidSansFallbackFull.ttf")
ELLIPSIS = "…"


@cache
def fonts():
    """The names to draw with: Accord's TTF fonts, or the standard ones when missing."""
    names = {}
    for name, file in FONT_FILES.items():
        path = FONT_DIR / file
        if path.exists():
            pdfmetrics.registerFont(TTFont(name, str(path)))
            names[name] = name
        else:
            log.warning("Font %s is missing (run scripts/system-deps.sh); badges use %s.",
                        path, FALLBACK_FONTS[name])
            names[name] = FALLBACK_FONTS[name]
    return names


@cache
def cjk_font():
    """The fallback for glyphs DejaVu lacks (Chinese, Japanese, Korean), or None. Loaded only
    when a name needs it: the file is 4 MB."""
    name, file = CJK_FONT
    path = FONT_DIR / file
    if not path.exists():
        return None
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


@cache
def _glyphs(font_name):
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    return frozenset(face.charToGlyph) if face is not None else None


def runs(text, font_name):
    """The text as [(font, piece), ...]: the font where it has the glyph, the CJK font where
    it has not and that one has."""
    covered = _glyphs(font_name)
    if covered is None or all(ord(ch) in covered for ch in text):
        return [(font_name, text)]
    fallback = cjk_font()
    spare = _glyphs(fallback) if fallback else frozenset()
    pieces = []
    for ch in text:
        code = ord(ch)
        name = font_name if code in covered or code not in spare or ch.isspace() else fallback
        if pieces and pieces[-1][0] == name:
            pieces[-1][1].append(ch)
        else:
            pieces.append((name, [ch]))
    return [(name, "".join(chars)) for name, chars in pieces]


# Arabic, Hebrew, Syriac, Thaana... and the presentation forms: text that needs shaping and
# right-to-left ordering before a PDF canvas, which draws characters as given, can show it.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def visual(text):
    """The text in the order and letter forms to draw: Arabic letters joined (their
    presentation forms) and right-to-left runs reversed, as a reader sees them. Left-to-right
    text comes back as it is."""
    if not _RTL.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def _width(pieces, size):
    return sum(pdfmetrics.stringWidth(text, name, size) for name, text in pieces)


def fit(text, font_name, size, width, *, smallest=None):
    """(pieces, size, width) of one line: shrunk down to `smallest` to fit, then cut with an
    ellipsis if it still does not."""
    text = " ".join((text or "").split())
    # Cut in reading order (the ellipsis ends the text), then draw in visual order.
    pieces = runs(visual(text), font_name)
    used = _width(pieces, size)
    smallest = smallest or size
    if used > width and smallest < size:
        size = max(smallest, size * width / used)
        used = _width(pieces, size)
    while used > width and len(text) > 1:
        text = text[:-2].rstrip() + ELLIPSIS if text.endswith(ELLIPSIS) else text[:-1] + ELLIPSIS
        pieces = runs(visual(text), font_name)
        used = _width(pieces, size)
    return pieces, size, used


def draw_line(canvas, x, y, pieces, size, used, *, align="left"):
    if align == "centre":
        x -= used / 2
    elif align == "right":
        x -= used
    for name, text in pieces:
        canvas.setFont(name, size)
        canvas.drawString(x, y, text)
        x += pdfmetrics.stringWidth(text, name, size)


def line(canvas, x, y, text, font, size, width, *, smallest=None, align="left"):
    pieces, size, used = fit(text, fonts()[font], size, width, smallest=smallest)
    draw_line(canvas, x, y, pieces, size, used, align=align)
    return size


def wrap(text, font_name, size, width, lines):
    """At most `lines` lines of whole words; the last one cut if the text is longer."""
    words, out = (text or "").split(), []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and _width(runs(f"{line} {words[0]}", font_name), size) <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words:
        out[-1] = f"{out[-1]} {' '.join(words)}"
    return out
