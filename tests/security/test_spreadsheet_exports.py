"""No spreadsheet Accord hands out runs anything, whichever way it is read.

The walk finds the exports: every page and API route of docs/PERMISSIONS.md is requested
(GET) by a column the matrix lets in, and whatever answers with a CSV or XLSX file is an
export. Then every text field of every row of the world holds a hostile value (one value
per run), and each export is read as the spreadsheets and tools that open it would: CSV with
`,` `;` tab and `|`, by a CSV parser and by naive splitting on lines and the separator;
XLSX with openpyxl. No cell may start, after the spaces and quotes a reader trims, with
= + - @ or a form a spreadsheet folds to them (full-width ＝ ＋ － ＠ and kin), and no XLSX
cell may be a formula."""

import csv
import io

import openpyxl
import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from tests.security.formulas import csv_readings, pieces, runs
from tests.security.matrix import ALLOWED, OWN, read_matrix, routes
from tests.security.walk import client_for, send, url_of
from tests.security.world import world_for_a_module

pytestmark = pytest.mark.django_db

SPREADSHEET_TYPES = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml")
HOSTILE = ["=1+2", "x;=1+2", "x|=1", "x\t=1", "\uff1d1+2", "@SUM(A1)", "-2+3", "+1", "\n=1",
           "a, \"=1", " \uff20x", "'=1"]
# The exports the walk must find, and the other forms each one offers. A new export fails
# test_the_walk_finds_every_export until it is named here (and so checked below).
FORMATS = {
    "logistics:plan_export": [reverse("logistics:plan_export", args=["xlsx"])],
    "accreditation:application_import_template": [
        reverse("accreditation:application_import_template") + "?format=csv"],
    "accreditation:vetting_export": [],
    "register_members_template": [],
    "accreditation:participants_xlsx": [],
}
# Templates: their column names and example, nothing a user typed.
TEMPLATES = {"accreditation:application_import_template", "register_members_template"}
def runnable_cells(content, content_type):
    """(where, cell) for every cell of a file that a spreadsheet would run."""
    found = []
    if content_type.startswith("text/csv"):
        for cell in csv_readings(content.decode("utf-8-sig")):
            if runs(cell):
                found.append(("csv", cell))
        return found
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append((f"{cell.coordinate} formula", cell.value))
                elif isinstance(cell.value, str):
                    found += [(cell.coordinate, piece)
                              for piece in [cell.value, *pieces(cell.value)] if runs(piece)]
    return found


def cells(content, content_type):
    if content_type.startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))
                for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row
            if isinstance(cell, str)]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_a_module(django_db_blocker, tmp_path_factory) as world:
        yield world


@pytest.fixture(scope="module")
def exports(world):
    """{URL name: (column, [URLs])}: every route that answers a GET with a spreadsheet."""
    found = {}
    params = {route.name: route.params for route in routes()}
    for row in read_matrix().values():
        if row.method != "GET":
            continue
        column = next((c for c, cell in row.cells.items() if cell in (ALLOWED, OWN)), None)
        if column is None:
            continue
        url = url_of(world, row, params.get(row.name, frozenset()), column)
        response = send(client_for(world, column), world, row, url)
        if response.get("Content-Type", "").startswith(SPREADSHEET_TYPES):
            found[row.name] = (column, [url, *FORMATS.get(row.name, [])])
    return found


def plant(value):
    """`value` in every free-text field of every row of the two apps that can hold it
    (where a unique constraint forbids one value for all rows, with the row's id after
    it)."""
    for model in [*apps.get_app_config("logistics").get_models(),
                  *apps.get_app_config("accreditation").get_models()]:
        for field in model._meta.concrete_fields:
            if (not isinstance(field, models.CharField | models.TextField) or field.choices
                    or field.primary_key or isinstance(field, models.SlugField)
                    or len(value) + 8 > (field.max_length or 1000)):
                continue
            rows = model.objects.all()
            try:
                with transaction.atomic():
                    rows.update(**{field.name: value})
            except IntegrityError:
                for pk in rows.values_list("pk", flat=True):
                    rows.filter(pk=pk).update(**{field.name: f"{value} {pk}"})


def test_the_walk_finds_every_export(exports):
    assert set(exports) == set(FORMATS)


@pytest.mark.parametrize("value", HOSTILE)
def test_no_export_holds_a_cell_a_spreadsheet_would_run(world, exports, value):
    with transaction.atomic():
        plant(value)
        problems, reached = [], set()
        for name, (column, urls) in exports.items():
            if name in TEMPLATES:
                continue  # the same file whatever the data (and planting breaks the link)
            client = client_for(world, column)
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                content_type = response["Content-Type"]
                problems += [f"{url}: {where}: {cell!r}"
                             for where, cell in runnable_cells(response.content, content_type)]
                # Apostrophes aside, the value itself is in the file: the walk reached it.
                if any(cell.replace("'", "") == value.replace("'", "")
                       for cell in cells(response.content, content_type)):
                    reached.add(name)
        transaction.set_rollback(True)
    assert problems == []
    assert reached == set(exports) - TEMPLATES


def test_no_template_holds_a_cell_a_spreadsheet_would_run(world, exports):
    """A template holds the column names and an example only: nothing a user typed."""
    for name in TEMPLATES:
        column, urls = exports[name]
        client = client_for(world, column)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert runnable_cells(response.content, response["Content-Type"]) == [], url
