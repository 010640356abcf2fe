"""The one rule that keeps every spreadsheet cell Accord writes text: defuse() before
writing, restore() after reading, and nothing else changes."""

import io
from datetime import date

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from logistics.core.spreadsheet_cells import SEPARATORS, TRIGGERS, csv_cell, defuse, restore
from logistics.core.spreadsheet_files import write_csv, write_xlsx
from tests.hostile.strategies import text_cell
from tests.security.formulas import pieces, runs

# Text built from what matters to the rule, so that Hypothesis finds its corners.
RULE_TEXT = st.text(st.sampled_from(list(TRIGGERS.replace("\\", "") + SEPARATORS)
                                    + ["'", '"', " ", "\u3000", "x", "1", "\ufeff"]),
                    max_size=12)


@given(st.one_of(RULE_TEXT, text_cell()))
def test_restore_undoes_defuse_exactly(text):
    assert restore(defuse(text)) == text


@given(st.one_of(RULE_TEXT, text_cell()))
def test_defused_text_runs_in_no_reading(text):
    written = defuse(text)
    assert [piece for piece in [written, *pieces(written)] if runs(piece)] == []


@pytest.mark.parametrize(("text", "written"), [
    ("=1+2", "'=1+2"), ("x;=1+2", "x;'=1+2"), ("x|=1", "x|'=1"), ("x\t=1", "x\t'=1"),
    ("\uff1d1+2", "'\uff1d1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("a\n =1", "a\n '=1"),
    ("'=1", "''=1"), ("\tx", "'\tx"), ("Hà Nội; 2025", "Hà Nội; 2025"), ("x'=1", "x'=1"),
])
def test_defuse_puts_an_apostrophe_before_each_piece_that_would_run(text, written):
    assert (defuse(text), restore(written)) == (written, text)


def test_restore_leaves_text_that_defuse_did_not_write():
    for text in ("'abc", "x;'y", "O'Brien", "it's =1", "''"):
        assert restore(text) == text


def test_numbers_stay_numbers():
    assert [csv_cell(value) for value in (-2, -2.5, 0, None, date(2030, 1, 2), "-2")] == [
        "-2", "-2.5", "0", "", "2030-01-02", "'-2"]
    data = write_xlsx([["n", "text"], [-2, "-2"], [-2.5, "=1"]], title="t")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [(cell.value, cell.data_type) for row in sheet.iter_rows(min_row=2)
            for cell in row] == [(-2, "n"), ("'-2", "s"), (-2.5, "n"), ("'=1", "s")]
    assert write_csv([[-2, "-2"]]).decode("utf-8-sig") == "-2,'-2\r\n"
