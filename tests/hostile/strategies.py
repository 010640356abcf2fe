"""Hypothesis strategies for hostile input: structured but wrong. Text that a spreadsheet
would run as a formula, right-to-left overrides, NUL and control characters, huge strings,
dates that cannot be, numbers of every type; files that are truncated, garbled or not
what their first bytes claim."""

import csv
import io
from datetime import date, datetime, time

import openpyxl
from hypothesis import strategies as st

FORMULAS = ["=1+1", "=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "=HYPERLINK(\"x\")",
            "'=1+1", "\t=1", "\r=1"]
ODD_DATES = ["2026-02-30", "2025-02-29", "0000-00-00", "31/12/99999", "99/99/9999",
             "1900-01-01", "9999-12-31", "2026-13-01", "00/00/0000", "2026-1-1",
             "１２/１２/２０２６", "٢٠٢٦-١٢-١٥", "2026-12-15T10:00", "15.12.2026", "-1", "1e10"]
NASTY = ["", " ", "\x00", "A\x00B", "\u202egnp.exe",
         "\u200f\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
         "עברית", "\ufeff", "\u2028", "\ud7ff", "😀" * 5, "<script>alert(1)</script>",
         "' OR 1=1 --", "%s%s%n", "{{7*7}}", "\\", '"', "a,b;c\td", "\r\n", "NaN", "null",
         "Ｃ１２３", "İı", "ß", "x" * 300]


def text_cell(max_size=60):
    """One cell of text a person (or a script) might put in a form or a spreadsheet."""
    return st.one_of(
        st.sampled_from(NASTY + FORMULAS + ODD_DATES),
        st.text(max_size=max_size),
        st.text(st.characters(codec="utf-8", categories=("Cc", "Cf", "Zl", "Zp", "Mn", "Lo")),
                max_size=max_size),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        # Long and huge (the repr of a map stays short in Hypothesis' reports).
        st.integers(min_value=200, max_value=6000).map(lambda n: "x" * n),
    )


def any_cell():
    """A spreadsheet cell of any type openpyxl writes."""
    return st.one_of(
        text_cell(),
        st.none(),
        st.integers(min_value=-(2**53), max_value=2**53),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.dates(min_value=date(1900, 1, 1)),
        st.datetimes(min_value=datetime(1900, 1, 1)),
        st.times().map(lambda t: time(t.hour, t.minute)),
    )


def _csv(rows, delimiter):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def csv_file(header, cell=None, *, max_rows=6):
    """A CSV whose header is mostly the expected one, with cells of hostile text."""
    cell = text_cell() if cell is None else cell
    headers = st.one_of(st.just(list(header)), st.permutations(list(header)),
                        st.lists(st.one_of(st.sampled_from(list(header)), text_cell()),
                                 max_size=len(header) + 2))
    rows = st.lists(st.lists(cell, max_size=len(header) + 2), max_size=max_rows)
    return st.builds(
        lambda h, r, delimiter, bom, encoding: (("\ufeff" if bom else "") + _csv([h, *r], delimiter)
                                               ).encode(encoding, errors="replace"),
        headers, rows, st.sampled_from([",", ";", "\t"]), st.booleans(),
        st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1"]))


def _xlsx(rows, formulas):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        clean = []
        for value in row:
            if isinstance(value, str):
                value = openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", value)
                if value.startswith("=") and not formulas:
                    value = value[1:]
            clean.append(value)
        sheet.append(clean)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_file(header, *, max_rows=5):
    """A real workbook: the header, rows of cells of any type (formulas included)."""
    rows = st.lists(st.lists(any_cell(), max_size=len(header) + 1), max_size=max_rows)
    return st.builds(lambda r, f: _xlsx([list(header), *r], f), rows, st.booleans())


@st.composite
def damaged(draw, files):
    """A file cut short, or with bytes overwritten."""
    data = draw(files)
    # Positions drawn independently of the length: a workbook's size varies with the
    # clock, and Hypothesis needs the same draws to replay an example.
    position = st.integers(min_value=0, max_value=2**20)
    if draw(st.booleans()):
        return data[:draw(position) % max(len(data), 1)]
    data = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        at, value = draw(position), draw(st.integers(min_value=0, max_value=255))
        if data:
            data[at % len(data)] = value
    return bytes(data)


def import_file(header):
    """Everything an import might be given: random bytes, random bytes that start like a
    zip or an old .xls, hostile CSV and XLSX, and the same damaged."""
    return st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=500).map(lambda b: b"\xd0\xcf\x11\xe0" + b),
        csv_file(header),
        xlsx_file(header),
        damaged(csv_file(header)),
        damaged(xlsx_file(header)),
    )
