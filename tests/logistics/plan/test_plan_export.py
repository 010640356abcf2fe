import csv
import io
from datetime import date, datetime

import openpyxl
import pytest

from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services.plan_io import (
    ImportResult,
    plan_export,
    plan_export_filename,
    plan_import,
)
from logistics.plan.table import read_table
from tests.factories.plan import AgencyFactory, CommitteeFactory, EventFactory, TaskFactory

HEADER = ["code", "title", "committee", "lead agency", "coordinating agencies", "start", "due",
          "status", "parent", "depends-on", "progress", "description"]


@pytest.fixture
def plan(event, committee, agency, other_agency):
    """A plan with every column in use: Vietnamese text, lists, a parent, a done task."""
    health = AgencyFactory(event=event, code="MOH")
    parent = TaskFactory(event=event, code="SEC-01", title="Kế hoạch bảo vệ tổng thể",
                         committee=committee, lead_agency=agency, due_date=date(2030, 3, 1),
                         start_date=date(2030, 1, 2), status=TaskStatus.IN_PROGRESS,
                         progress=40, description="Toàn bộ khu vực\nHội nghị",
                         coordinating_agencies=[health, other_agency])
    child = TaskFactory(event=event, code="SEC-01.1", title="Airport route", parent=parent,
                        committee=committee, lead_agency=other_agency, due_date=date(2030, 2, 1),
                        status=TaskStatus.DONE, progress=100)
    TaskFactory(event=event, code="PR-01", title="=Welcome desk", committee=committee,
                lead_agency=agency, due_date=date(2030, 2, 15))
    parent.depends_on.set([child, Task.objects.get(code="PR-01")])
    return event


def read_csv(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_plan_export_csv_writes_the_plan_by_code(plan):
    data = plan_export(event=plan, fmt="csv")
    assert data.startswith("\ufeff".encode())
    assert read_csv(data) == [
        HEADER,
        ["PR-01", "'=Welcome desk", "SEC", "MPS", "", "", "2030-02-15", "Planned", "", "",
         "0", ""],
        ["SEC-01", "Kế hoạch bảo vệ tổng thể", "SEC", "MPS", "MOFA; MOH", "2030-01-02",
         "2030-03-01", "In progress", "", "PR-01; SEC-01.1", "40",
         "Toàn bộ khu vực\nHội nghị"],
        ["SEC-01.1", "Airport route", "SEC", "MOFA", "", "", "2030-02-01", "Done", "SEC-01",
         "", "100", ""],
    ]


def test_plan_export_xlsx_writes_dates_as_date_cells(plan):
    rows = read_xlsx(plan_export(event=plan, fmt="xlsx"))
    assert rows[0] == HEADER
    assert rows[2] == ["SEC-01", "Kế hoạch bảo vệ tổng thể", "SEC", "MPS", "MOFA; MOH",
                       datetime(2030, 1, 2), datetime(2030, 3, 1), "In progress", None,
                       "PR-01; SEC-01.1", 40, "Toàn bộ khu vực\nHội nghị"]
    assert [row[0] for row in rows[1:]] == ["PR-01", "SEC-01", "SEC-01.1"]


def test_plan_export_xlsx_keeps_a_title_that_looks_like_a_formula_as_text(plan):
    sheet = openpyxl.load_workbook(io.BytesIO(plan_export(event=plan, fmt="xlsx"))).active
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("'=Welcome desk", "s")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_plan_export_imports_back_without_a_change(plan, fmt):
    before = [(t.code, t.title, t.start_date, t.due_date, t.status, t.progress, t.parent_id,
               t.description) for t in Task.objects.order_by("code")]
    updates = TaskUpdate.objects.count()
    data = plan_export(event=plan, fmt=fmt)
    result = plan_import(event=plan, by=None, data=data)
    assert result == ImportResult(created=0, updated=0, unchanged=3)
    assert TaskUpdate.objects.count() == updates
    after = [(t.code, t.title, t.start_date, t.due_date, t.status, t.progress, t.parent_id,
              t.description) for t in Task.objects.order_by("code")]
    assert after == before
    # The same cells again (an XLSX also stamps the second it was written, so not the bytes).
    again = read_table(plan_export(event=plan, fmt=fmt))
    assert (again.headers, again.rows) == (read_table(data).headers, read_table(data).rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_plan_export_copies_a_plan_into_another_event(plan, fmt):
    other = EventFactory()
    CommitteeFactory(event=other, code="SEC")
    for code in ("MPS", "MOFA", "MOH"):
        AgencyFactory(event=other, code=code)
    data = plan_export(event=plan, fmt=fmt)
    assert plan_import(event=other, by=None, data=data) == ImportResult(
        created=3, updated=0, unchanged=0)
    copy = Task.objects.get(event=other, code="SEC-01")
    assert sorted(t.code for t in copy.depends_on.all()) == ["PR-01", "SEC-01.1"]
    assert Task.objects.get(event=other, code="SEC-01.1").parent == copy
    assert Task.objects.get(event=other, code="PR-01").title == "=Welcome desk"
    assert read_csv(plan_export(event=other, fmt="csv"))[1:] == read_csv(
        plan_export(event=plan, fmt="csv"))[1:]


def test_plan_export_of_an_empty_plan_is_the_header(event):
    assert read_csv(plan_export(event=event, fmt="csv")) == [HEADER]
    assert read_xlsx(plan_export(event=event, fmt="xlsx")) == [HEADER]


def test_plan_export_filename_names_the_event_and_the_day(event):
    assert plan_export_filename(event, "xlsx") == (
        f"{event.slug}-plan-{event.today():%Y-%m-%d}.xlsx")


def _tasks(event, count):
    committee = CommitteeFactory(event=event)
    lead, coordinating = AgencyFactory(event=event), AgencyFactory(event=event)
    tasks = [TaskFactory(event=event, committee=committee, lead_agency=lead,
                         coordinating_agencies=[coordinating]) for _ in range(count)]
    for task, other in zip(tasks[1:], tasks, strict=False):
        task.parent = other
        task.save()
        task.depends_on.set([other])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_plan_export_query_count_does_not_grow_with_the_plan(
        db, django_assert_num_queries, fmt):
    small, large = EventFactory(), EventFactory()
    _tasks(small, 1)
    _tasks(large, 3)
    with django_assert_num_queries(3):
        plan_export(event=small, fmt=fmt)
    with django_assert_num_queries(3):
        plan_export(event=large, fmt=fmt)


# Hostile cells: whatever the export adds to keep them text, the import takes off exactly.
HOSTILE = ["=1+2", "x;=1+2", "x|=1", "x\t=1", "\uff1d1+2", "@SUM(A1)", "-2+3", "+1",
           "Note\n=1", "'=1", "''@x", "a; 'b", "x, \"=1\"", "\t=1", "\n=1"]
# Codes take no list separator (depends-on and coordinating agencies are lists).
HOSTILE_CODES = ["=1+2", "x|=1", "\uff1d1+2", "@SUM(A1)", "-2+3", "+1", "'=1"]


@pytest.fixture
def hostile_plan(event):
    committee = CommitteeFactory(event=event, code="=SEC")
    lead = AgencyFactory(event=event, code="@MPS")
    others = [AgencyFactory(event=event, code=code) for code in ("-MOH", "\uff0bVNA")]
    tasks = []
    for number, value in enumerate(HOSTILE):
        code = HOSTILE_CODES[number] if number < len(HOSTILE_CODES) else f"T-{number}"
        tasks.append(TaskFactory(
            event=event, code=code, committee=committee, lead_agency=lead,
            coordinating_agencies=others, title=value if value == value.strip() else "x" + value,
            description=value, due_date=date(2030, 3, 1),
            parent=tasks[0] if tasks else None))
    tasks[1].depends_on.set(tasks[2:len(HOSTILE_CODES)])
    return event


def _plan_state(event):
    return [(t.code, t.title, t.description, t.committee.code, t.lead_agency.code,
             sorted(a.code for a in t.coordinating_agencies.all()),
             t.parent.code if t.parent else None, sorted(d.code for d in t.depends_on.all()))
            for t in Task.objects.filter(event=event).order_by("code")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_plan_export_of_hostile_cells_imports_back_without_a_change(hostile_plan, fmt):
    before, updates = _plan_state(hostile_plan), TaskUpdate.objects.count()
    result = plan_import(event=hostile_plan, by=None, data=plan_export(event=hostile_plan,
                                                                       fmt=fmt))
    assert result == ImportResult(created=0, updated=0, unchanged=len(HOSTILE))
    assert (_plan_state(hostile_plan), TaskUpdate.objects.count()) == (before, updates)
    # And into an empty event: the same plan, cell for cell.
    other = EventFactory()
    CommitteeFactory(event=other, code="=SEC")
    for code in ("@MPS", "-MOH", "\uff0bVNA"):
        AgencyFactory(event=other, code=code)
    plan_import(event=other, by=None, data=plan_export(event=hostile_plan, fmt=fmt))
    assert _plan_state(other) == before
