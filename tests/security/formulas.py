"""What a spreadsheet would run: the readers' side of formula injection, written apart from
the project's own rule (logistics.core.spreadsheet_cells) so that it can catch that rule out."""

import csv
import io
import re
import unicodedata

TRIGGERS = {"=", "+", "-", "@"}
LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
TRIMMED = re.compile(r'^[\s"\u200b-\u200d\u2060\ufeff]+')
NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def runs(cell):
    """Whether a spreadsheet would run this cell: it starts with a trigger once trimmed (a
    plain number such as -2 is a number, not a formula)."""
    text = TRIMMED.sub("", cell)
    if not text or NUMBER.fullmatch(text.rstrip()):
        return False
    return unicodedata.normalize("NFKC", text[0]) in TRIGGERS


def csv_readings(text):
    """Every cell of every way of reading a CSV text."""
    for delimiter in ",;\t|":
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield from row
        for line in LINE_BREAKS.split(text):
            yield from line.split(delimiter)


def pieces(text):
    """A text cell as the same readers would split it once the workbook is saved as CSV."""
    for line in LINE_BREAKS.split(text):
        yield from re.split(r"[,;\t|]", line)
