"""Lines of text in any script, shaped by HarfBuzz as their script requires, in the order a
reader sees them, each piece in a font that has every glyph drawn.

A line goes through four steps, the same for a badge and for any other PDF of .text:
1. the Unicode bidirectional algorithm gives each character its level (python-bidi's
   reference implementation): even left to right, odd right to left;
2. each character gets its script (spaces, digits and marks take their neighbour's) and the
   font for it: the base font (DejaVu Sans) for Latin, Greek and Cyrillic, Noto Sans of the
   script for the others (Arabic, Hebrew, Devanagari, Thai, Ethiopic...: fonts-noto-core),
   Droid Sans Fallback for Chinese and Japanese, Nanum Gothic for Korean; the next of these
   that has the character when the first has not;
3. each run of one font, script and level is shaped by HarfBuzz (joined Arabic letters and
   their ligatures, Indic conjuncts and vowel signs, Thai and Vietnamese marks stacked),
   with the whole line as context;
4. the runs are put in visual order (rule L2: reversed level by level).
The result is glyph ids and positions; .text draws them. reportlab shapes nothing itself, and
its experimental shaping works on one font a word at a time, which a name in two scripts
defeats.
"""

import logging
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import uharfbuzz as hb
from bidi import algorithm as bidi
from fontTools import unicodedata as scripts
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype")
# The scripts DejaVu Sans is drawn for: Latin (Vietnamese too), Greek, Cyrillic, and the
# characters every script shares.
BASE_SCRIPTS = {"Latn", "Grek", "Cyrl", "Zyyy", "Zinh", "Zzzz"}
# Chinese and Japanese in Droid Sans Fallback (fonts-droid-fallback), which has no Hangul
# syllables: Korean in Nanum Gothic (fonts-nanum). Noto's CJK fonts are OpenType/CFF, which
# reportlab cannot embed.
CJK_SCRIPTS = {"Hani", "Hira", "Kana", "Bopo"}
CJK_FILE = "droid/DroidSansFallbackFull.ttf"
HANGUL_FILES = {False: "nanum/NanumGothic.ttf", True: "nanum/NanumGothicBold.ttf"}
MISSING = "\ufffd"  # what is drawn for a character no font has: a glyph, never a box
# The Unicode private-use area: codes for glyphs no character maps to (ligatures, contextual
# forms), by which reportlab's subsetting embeds them.
PRIVATE_USE = range(0xE000, 0xF900)
_ALLOCATING = threading.Lock()


class Face:
    """One TrueType file: HarfBuzz's font to shape with and, once something is drawn in it,
    reportlab's to embed it (a subset: only the glyphs used)."""

    def __init__(self, name, path):
        self.name, self.path = name, path
        self.bold = "Bold" in path.stem
        self.hb = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
        self.upem = self.hb.face.upem
        self.covers = frozenset(self.hb.face.unicodes)
        self._chars = {}

    def __repr__(self):
        return f"<Face {self.name}>"

    @cache  # noqa: B019 (a Face lives as long as the process: it is cached itself)
    def reportlab(self):
        if self.name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(self.name, str(self.path)))
        return pdfmetrics.getFont(self.name)

    def char_for(self, glyph):
        """The character by which reportlab embeds `glyph`: one the font maps to it, or a
        private-use one given to it for this process when none does or only one beyond the
        BMP does, which reportlab's ToUnicode map cannot write (the PDF's text then reads from
        its run's ActualText, see .text)."""
        char = self._chars.get(glyph)
        if char is not None:
            return char
        with _ALLOCATING:  # two threads of a web process must not give one code two glyphs
            if glyph in self._chars:
                return self._chars[glyph]
            face = self.reportlab().face
            mapped = [code for code in face.glyphToChar.get(glyph, ())
                      if code != 0xA0 and code <= 0xFFFF]  # reportlab maps U+00A0 to a space
            if mapped:
                char = chr(mapped[0])
            else:
                code = next(code for code in PRIVATE_USE if code not in face.charToGlyph)
                face.charToGlyph[code] = glyph
                face.glyphToChar.setdefault(glyph, []).append(code)
                advance = self.hb.get_glyph_h_advance(glyph)
                face.charWidths[code] = round(advance * 1000 / self.upem)
                char = chr(code)
            self._chars[glyph] = char
        return char


@cache
def face(name, file):
    """The Face of a file under FONT_DIR, once per process; None when it is not installed."""
    path = FONT_DIR / file
    return Face(name, path) if path.exists() else None


@cache
def script_face(script, bold):
    """The font of a script the base font is not drawn for: Noto Sans (or Serif) of the
    script, in the weight asked for when it has one."""
    if script in CJK_SCRIPTS:
        return face("AccordCJK", CJK_FILE)
    if script == "Hang":
        return face(Path(HANGUL_FILES[bold]).stem, HANGUL_FILES[bold])
    name = scripts.script_name(script, default="").replace("_", "")
    for family in (f"NotoSans{name}", f"NotoSerif{name}"):
        for weight in (("Bold", "Regular") if bold else ("Regular",)):
            found = face(f"{family}-{weight}", f"noto/{family}-{weight}.ttf")
            if found:
                return found
    return None


def faces_for(script, base):
    """The fonts to try for a character of `script`, best first."""
    preferred = base if script in BASE_SCRIPTS else script_face(script, base.bold)
    noto = face(*(("NotoSans-Bold", "noto/NotoSans-Bold.ttf") if base.bold
                  else ("NotoSans-Regular", "noto/NotoSans-Regular.ttf")))
    return (preferred, base, noto, script_face("Hani", False))


@dataclass(frozen=True)
class Run:
    """Glyphs of one font in visual order: (glyph id, advance, x offset, y offset) in the
    font's units; `text` is what they read, in logical order."""
    face: Face
    text: str
    glyphs: tuple
    level: int
    advance: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "advance", sum(glyph[1] for glyph in self.glyphs))

    def width(self, size):
        return self.advance * size / self.face.upem


@dataclass(frozen=True)
class Line:
    runs: tuple  # in visual order, left to right
    rtl: bool  # the paragraph's direction: where the line starts in its box

    def width(self, size):
        return sum(run.width(size) for run in self.runs)


# The bidirectional classes that can make a line, or part of it, run right to left.
RIGHT_TO_LEFT = {"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI"}


def _levels(text):
    """The paragraph's level and each character's resolved level (rules P2 to I2)."""
    if not any(unicodedata.bidirectional(char) in RIGHT_TO_LEFT for char in text):
        return 0, [0] * len(text)  # what the algorithm gives, for a tenth of its time
    storage = bidi.get_empty_storage()
    storage["base_level"] = base = bidi.get_base_level(text)
    storage["base_dir"] = "LR"[base]
    bidi.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi.explicit_embed_and_overrides(storage)
    bidi.resolve_weak_types(storage)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    # Rule X9 drops formatting characters (the joiners among them): they take the level of
    # the character before them.
    levels = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    for index, level in enumerate(levels):
        levels[index] = level if level is not None else (levels[index - 1] if index else base)
    return base, levels


def _scripts(text):
    """Each character's script, the ones every script shares (spaces, digits, punctuation,
    combining marks) taking the script of the letter before them, or after at the start."""
    found = [scripts.script(char) for char in text]
    last = None
    for index, script in enumerate(found):
        if script in ("Zyyy", "Zinh", "Zzzz"):
            found[index] = last
        else:
            last = script
    following = "Zyyy"
    for index in range(len(found) - 1, -1, -1):
        if found[index] is None:
            found[index] = following
        else:
            following = found[index]
    return found


def _covered(text, base):
    """The text with what no font has left out (a mark, a control) or replaced by MISSING."""
    kept = []
    for char in text:
        if unicodedata.category(char) == "Cf":  # joiners, marks of direction: HarfBuzz hides them
            kept.append(char)
            continue
        script = scripts.script(char)
        if not any(font and ord(char) in font.covers for font in faces_for(script, base)):
            if unicodedata.category(char)[0] in "MC":
                continue
            log.warning("No font has U+%04X; the PDF shows U+FFFD instead.", ord(char))
            char = MISSING
        kept.append(char)
    return "".join(kept)


def _itemise(text, base):
    """The paragraph's level and the text cut into [start, end, face, script, level] runs."""
    paragraph, levels = _levels(text)
    found = _scripts(text)
    items = []
    for index, char in enumerate(text):
        script = found[index]
        if unicodedata.category(char) == "Cf" and items:  # an invisible joiner stays in its run
            chosen = items[-1][2]
        else:
            chosen = next((font for font in faces_for(script, base)
                           if font and ord(char) in font.covers), base)
        key = [chosen, script, levels[index]]
        if items and items[-1][2:] == key:
            items[-1][1] = index + 1
        else:
            items.append([index, index + 1, *key])
    return paragraph, items


def _shape(codes, start, end, font, script, level):
    buffer = hb.Buffer()
    buffer.add_codepoints(codes, start, end - start)
    buffer.direction = "rtl" if level % 2 else "ltr"
    if script not in ("Zyyy", "Zinh", "Zzzz"):
        buffer.script = script
    hb.shape(font.hb, buffer)
    return tuple((info.codepoint, position.x_advance, position.x_offset, position.y_offset)
                 for info, position in zip(buffer.glyph_infos, buffer.glyph_positions,
                                           strict=True)
                 if info.codepoint)  # .notdef never: the font was chosen for its glyphs


def _visual(runs):
    """Rule L2: from the highest level down to the lowest odd one, every sequence of runs
    at that level or above is reversed."""
    runs = list(runs)
    levels = [run.level for run in runs]
    odd = [level for level in levels if level % 2]
    if not odd:
        return tuple(runs)
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(runs):
            if runs[index].level >= level:
                end = index
                while end < len(runs) and runs[end].level >= level:
                    end += 1
                runs[index:end] = reversed(runs[index:end])
                index = end
            else:
                index += 1
    return tuple(runs)


# The event's name, its zones and categories recur on every badge; a name seldom does (and a
# cached line costs about 3 KB).
@lru_cache(maxsize=256)
def shape(text, base):
    """The Line of `text` (logical order, one line) with the Face `base` as its first font."""
    text = _covered(text, base)
    paragraph, items = _itemise(text, base)
    codes = [ord(char) for char in text]
    runs = [Run(font, text[start:end], _shape(codes, start, end, font, script, level), level)
            for start, end, font, script, level in items]
    return Line(_visual(runs), bool(paragraph % 2))
