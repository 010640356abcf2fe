"""Import and export of the master plan. An import is all rows or none: the whole file is
checked first (logistics.plan.spreadsheet_check) and every error is reported with its row
and column; only a clean file is written, through the task services, in one transaction."""

from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from logistics.core import permissions, spreadsheet_files
from logistics.core.errors import ImportRejected, NotAllowed
from logistics.core.models.event import Event
from logistics.core.spreadsheet_files import RowError
from logistics.plan.enums import TaskStatus
from logistics.plan.errors import DependencyCycle, InvalidTask
from logistics.plan.queries import master_plan
from logistics.plan.services.master_plan import task_create, task_update
from logistics.plan.spreadsheet_check import PlanCheck
from logistics.plan.table import COLUMNS, read_table

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": spreadsheet_files.XLSX_CONTENT_TYPE,
}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def plan_import(*, event, by, data, filename=""):
    """Import a CSV or XLSX plan (bytes) into `event`: new codes create tasks, known codes
    update them. `by` is the importing user, or None for the system (the management
    command). Raises ImportRejected listing every error, and then nothing is written."""
    if by is not None and not permissions.can_manage_plan(by):
        raise NotAllowed(_("Only the secretariat can import the plan."))
    table = read_table(data)
    note = _("Imported from %(file)s.") % {"file": filename} if filename else _("Imported.")
    with transaction.atomic():
        # One import of a plan at a time: a second one waits here, then checks its file
        # against what the first wrote, instead of racing it to the same codes.
        Event.objects.select_for_update().filter(pk=event.pk).first()
        check = PlanCheck(event, table)
        rows = check.rows()
        return _write(event, rows, check.existing, by=by, note=note)


def _write(event, rows, existing, *, by, note):
    tasks = dict(existing)
    created = 0
    for row in rows:
        if row.code not in existing:
            values = {"status": TaskStatus.PLANNED, "progress": 0, **row.fields}
            tasks[row.code] = _apply(row, task_create, event=event, by=by, code=row.code,
                                     note=note, **values)
            created += 1
    # Parents and dependencies may name rows further down: by now every task exists.
    pending = {}
    for row in rows:
        old = existing.get(row.code)
        changes = _field_changes(old, row.fields) if old else {}
        if row.has_parent and row.parent != (old.parent.code if old and old.parent else None):
            changes["parent"] = tasks[row.parent] if row.parent else None
        old_depends = {task.code for task in old.depends_on.all()} if old else set()
        if row.depends_on is not None and set(row.depends_on) != old_depends:
            changes["depends_on"] = [tasks[code] for code in row.depends_on]
        if changes:
            pending[row.code] = (row, changes)
    for code, changes in _steps(pending):
        _apply(pending[code][0], task_update, task=tasks[code], by=by, note=note, **changes)
    updated = sum(1 for code in pending if code in existing)
    return ImportResult(created=created, updated=updated,
                        unchanged=len(rows) - created - updated)


def _apply(row, service, **kwargs):
    """Call a task service; what it still refuses rolls the whole import back."""
    try:
        return service(**kwargs)
    except (InvalidTask, DependencyCycle) as error:
        details = [message for messages in error.fields.values() for message in messages
                   if message != error.message]
        raise ImportRejected([RowError(" ".join([error.message, *details]), row.number)]
                             ) from error
    except ValidationError as error:
        raise ImportRejected([RowError(" ".join(error.messages), row.number)]) from error
    except IntegrityError as error:  # the API wrote the same code meanwhile
        raise ImportRejected([RowError(_("The plan changed while importing; import the file "
                                         "again."), row.number)]) from error


def _field_changes(task, fields):
    changes = {}
    for name, value in fields.items():
        if name == "coordinating_agencies":
            if {a.pk for a in value} != {a.pk for a in task.coordinating_agencies.all()}:
                changes[name] = value
        elif name in ("committee", "lead_agency"):
            if getattr(task, f"{name}_id") != value.pk:
                changes[name] = value
        elif getattr(task, name) != value:
            changes[name] = value
    return changes


def _steps(pending):
    """(code, changes) in an order where no single update makes a loop that the end state
    does not have: a task after its new parent and after its new dependencies. A parent
    that waits on its own child cannot have both, so then parents go in a first pass and
    dependencies in a second."""
    def order(*kinds):
        graph = {}
        for code, (row, _changes) in pending.items():
            before = set()
            if "parent" in kinds and row.parent:
                before.add(row.parent)
            if "depends_on" in kinds:
                before.update(row.depends_on or ())
            graph[code] = {other for other in before if other in pending}
        return list(TopologicalSorter(graph).static_order())

    try:
        return [(code, pending[code][1]) for code in order("parent", "depends_on")]
    except CycleError:
        pass
    first = [(code, {k: v for k, v in pending[code][1].items() if k != "depends_on"})
             for code in order("parent")]
    second = [(code, {"depends_on": pending[code][1]["depends_on"]})
              for code in order("depends_on") if "depends_on" in pending[code][1]]
    return [(code, changes) for code, changes in first if changes] + second


def plan_rows(event):
    """The plan of an event as rows of cells, the header first, ordered by code."""
    with translation.override("en"):
        statuses = {value: str(label) for value, label in TaskStatus.choices}
    rows = [[column.header for column in COLUMNS]]
    for task in master_plan.plan_file_tasks(event):
        values = {
            "code": task.code,
            "title": task.title,
            "committee": task.committee.code,
            "lead_agency": task.lead_agency.code,
            "coordinating_agencies": "; ".join(
                sorted(agency.code for agency in task.coordinating_agencies.all())),
            "start_date": task.start_date,
            "due_date": task.due_date,
            "status": statuses[task.status],
            "parent": task.parent.code if task.parent else "",
            "depends_on": "; ".join(sorted(other.code for other in task.depends_on.all())),
            "progress": task.progress,
            "description": task.description,
        }
        rows.append([values[column.key] for column in COLUMNS])
    return rows


def plan_export(*, event, fmt):
    """The plan of an event as the bytes of a CSV (UTF-8 with a BOM) or XLSX file, in the
    columns the import reads: an exported file imports back without a change."""
    if fmt == "csv":
        return spreadsheet_files.write_csv(plan_rows(event))
    if fmt == "xlsx":
        return spreadsheet_files.write_xlsx(plan_rows(event), title=_("Plan"))
    raise ValueError(f"Unknown plan format: {fmt}")


def plan_export_filename(event, fmt):
    return f"{event.slug}-plan-{event.today():%Y-%m-%d}.{fmt}"
