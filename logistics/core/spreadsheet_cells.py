"""Cells a spreadsheet would run as a formula, and how every CSV and XLSX file Accord writes
keeps them text: one rule for the plan, the import templates and the vetting batches.

A spreadsheet runs a cell that starts with = + - or @ (some fold the full-width and small
forms, ＝ ＋ － ＠, to those first). Which text is "a cell" depends on the reader: a CSV
written with commas is opened with semicolons where the decimal separator is a comma, with
tabs or bars by others, and naive tools split on line breaks and on the separator without
minding quotes. So the rule looks at every piece of a value: its start and whatever follows
any character one of those readers may split on, after the spaces and quotes a reader may
trim. Where such a piece starts with a trigger, an apostrophe goes in front of it (the mark
spreadsheets themselves use for "text"): `x;=1+2` is written `x;'=1+2`, and `=SUM(A1)` is
`'=SUM(A1)`. Numbers (a negative one too) are not text and go out as they are.

restore() is the exact inverse, for the imports: it takes off precisely the apostrophes
defuse() put in, so an exported file imports back unchanged. An apostrophe is added before
a piece that already starts with apostrophes and then a trigger too (`'=x` is written `''=x`):
that is what makes the pair exact."""

import re
from datetime import date
from decimal import Decimal

# What folds (NFKC) to = + - @: ASCII, superscript and subscript, small and full-width forms.
TRIGGERS = "=+\\-@\u207a\u207c\u208a\u208c\ufb29\ufe62\ufe63\ufe66\ufe6b\uff0b\uff0d\uff1d\uff20"
# What a reader may split a cell on: what folds to , ; | or tab, and every line break.
SEPARATORS = (",;|\t\u037e\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b\uff5c"
              "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# What a reader may trim before it looks at a piece: spaces, quotes, invisible marks.
_TRIMMED = "\\s\"\u200b-\u200d\u2060\ufeff"
# A tab or carriage return first is a trigger too (OWASP: some readers drop it and run
# what follows).
_START_TRIGGERS = "\t\r"

_PIECE = re.compile(f"([{SEPARATORS}])")
_DANGEROUS = re.compile(f"^([{_TRIMMED}]*)(?='*[{TRIGGERS}])")
_DEFUSED = re.compile(f"^([{_TRIMMED}]*)'(?='*[{TRIGGERS}])")
_DANGEROUS_START = re.compile(f"'*[{_START_TRIGGERS}]")


def defuse(text):
    """`text` with an apostrophe before each of its pieces that a spreadsheet would run."""
    pieces = _PIECE.split(text)  # pieces at even positions, the separators between them
    pieces[::2] = [_DANGEROUS.sub(r"\1'", piece, count=1) for piece in pieces[::2]]
    text = "".join(pieces)
    return "'" + text if _DANGEROUS_START.match(text) else text


def restore(text):
    """What defuse() was given, from what it wrote; other text comes back as it is."""
    if text.startswith("'") and _DANGEROUS_START.match(text[1:]):
        text = text[1:]
    pieces = _PIECE.split(text)
    pieces[::2] = [_DEFUSED.sub(r"\1", piece, count=1) for piece in pieces[::2]]
    return "".join(pieces)


def is_number(value):
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def csv_cell(value):
    """A value as the text of a CSV cell: nothing as "", dates as ISO, numbers as they are,
    text defused."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if is_number(value):
        return str(value)
    return defuse(str(value))
