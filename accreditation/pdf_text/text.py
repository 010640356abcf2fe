"""Text on badges and the other PDFs drawn with reportlab: Accord's fonts, and lines that fit
their box in any script.

Every line is shaped by HarfBuzz (.shaping): Arabic joined with its ligatures and read right
to left, Indic conjuncts, Thai and Vietnamese marks stacked, each run of a script in a font
that has its glyphs (DejaVu Sans for Latin, Greek and Cyrillic; Noto Sans of the script from
fonts-noto-core; Droid Sans Fallback for Chinese and Japanese, Nanum Gothic for Korean;
scripts/system-deps.sh installs them). The glyphs are drawn by their ids, as HarfBuzz placed
them: a canvas draws characters, one glyph each, which no complex script survives. The PDF's
text stays readable: each glyph reads as its character where it has one, and a
left-to-right run is marked with the text it reads (ActualText) for its conjuncts and
reordered vowel signs.
"""

import logging
import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics

from accreditation.pdf_text import shaping

log = logging.getLogger(__name__)

FONT_DIR = shaping.FONT_DIR
FONT_FILES = {
    "AccordSans": "dejavu/DejaVuSans.ttf",
    "AccordSans-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "AccordMono-Bold": "dejavu/DejaVuSansMono-Bold.ttf",
}
# Without DejaVu (a machine that skipped system-deps.sh) Latin names still print.
FALLBACK_FONTS = {"AccordSans": "Helvetica", "AccordSans-Bold": "Helvetica-Bold",
                  "AccordMono-Bold": "Courier-Bold"}
ELLIPSIS = "…"


@cache
def fonts():
    """The names to draw with: Accord's fonts, or the standard ones when missing."""
    names = {}
    for name, file in FONT_FILES.items():
        if shaping.face(name, file):
            names[name] = name
        else:
            log.warning("Font %s is missing (run scripts/system-deps.sh); badges use %s.",
                        FONT_DIR / file, FALLBACK_FONTS[name])
            names[name] = FALLBACK_FONTS[name]
    return names


@dataclass(frozen=True)
class Plain:
    """A line in one of the PDF standard fonts, drawn as it is: only when DejaVu is missing."""
    text: str
    font_name: str
    rtl = False

    def width(self, size):
        return pdfmetrics.stringWidth(self.text, self.font_name, size)


def shaped(text, font_name):
    """The line to draw: shaped (shaping.Line) in one of Accord's fonts, else Plain."""
    base = shaping.face(font_name, FONT_FILES[font_name]) if font_name in FONT_FILES else None
    return shaping.shape(text, base) if base else Plain(text, font_name)


def _joins(char):
    """A mark on a letter, a virama or a joiner: what is cut with the letter before it."""
    return unicodedata.category(char)[0] == "M" or char in "\u200c\u200d"


def _shorter(text):
    """The text less its last letter with every mark on it, and with the letter joined to it
    by a virama or a zero-width joiner (one conjunct): a cut never shows "ê" for "ễ", nor half
    a conjunct or a consonant without its vowel sign."""
    end = len(text)
    while True:
        while end and _joins(text[end - 1]):
            end -= 1
        end -= 1
        if end <= 0 or not (unicodedata.combining(text[end - 1]) == 9
                            or text[end - 1] == "\u200d"):
            break
    return text[:max(end, 0)].rstrip()


def fit(text, font_name, size, width, *, smallest=None):
    """(line, size, width) of one line: shrunk down to `smallest` to fit, then cut with an
    ellipsis at the end of its reading (its left for Arabic) if it still does not. Widths are
    the shaped ones."""
    text = " ".join((text or "").split())
    line = shaped(text, font_name)
    used = line.width(size)
    smallest = smallest or size
    if used > width and smallest < size:
        size = max(smallest, size * width / used)
        used = line.width(size)
    while used > width and len(text) > 1:
        text = _shorter(text.removesuffix(ELLIPSIS))
        line = shaped(text + ELLIPSIS, font_name)
        used = line.width(size)
    return line, size, used


def _hex(text):
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _draw_run(canvas, x, y, run, size):
    """One run's glyphs as HarfBuzz placed them, by the codes reportlab gave them in its
    subset of the font: each glyph shown, then the pen moved from where the PDF's width of
    the glyph left it to where HarfBuzz's advance puts it (in whole thousandths of an em,
    the remainder carried to the next glyph); marks raised by the text rise."""
    font, doc = run.face.reportlab(), canvas._doc
    scale = 1000 / run.face.upem
    chars = "".join(run.face.char_for(glyph[0]) for glyph in run.glyphs)
    # Left to right, the glyphs may stand in another order than the letters (a Devanagari
    # vowel sign before its consonant) or for several (a conjunct): the run says what it reads.
    # Right to left, readers put the glyphs back in reading order themselves (poppler reverses
    # an ActualText as well), and each glyph reads as the letter form it draws.
    marked = not run.level % 2
    ops = [f"/Span <</ActualText {_hex(run.text)}>> BDC" if marked else "",
           f"BT 1 0 0 1 {fp_str(x)} {fp_str(y)} Tm"]
    shown, codes_now, rise, pending = [], bytearray(), 0, 0.0
    index = 0

    def flush_codes():
        if codes_now:
            shown.append(f"<{codes_now.hex()}>")
            codes_now.clear()

    def show():
        flush_codes()
        if shown:
            ops.append("[" + " ".join(shown) + "] TJ")
            shown.clear()

    for subset, codes in font.splitString(chars, doc):
        show()
        ops.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
        for code in codes:
            _glyph, advance, x_offset, y_offset = run.glyphs[index]
            width = font.face.getCharWidth(ord(chars[index]))
            index += 1
            lift = y_offset * size / run.face.upem
            if lift != rise:
                show()
                ops.append(f"{fp_str(lift)} Ts")
                rise = lift
            pending -= x_offset * scale  # a TJ number moves the pen left
            if abs(pending) >= 0.5:
                flush_codes()
                shown.append(str(round(pending)))
                pending -= round(pending)
            codes_now.append(code)
            pending += width - (advance - x_offset) * scale
    show()
    if rise:
        ops.append("0 Ts")
    ops.append("ET EMC" if marked else "ET")
    canvas.addLiteral("\n".join(ops))


def draw_line(canvas, x, y, line, size, used, *, align="left"):
    if align == "centre":
        x -= used / 2
    elif align == "right":
        x -= used
    if isinstance(line, Plain):
        canvas.setFont(line.font_name, size)
        canvas.drawString(x, y, line.text)
        return
    for run in line.runs:
        _draw_run(canvas, x, y, run, size)
        x += run.width(size)


def line(canvas, x, y, text, font, size, width, *, smallest=None, align="left"):
    """One line of `text` in its box: from `x`, `width` wide (to `x` for align="right",
    about it for "centre"). A right-to-left line starts at the box's right edge."""
    drawn, size, used = fit(text, fonts()[font], size, width, smallest=smallest)
    if drawn.rtl and align != "centre":
        x, align = (x + width, "right") if align == "left" else (x - width, "left")
    draw_line(canvas, x, y, drawn, size, used, align=align)
    return size


def wrap(text, font_name, size, width, lines):
    """At most `lines` lines of whole words; the last one cut if the text is longer."""
    words, out = (text or "").split(), []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and shaped(f"{line} {words[0]}", font_name).width(size) <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words:
        out[-1] = f"{out[-1]} {' '.join(words)}"
    return out
