import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command

from logistics.core.enums import Role
from logistics.core.errors import ImportRejected, NotAllowed
from logistics.core.spreadsheet_files import MAX_BYTES
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services.plan_io import ImportResult, plan_import
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)
from tests.factories.workbooks import workbook
from tests.spreadsheets import csv_bytes, xlsx_bytes

HEADER = ["code", "title", "committee", "lead agency", "coordinating agencies", "start", "due",
          "status", "parent", "depends-on"]


def plan_row(code, **cells):
    """One data row in HEADER's order; the cells not given hold a valid new task."""
    values = {"title": f"Task {code}", "committee": "SEC", "lead agency": "MPS",
              "coordinating agencies": "", "start": "", "due": "2030-03-01",
              "status": "planned", "parent": "", "depends-on": "", **cells}
    return [code] + [values[name] for name in HEADER[1:]]


def csv_file(rows, header=HEADER, *, delimiter=",", bom=False):
    return csv_bytes(header, rows, delimiter=delimiter, bom=bom)


def xlsx_file(rows, header=HEADER):
    return xlsx_bytes(header, rows)


def snapshot(event):
    """Everything an import could change, to show that a rejected one changed nothing."""
    return (
        [(t.code, t.title, t.committee_id, t.lead_agency_id, t.start_date, t.due_date,
          t.status, t.progress, t.parent_id, t.description,
          sorted(a.code for a in t.coordinating_agencies.all()),
          sorted(d.code for d in t.depends_on.all()))
         for t in Task.objects.filter(event=event).order_by("code")],
        TaskUpdate.objects.count(),
    )


def rejection(event, data, by=None):
    with pytest.raises(ImportRejected) as caught:
        plan_import(event=event, by=by, data=data)
    return [str(error) for error in caught.value.errors]


@pytest.fixture
def plan(event, committee, agency, other_agency):
    """An event whose plan holds one task, SEC-01, that SEC-02 depends on."""
    first = TaskFactory(event=event, code="SEC-01", title="Secure the venue",
                        committee=committee, lead_agency=agency, due_date=date(2030, 2, 1))
    second = TaskFactory(event=event, code="SEC-02", title="Vet the staff",
                         committee=committee, lead_agency=agency, due_date=date(2030, 2, 10))
    second.depends_on.set([first])
    return event


def test_plan_import_csv_creates_tasks(event, committee, agency, other_agency, secretariat):
    data = csv_file([
        plan_row("LOG-01", title="Đón tiếp các đoàn tại sân bay Nội Bài",
                 **{"coordinating agencies": "MOFA", "start": "2030-01-15"}),
        plan_row("LOG-02", status="In progress"),
    ])
    result = plan_import(event=event, by=secretariat, data=data, filename="plan.csv")
    assert result == ImportResult(created=2, updated=0, unchanged=0)
    task = Task.objects.get(event=event, code="LOG-01")
    assert task.title == "Đón tiếp các đoàn tại sân bay Nội Bài"
    assert (task.committee, task.lead_agency) == (committee, agency)
    assert list(task.coordinating_agencies.all()) == [other_agency]
    assert (task.start_date, task.due_date) == (date(2030, 1, 15), date(2030, 3, 1))
    assert Task.objects.get(code="LOG-02").status == TaskStatus.IN_PROGRESS
    update = TaskUpdate.objects.get(task=task)
    assert (update.author, update.note) == (secretariat, "Imported from plan.csv.")


def test_plan_import_xlsx_reads_date_cells(event, committee, agency, other_agency):
    data = xlsx_file([
        ["LOG-01", "Airport welcome", "SEC", "MPS", "MOFA", datetime(2030, 1, 15),
         datetime(2030, 3, 1), "planned", None, None],
        [101, "A numeric code", "SEC", "MPS", None, None, date(2030, 3, 2), None, None,
         "LOG-01"],
    ])
    assert plan_import(event=event, by=None, data=data).created == 2
    task = Task.objects.get(code="LOG-01")
    assert (task.start_date, task.due_date) == (date(2030, 1, 15), date(2030, 3, 1))
    assert list(task.coordinating_agencies.all()) == [other_agency]
    numeric = Task.objects.get(code="101")
    assert [t.code for t in numeric.depends_on.all()] == ["LOG-01"]
    assert TaskUpdate.objects.get(task=task).author is None


def test_plan_import_reads_day_month_year_dates(event, committee, agency):
    plan_import(event=event, by=None,
                data=csv_file([plan_row("LOG-01", start="05/01/2030", due="31/01/2030")]))
    task = Task.objects.get(code="LOG-01")
    assert (task.start_date, task.due_date) == (date(2030, 1, 5), date(2030, 1, 31))


def test_plan_import_matches_headers_whatever_their_case_and_separators(
        event, committee, agency, other_agency):
    header = ["Code", "TITLE", "Committee", "Lead_Agency", "coordinating-agencies", "Start",
              "Due", "Status", "Parent", "Depends on", "Progress", "Description", "Notes"]
    data = csv_file([["LOG-01", "Welcome", "SEC", "MPS", "MOFA", "", "2030-03-01", "",
                      "", "", "40", "Meet at gate 3", "ignored"]], header=header)
    plan_import(event=event, by=None, data=data)
    task = Task.objects.get(code="LOG-01")
    assert (task.progress, task.description, task.status) == (40, "Meet at gate 3",
                                                              TaskStatus.PLANNED)
    assert list(task.coordinating_agencies.all()) == [other_agency]


def test_plan_import_reads_status_values_and_english_labels_in_any_case(
        event, committee, agency):
    data = csv_file([plan_row("A", status="IN PROGRESS"), plan_row("B", status="blocked"),
                     plan_row("C", status="Done"), plan_row("D", status="cancelled"),
                     plan_row("E", status="in_progress"), plan_row("F", status="")])
    plan_import(event=event, by=None, data=data)
    statuses = dict(Task.objects.values_list("code", "status"))
    assert statuses == {"A": "in_progress", "B": "blocked", "C": "done", "D": "cancelled",
                        "E": "in_progress", "F": "planned"}
    assert Task.objects.get(code="C").progress == 100


def test_plan_import_reads_csv_with_bom_and_semicolons(event, committee, agency, other_agency):
    data = csv_file([plan_row("LOG-01", **{"coordinating agencies": "MOFA"})], delimiter=";",
                    bom=True)
    assert plan_import(event=event, by=None, data=data).created == 1
    assert list(Task.objects.get(code="LOG-01").coordinating_agencies.all()) == [other_agency]


def test_plan_import_splits_lists_on_semicolons_and_commas(event, committee, agency,
                                                           other_agency):
    third = AgencyFactory(event=event, code="MOH")
    data = csv_file([plan_row("A"), plan_row("B"),
                     plan_row("C", **{"coordinating agencies": "MOFA; MOH",
                                      "depends-on": "A,B"})])
    plan_import(event=event, by=None, data=data)
    task = Task.objects.get(code="C")
    assert sorted(a.code for a in task.coordinating_agencies.all()) == ["MOFA", third.code]
    assert sorted(t.code for t in task.depends_on.all()) == ["A", "B"]


def test_plan_import_updates_tasks_whose_code_exists(plan, other_agency, secretariat):
    data = csv_file([
        plan_row("SEC-01", title="Secure the venue and the hotels", due="2030-02-05",
                 status="in progress", **{"coordinating agencies": "MOFA"}),
        plan_row("SEC-02", title="Vet the staff", due="2030-02-10", **{"depends-on": "SEC-01"}),
        plan_row("SEC-03", due="2030-02-20"),
    ])
    result = plan_import(event=plan, by=secretariat, data=data)
    assert result == ImportResult(created=1, updated=1, unchanged=1)
    task = Task.objects.get(code="SEC-01")
    assert (task.title, task.due_date, task.status) == (
        "Secure the venue and the hotels", date(2030, 2, 5), TaskStatus.IN_PROGRESS)
    assert list(task.coordinating_agencies.all()) == [other_agency]
    update = TaskUpdate.objects.get(task=task)
    assert update.changes == {
        "title": ["Secure the venue", "Secure the venue and the hotels"],
        "due_date": ["2030-02-01", "2030-02-05"],
        "status": ["planned", "in_progress"],
        "coordinating_agencies": [[], ["MOFA"]],
    }
    assert update.author == secretariat
    assert TaskUpdate.objects.filter(task__code="SEC-02").count() == 0


def test_plan_import_leaves_fields_of_missing_columns_alone(plan):
    header = ["code", "title", "committee", "lead agency", "due"]
    plan_import(event=plan, by=None,
                data=csv_file([["SEC-02", "Vet all staff", "SEC", "MPS", "2030-02-10"]],
                              header=header))
    task = Task.objects.get(code="SEC-02")
    assert task.title == "Vet all staff"
    assert [t.code for t in task.depends_on.all()] == ["SEC-01"]


def test_plan_import_clears_lists_and_parent_left_empty(plan, agency, committee):
    child = TaskFactory(event=plan, code="SEC-03", committee=committee, lead_agency=agency,
                        parent=Task.objects.get(code="SEC-01"), due_date=date(2030, 2, 1))
    data = csv_file([plan_row("SEC-02", title="Vet the staff", due="2030-02-10"),
                     plan_row(child.code, title=child.title, due="2030-02-01")])
    assert plan_import(event=plan, by=None, data=data).updated == 2
    assert list(Task.objects.get(code="SEC-02").depends_on.all()) == []
    assert Task.objects.get(code="SEC-03").parent is None


def test_plan_import_resolves_parents_and_dependencies_further_down(event, committee, agency):
    data = csv_file([
        plan_row("SEC-01.1", parent="SEC-01", **{"depends-on": "SEC-01.2"}),
        plan_row("SEC-01.2", parent="SEC-01"),
        plan_row("SEC-01"),
    ])
    assert plan_import(event=event, by=None, data=data).created == 3
    task = Task.objects.get(code="SEC-01.1")
    assert task.parent.code == "SEC-01"
    assert [t.code for t in task.depends_on.all()] == ["SEC-01.2"]
    assert sorted(t.code for t in Task.objects.get(code="SEC-01").children.all()) == [
        "SEC-01.1", "SEC-01.2"]


def test_plan_import_lets_a_parent_wait_for_its_children(event, committee, agency):
    data = csv_file([plan_row("P", **{"depends-on": "C1; C2"}),
                     plan_row("C1", parent="P"), plan_row("C2", parent="P")])
    plan_import(event=event, by=None, data=data)
    parent = Task.objects.get(code="P")
    assert sorted(t.code for t in parent.depends_on.all()) == ["C1", "C2"]
    assert sorted(t.code for t in parent.children.all()) == ["C1", "C2"]


def test_plan_import_reverses_a_dependency_without_a_false_cycle(plan):
    data = csv_file([plan_row("SEC-01", title="Secure the venue", due="2030-02-01",
                              **{"depends-on": "SEC-02"}),
                     plan_row("SEC-02", title="Vet the staff", due="2030-02-10")])
    assert plan_import(event=plan, by=None, data=data).updated == 2
    assert [t.code for t in Task.objects.get(code="SEC-01").depends_on.all()] == ["SEC-02"]
    assert list(Task.objects.get(code="SEC-02").depends_on.all()) == []


def test_plan_import_reports_a_bad_date_with_its_row_and_column(plan):
    before = snapshot(plan)
    rows = [plan_row(f"LOG-0{n}") for n in range(1, 6)] + [plan_row("LOG-06", due="31/02/2026")]
    assert rejection(plan, csv_file(rows)) == ['Row 7, column "due": "31/02/2026" is not a date.']
    assert snapshot(plan) == before


BAD_ROWS = [
    pytest.param([plan_row("LOG-01", start="2030-13-01")],
                 ['Row 2, column "start": "2030-13-01" is not a date.'], id="start-not-a-date"),
    pytest.param([plan_row("LOG-01", due="next week")],
                 ['Row 2, column "due": "next week" is not a date.'], id="due-not-a-date"),
    pytest.param([plan_row("LOG-01", due="")],
                 ['Row 2, column "due": A value is required.'], id="due-missing"),
    pytest.param([plan_row("LOG-01", title="")],
                 ['Row 2, column "title": A value is required.'], id="title-missing"),
    pytest.param([plan_row("LOG-01", committee="PRESS")],
                 ['Row 2, column "committee": "PRESS" is not a committee of this event.'],
                 id="unknown-committee"),
    pytest.param([plan_row("LOG-01", **{"lead agency": "MOD"})],
                 ['Row 2, column "lead agency": "MOD" is not an agency of this event.'],
                 id="unknown-lead-agency"),
    pytest.param([plan_row("LOG-01", **{"coordinating agencies": "MOFA; VTV"})],
                 ['Row 2, column "coordinating agencies": "VTV" is not an agency of this '
                  'event.'], id="unknown-coordinating-agency"),
    pytest.param([plan_row("LOG-01", **{"coordinating agencies": "MPS"})],
                 ['Row 2, column "coordinating agencies": "MPS" is the lead agency; it cannot '
                  'also be a coordinating agency.'], id="lead-also-coordinating"),
    pytest.param([plan_row("LOG-01"), plan_row("LOG-02"), plan_row("LOG-01")],
                 ['Row 4, column "code": "LOG-01" is already used on row 2.'],
                 id="duplicate-code"),
    pytest.param([plan_row("LOG-01", status="finished")],
                 ['Row 2, column "status": "finished" is not a status; use one of: Planned, '
                  'In progress, Blocked, Done, Cancelled.'], id="unknown-status"),
    pytest.param([plan_row("LOG-01", start="2030-03-02", due="2030-03-01")],
                 ['Row 2, column "start": The start 2030-03-02 is after the due date '
                  '2030-03-01.'], id="start-after-due"),
    pytest.param([plan_row("LOG-01", parent="LOG-99")],
                 ['Row 2, column "parent": "LOG-99" is not the code of a task in this file '
                  'or in the plan.'], id="unknown-parent"),
    pytest.param([plan_row("LOG-01", parent="LOG-01")],
                 ['Row 2, column "parent": A task cannot be its own parent.'], id="own-parent"),
    pytest.param([plan_row("LOG-01", **{"depends-on": "SEC-01; LOG-99"})],
                 ['Row 2, column "depends-on": "LOG-99" is not the code of a task in this '
                  'file or in the plan.'], id="unknown-dependency"),
    pytest.param([plan_row("LOG-01", **{"depends-on": "LOG-01"})],
                 ['Row 2, column "depends-on": A task cannot depend on itself.'],
                 id="self-dependency"),
    pytest.param([plan_row("A", **{"depends-on": "B"}), plan_row("B", **{"depends-on": "C"}),
                  plan_row("C", **{"depends-on": "A"})],
                 ['Row 2, column "depends-on": Dependencies form a cycle: A → B → C → A.'],
                 id="cycle-in-file"),
    pytest.param([plan_row("SEC-01", title="Secure the venue", due="2030-02-01",
                           **{"depends-on": "SEC-02"})],
                 ['Row 2, column "depends-on": Dependencies form a cycle: SEC-01 → SEC-02 → '
                  'SEC-01.'], id="cycle-across-file-and-plan"),
    pytest.param([plan_row("A", parent="B"), plan_row("B", parent="A")],
                 ['Row 2, column "parent": Parents form a loop: A → B → A.'], id="parent-loop"),
]


@pytest.mark.parametrize(("rows", "errors"), BAD_ROWS)
def test_plan_import_rejects_a_bad_csv_row_and_writes_nothing(plan, rows, errors):
    before = snapshot(plan)
    assert rejection(plan, csv_file(rows)) == errors
    assert snapshot(plan) == before


@pytest.mark.parametrize(("rows", "errors"), BAD_ROWS)
def test_plan_import_rejects_a_bad_xlsx_row_and_writes_nothing(plan, rows, errors):
    before = snapshot(plan)
    assert rejection(plan, xlsx_file(rows)) == errors
    assert snapshot(plan) == before


MERGED = ("the cell is merged with others ({}); unmerge it and put the value in each "
          "cell.")
FORMULA = ("the cell holds a formula whose value was not saved; paste values only (Paste "
           "special → Values) and save again.")


@pytest.mark.parametrize(("cells", "errors"), [
    pytest.param({"merged": ["B3:C3"]}, ['Row 3, column "committee": ' + MERGED.format("B3:C3")],
                 id="merged-across"),
    pytest.param({"merged": ["B2:B4"]}, ['Row 3, column "title": ' + MERGED.format("B2:B4"),
                                         'Row 4, column "title": ' + MERGED.format("B2:B4")],
                 id="merged-down"),
    pytest.param({"formulas": {"G3": "=DATE(2030,3,1)", "B4": '=A4&" review"'}},
                 ['Row 3, column "due": ' + FORMULA, 'Row 4, column "title": ' + FORMULA],
                 id="formulas-without-values"),
    pytest.param({"merged": ["B5:C5"]}, ['Row 5, column "committee": ' + MERGED.format("B5:C5")],
                 id="merged-in-a-row-with-other-errors"),
])
def test_plan_import_says_a_cell_is_merged_or_a_formula_without_its_value(plan, cells, errors):
    before = snapshot(plan)
    rows = [HEADER, plan_row("LOG-01"), plan_row("LOG-02"), plan_row("LOG-03"),
            ["", "Orphan", "", "", "", "", "", "", "", ""]]
    assert rejection(plan, workbook(rows, **cells)) == errors
    assert snapshot(plan) == before


def test_plan_import_reads_formulas_saved_with_their_value_and_merges_it_does_not_read(plan):
    rows = [HEADER + ["notes"], plan_row("LOG-01") + ["to check"], plan_row("LOG-02") + [None]]
    data = workbook(rows, formulas={"B2": "=UPPER(A2)", "G3": "=G2"}, merged=["K2:K3"],
                    values_saved={"B2": "LOG-01", "G3": "2030-03-01"})
    assert plan_import(event=plan, by=None, data=data).created == 2
    assert Task.objects.get(event=plan, code="LOG-01").title == "LOG-01"
    assert Task.objects.get(event=plan, code="LOG-02").due_date == date(2030, 3, 1)


@pytest.mark.parametrize(("progress", "error"), [
    ("150", '"150" is not between 0 and 100.'),
    ("-1", '"-1" is not between 0 and 100.'),
    ("half", '"half" is not a whole number.'),
    ("12.5", '"12.5" is not a whole number.'),
])
def test_plan_import_rejects_progress_out_of_range(plan, progress, error):
    before = snapshot(plan)
    header = [*HEADER, "progress"]
    data = csv_file([[*plan_row("LOG-01"), progress]], header=header)
    assert rejection(plan, data) == [f'Row 2, column "progress": {error}']
    assert snapshot(plan) == before


def test_plan_import_rejects_done_below_100_percent(plan):
    header = [*HEADER, "progress"]
    data = csv_file([[*plan_row("LOG-01", status="done"), "60"]], header=header)
    assert rejection(plan, data) == [
        'Row 2, column "progress": A task marked done must be at 100%.']


def test_plan_import_collects_every_error_of_the_file(plan):
    before = snapshot(plan)
    data = csv_file([
        plan_row("LOG-01", due="2030-02-30", committee="PRESS"),
        plan_row("LOG-02", status="someday"),
        plan_row("LOG-02"),
        plan_row("LOG-03", **{"depends-on": "NOPE"}),
    ])
    assert rejection(plan, data) == [
        'Row 2, column "committee": "PRESS" is not a committee of this event.',
        'Row 2, column "due": "2030-02-30" is not a date.',
        'Row 3, column "status": "someday" is not a status; use one of: Planned, In progress, '
        'Blocked, Done, Cancelled.',
        'Row 4, column "code": "LOG-02" is already used on row 3.',
        'Row 5, column "depends-on": "NOPE" is not the code of a task in this file or in the '
        'plan.',
    ]
    assert snapshot(plan) == before


def test_plan_import_names_columns_as_the_file_writes_them(plan):
    header = ["Code", "Title", "Committee", "Lead agency", "Due date"]
    data = csv_file([["LOG-01", "Welcome", "SEC", "MPS", "tomorrow"]], header=header)
    assert rejection(plan, data) == ['Row 2, column "Due date": "tomorrow" is not a date.']


def test_plan_import_counts_blank_rows_in_row_numbers(plan):
    data = csv_file([plan_row("LOG-01"), ["", "", ""], plan_row("LOG-02", due="soon")])
    assert rejection(plan, data) == ['Row 4, column "due": "soon" is not a date.']


def _zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(("data", "error"), [
    pytest.param(b"", "The file is empty.", id="empty"),
    pytest.param(b"\xef\xbb\xbf\r\n\r\n", "The file is empty.", id="only-a-bom"),
    pytest.param(csv_file([]), "The file has a header row but no data rows.", id="header-only"),
    pytest.param("code;title\nLOG-01;Đón khách\n".encode("cp1258"),
                 "The file is neither a CSV file in UTF-8 nor an Excel workbook (.xlsx).",
                 id="not-utf8"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                 "The file is neither a CSV file in UTF-8 nor an Excel workbook (.xlsx).",
                 id="image"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
                 "Old Excel files (.xls) cannot be read; save the file as .xlsx or CSV.",
                 id="old-xls"),
    pytest.param(_zip_that_is_not_a_workbook(),
                 "The file is a zip archive but not an Excel workbook (.xlsx) that can be read.",
                 id="zip-not-xlsx"),
    pytest.param(b"PK\x03\x04broken", "The file is a zip archive but not an Excel workbook "
                 "(.xlsx) that can be read.", id="broken-zip"),
    pytest.param(b"x" * (MAX_BYTES + 1), "The file is larger than 5 MB.", id="too-big"),
])
def test_plan_import_rejects_a_file_that_is_not_a_plan(plan, data, error):
    before = snapshot(plan)
    assert rejection(plan, data) == [error]
    assert snapshot(plan) == before


def test_plan_import_rejects_an_xlsx_without_data_rows(plan):
    assert rejection(plan, xlsx_file([])) == ["The file has a header row but no data rows."]


def test_plan_import_names_every_missing_required_column(plan):
    data = csv_file([["LOG-01", "Welcome", "MPS"]], header=["code", "title", "lead agency"])
    assert rejection(plan, data) == ['The file has no "committee" column.',
                                     'The file has no "due" column.']


def test_plan_import_rejects_a_column_given_twice(plan):
    data = csv_file([[*plan_row("LOG-01"), "2030-04-01"]], header=[*HEADER, "Due"])
    assert rejection(plan, data) == ['Row 1, column "Due": The column appears more than once.']


def test_plan_import_refuses_users_outside_the_secretariat(plan, focal_point):
    before = snapshot(plan)
    with pytest.raises(NotAllowed):
        plan_import(event=plan, by=focal_point, data=csv_file([plan_row("LOG-01")]))
    assert snapshot(plan) == before


def test_plan_import_ignores_the_plans_of_other_events(plan, secretariat):
    other = EventFactory()
    CommitteeFactory(event=other, code="SEC")
    AgencyFactory(event=other, code="MPS")
    data = csv_file([plan_row("SEC-01", title="Another event's task", due="2030-05-01")])
    assert plan_import(event=other, by=secretariat, data=data).created == 1
    assert Task.objects.get(event=plan, code="SEC-01").title == "Secure the venue"


def test_import_plan_command_imports_a_file(plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx_file([plan_row("SEC-01", title="Secure the venue", due="2030-02-01",
                                         status="done"),
                                plan_row("LOG-01"), plan_row("LOG-02")]))
    out = io.StringIO()
    call_command("import_plan", str(path), "--event", plan.slug, stdout=out)
    assert out.getvalue() == "Imported: 2 created, 1 updated.\n"
    assert Task.objects.get(code="SEC-01").status == TaskStatus.DONE
    assert TaskUpdate.objects.filter(task__code="LOG-01").get().author is None


def test_import_plan_command_defaults_to_the_current_event(plan, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_file([plan_row("LOG-01")]))
    out = io.StringIO()
    call_command("import_plan", str(path), stdout=out)
    assert out.getvalue() == "Imported: 1 created, 0 updated.\n"
    assert Task.objects.filter(event=plan, code="LOG-01").count() == 1


def test_import_plan_command_prints_every_error_and_fails(plan, tmp_path):
    before = snapshot(plan)
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_file([plan_row("LOG-01", due="31/02/2026"),
                               plan_row("LOG-02", committee="PRESS")]))
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=err)
    assert str(caught.value) == "2 error(s); nothing was imported."
    assert err.getvalue().splitlines() == [
        'Row 2, column "due": "31/02/2026" is not a date.',
        'Row 3, column "committee": "PRESS" is not a committee of this event.',
    ]
    assert snapshot(plan) == before


def test_import_plan_command_refuses_an_unknown_event(plan, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_file([plan_row("LOG-01")]))
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(path), "--event", "nowhere")
    assert str(caught.value) == "There is no event nowhere."


def test_import_plan_command_refuses_a_missing_file(plan, tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(tmp_path / "missing.csv"))
    assert str(caught.value) == (f"Cannot read {tmp_path / 'missing.csv'}: "
                                 "No such file or directory")


def test_plan_import_by_a_superuser_counts_as_secretariat(plan):
    boss = user_with_role(Role.OBSERVER, is_superuser=True)
    assert plan_import(event=plan, by=boss, data=csv_file([plan_row("LOG-01")])).created == 1
