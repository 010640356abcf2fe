"""Workbooks as spreadsheet programs write them, with the cells an import cannot read at a
glance: merged ranges, and formulas saved with or without their value."""

import io
import re
import zipfile

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows, *, merged=(), formulas=None, values_saved=None):
    """XLSX bytes of `rows` from A1, written by openpyxl. `merged`: ranges to merge ("B3:C3";
    openpyxl, as Excel, keeps only the first cell's value). `formulas`: {"B2": "=A2"}, which
    openpyxl saves without their value, as programs other than Excel may; `values_saved`:
    {"B2": "Task"}, the value a spreadsheet program would have saved with the formula."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for coordinate, formula in (formulas or {}).items():
        sheet[coordinate] = formula
    for cells in merged:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return _with_values(out.getvalue(), values_saved) if values_saved else out.getvalue()


def _with_values(data, values):
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == SHEET:
                xml = content.decode()
                for coordinate, value in values.items():
                    xml, count = re.subn(
                        rf'<c r="{coordinate}"([^>]*)><f>(.*?)</f>(<v\s*/>|<v></v>)?</c>',
                        rf'<c r="{coordinate}"\1 t="str"><f>\2</f><v>{value}</v></c>', xml)
                    assert count == 1, coordinate
                content = xml.encode()
            target.writestr(item, content)
    return out.getvalue()
