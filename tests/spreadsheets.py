"""Files as the import tests send them (a CSV, with Excel's byte order mark or without; an
XLSX workbook), and the words an import uses for a cell it cannot read."""

import csv
import io

import openpyxl

MERGED = ("the cell is merged with others ({}); unmerge it and put the value in each "
          "cell.")
FORMULA = ("the cell holds a formula whose value was not saved; paste values only (Paste "
           "special → Values) and save again.")


def csv_bytes(header, rows, *, delimiter=",", bom=True):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
