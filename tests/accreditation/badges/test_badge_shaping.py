"""Names in every script print as their script requires: a badge batch of real names, drawn
by the batch job, read back from the PDF itself (the content stream's glyph codes and
positions, the embedded subset fonts' outlines) and compared, name by name, with HarfBuzz's
shaping of the same name in the same font installed on the machine; and no glyph drawn
anywhere on the pages is its font's .notdef (the box)."""

import io
from functools import cache
from pathlib import Path

import pikepdf
import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from accreditation.badges.models import BadgeBatch
from accreditation.badges.services import batches
from accreditation.badges.services.badges import badge_issue
from tests.factories.accreditation import approved, journalist

FONT_DIR = Path("/usr/share/fonts/truetype")

# (what it is, the family name, its pieces in visual order: left to right on the page, each
# shaped on its own by HarfBuzz, which guesses its script and direction).
CORPUS = [
    ("Arabic, Allah ligature", "عبد الله", ["عبد الله"]),
    ("Arabic, lam-alef", "عبد الإله السلام", ["عبد الإله السلام"]),
    ("Arabic, joined forms", "محمد بن سلمان", ["محمد بن سلمان"]),
    ("Persian, zero-width non-joiner", "مهرداد نیک‌نام", ["مهرداد نیک‌نام"]),
    ("Vietnamese, stacked diacritics", "Nguyễn Thị Ngọc Ánh", ["Nguyễn Thị Ngọc Ánh"]),
    ("Vietnamese, decomposed marks", "Phạm Quốc Việt".replace("ố", "o\u0302\u0301"),
     ["Phạm Quốc Việt".replace("ố", "o\u0302\u0301")]),
    ("Chinese", "欧阳修", ["欧阳修"]),
    ("Japanese", "やまだ 太郎", ["やまだ 太郎"]),
    ("Korean", "김민준", ["김민준"]),
    ("Russian", "Щербакова", ["Щербакова"]),
    ("Greek", "Παπαδόπουλος", ["Παπαδόπουλος"]),
    ("Hindi, conjuncts and vowel signs", "क्षितिज श्रीवास्तव", ["क्षितिज श्रीवास्तव"]),
    ("Thai, stacked marks", "สมศักดิ์ ใจดี", ["สมศักดิ์ ใจดี"]),
    ("Amharic", "ኃይለ ሥላሴ", ["ኃይለ ሥላሴ"]),
    ("Hebrew", "יִצְחָק רַבִּין", ["יִצְחָק רַבִּין"]),
    # A Latin family name, then an Arabic given name: the line reads left to right, the
    # Arabic words right to left within it.
    ("Latin then Arabic", "Dupont عبد الله", ["Dupont ", "عبد الله"]),
    # Arabic first: the line reads right to left, so the Latin word is on its left.
    ("Arabic then Latin", "عبد الله Smith", ["Smith", "عبد الله "]),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@cache
def _installed():
    """The installed TrueType fonts by PostScript name, as a PDF's BaseFont names them."""
    return {TTFont(path, lazy=True)["name"].getDebugName(6): path
            for path in FONT_DIR.rglob("*.ttf")}


@cache
def _harfbuzz(path):
    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


@cache
def _font_file(path):
    return TTFont(path)


def _outline(font, glyph_name):
    """What a glyph looks like: its points (composites flattened) and its advance."""
    glyf = font["glyf"]
    coordinates, ends, _flags = glyf[glyph_name].getCoordinates(glyf)
    return tuple(coordinates), tuple(ends), font["hmtx"][glyph_name][0]


class Embedded:
    """One font of the PDF (a subset reportlab embedded): code → glyph outline."""

    def __init__(self, font):
        self.base_font = str(font.BaseFont)
        self.widths = [float(width) for width in font.get("/Widths", [])]
        self.first = int(font.get("/FirstChar", 0))
        program = font.FontDescriptor.FontFile2.read_bytes()
        self.font = TTFont(io.BytesIO(program))
        self.cmap = self.font["cmap"].tables[0].cmap
        self.notdef = _outline(self.font, ".notdef")

    @property
    def postscript_name(self):
        return self.base_font.split("+", 1)[-1]

    def outline(self, code):
        name = self.cmap.get(code)
        return None if name is None else _outline(self.font, name)

    def width(self, code):
        return self.widths[code - self.first]


def _glyphs(pdf, page):
    """Every glyph the page shows: (baseline y, x, rise, font, code, size, show), from its
    content stream's text operators; `show` counts the text objects (BT ... ET)."""
    fonts = {}
    for name, font in page.Resources.Font.items():
        if "/FontDescriptor" in font and "/FontFile2" in font.FontDescriptor:
            fonts[name] = Embedded(font)
        else:
            fonts[name] = None  # a standard font (Helvetica): not one of ours
    shown = []
    x = y = rise = 0.0
    font = size = None
    show = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BT":
            x = y = 0.0
            show += 1
        elif op == "Tf":
            font, size = fonts[str(operands[0])], float(operands[1])
        elif op == "Tm":
            x, y = float(operands[4]), float(operands[5])
        elif op == "Td":
            x, y = x + float(operands[0]), y + float(operands[1])
        elif op == "Ts":
            rise = float(operands[0])
        elif op in ("Tj", "TJ"):
            items = operands[0] if op == "TJ" else [operands[0]]
            for item in items:
                if isinstance(item, pikepdf.String):
                    for code in bytes(item):
                        shown.append((y, x, rise, font, code, size, show))
                        width = font.width(code) if font else 0
                        x += width / 1000 * size
                else:
                    x -= float(item) / 1000 * size
        elif op in ("Tc", "Tw", "Tz") and float(operands[0]) not in (0, 100):
            raise AssertionError(f"{op} is not read by this test")
    return shown


def _lines(glyphs):
    """The glyphs grouped by baseline, each line's text objects left to right and the glyphs
    of each in the order drawn (a mark may be drawn left of its letter)."""
    lines = {}
    for glyph in glyphs:
        lines.setdefault(round(glyph[0], 2), []).append(glyph)
    ordered = []
    for line in lines.values():
        starts = {}
        for glyph in line:
            starts.setdefault(glyph[6], glyph[1])
        ordered.append(sorted(line, key=lambda glyph: starts[glyph[6]]))
    return ordered


def _shaped(text, path, size):
    """HarfBuzz's glyphs for `text` in the font at `path`: (outline, x, rise) each, x from
    the start of the text, in points at `size`; None when the font lacks a character."""
    font = _harfbuzz(path)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    file = _font_file(path)
    order = file.getGlyphOrder()
    scale = size / font.face.upem
    out, pen = [], 0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        if not info.codepoint:
            return None
        out.append((_outline(file, order[info.codepoint]), (pen + position.x_offset) * scale,
                    position.y_offset * scale))
        pen += position.x_advance
    return out


def _runs_by_font(line):
    runs = []
    for glyph in line:
        if runs and runs[-1][0][3] is glyph[3]:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return runs


def _matches(line, pieces):
    """Whether the line draws `pieces` as HarfBuzz shapes them: one run of a font per piece,
    each glyph the one HarfBuzz chose in that font, at HarfBuzz's position."""
    runs = _runs_by_font(line)
    if len(runs) != len(pieces) or any(run[0][3] is None for run in runs):
        return False
    for run, piece in zip(runs, pieces, strict=True):
        embedded, size = run[0][3], run[0][5]
        path = _installed().get(embedded.postscript_name)
        if path is None:
            return False
        expected = _shaped(piece, path, size)
        if expected is None or len(expected) != len(run):
            return False
        start = run[0][1] - expected[0][1]
        for (outline, x, lift), (_y, drawn_x, rise, _font, code, _size, _show) in zip(
                expected, run, strict=True):
            if embedded.outline(code) != outline:
                return False
            if abs(drawn_x - start - x) > 0.05 or abs(rise - lift) > 0.05:
                return False
    return True


def _describe(line):
    return " ".join(f"{glyph[3].postscript_name if glyph[3] else 'standard'}:{glyph[4]}"
                    for glyph in line)


def test_every_name_is_drawn_as_harfbuzz_shapes_it(event, cats, officer):
    badges = [badge_issue(application_id=approved(journalist(
        event, family_name=name, given_names="Marie")).pk) for _label, name, _ in CORPUS]
    batch = BadgeBatch.objects.create(event=event, total=len(badges), requested_by=officer)
    batch.badges.set(badges)
    batches.batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == "done", batch.error
    with batch.file.open("rb") as handle, pikepdf.open(io.BytesIO(handle.read())) as document:
        assert not document.check_pdf_syntax()  # qpdf's check: the text operators are valid
        pages = [_glyphs(document, page) for page in document.pages]
    assert len(pages) == len(CORPUS)

    boxes = []
    for number, glyphs in enumerate(pages):
        for _y, _x, _rise, font, code, _size, _show in glyphs:
            if font is not None and font.outline(code) in (None, font.notdef):
                boxes.append(f"page {number + 1}: {font.postscript_name} code {code}")
    wrong = []
    for label, name, pieces in CORPUS:
        if not any(_matches(line, pieces) for glyphs in pages for line in _lines(glyphs)):
            wrong.append(f"{label} ({name})")
    assert not wrong and not boxes, (f"not drawn as HarfBuzz shapes them: {wrong}; "
                                     f".notdef drawn: {boxes}")
