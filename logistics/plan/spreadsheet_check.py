"""Checks an import table against the event's committees, agencies and tasks, row by row
and across rows, and collects every error before anything is written."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from logistics.core.errors import ImportRejected
from logistics.core.models.event import Agency, Committee
from logistics.core.spreadsheet_files import (
    RowError,
    choice_lookup,
    normalize,
    parse_date,
    parse_list,
    text,
)
from logistics.core.validators import find_cycle
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task
from logistics.plan.queries import master_plan
from logistics.plan.table import HEADERS

CODE_MAX = Task._meta.get_field("code").max_length
TITLE_MAX = Task._meta.get_field("title").max_length
MAX_LOOPS_REPORTED = 20


@dataclass
class PlanRow:
    number: int
    code: str
    fields: dict  # keyword arguments for task_create / task_update, the file's columns only
    parent: str | None = None
    has_parent: bool = False  # False: the file has no parent column; leave parents alone
    depends_on: list | None = None  # None: the file has no depends-on column


def _by_code(objects):
    """Exact codes, and case-insensitive ones where that is unambiguous ("mps" -> MPS)."""
    folded = defaultdict(list)
    for obj in objects:
        folded[obj.code.casefold()].append(obj)
    lookup = {code: found[0] for code, found in folded.items() if len(found) == 1}
    return lookup | {obj.code: obj for obj in objects}


class PlanCheck:
    def __init__(self, event, table):
        self.table = table
        self.errors = []
        self.bad = set()  # (row, column key) that already have an error
        self.committees = _by_code(list(Committee.objects.filter(event=event)))
        self.agencies = _by_code(list(Agency.objects.filter(event=event)))
        self.existing = {task.code: task for task in master_plan.plan_file_tasks(event)}
        self.statuses = choice_lookup(TaskStatus)

    def rows(self):
        """The file's rows as PlanRows, or ImportRejected with every error in it."""
        rows, seen = [], {}
        for number, cells in self.table.rows:
            row = self._row(number, cells)
            if row is None:
                continue
            if row.code in seen:
                self._error(number, "code", _('"%(code)s" is already used on row %(row)s.')
                            % {"code": row.code, "row": seen[row.code]})
                continue
            seen[row.code] = number
            rows.append(row)
        known = set(seen) | set(self.existing)
        for row in rows:
            self._references(row, known)
        self._loops(rows, known)
        if self.errors:
            raise ImportRejected(sorted(self.errors, key=lambda error: error.row or 0))
        return rows

    def _error(self, number, key, message):
        self.bad.add((number, key))
        self.errors.append(RowError(message, number, self.table.headers.get(key, HEADERS[key])))

    def _row(self, number, cells):
        code = text(cells["code"])
        if not code:
            self._error(number, "code", _("A value is required."))
        elif len(code) > CODE_MAX:
            self._error(number, "code", _("The code is longer than %(max)s characters.")
                        % {"max": CODE_MAX})
        title = text(cells["title"])
        if not title:
            self._error(number, "title", _("A value is required."))
        elif len(title) > TITLE_MAX:
            self._error(number, "title", _("The title is longer than %(max)s characters.")
                        % {"max": TITLE_MAX})
        fields = {"title": title}
        fields["committee"] = self._find(number, "committee", cells["committee"],
                                         self.committees)
        fields["lead_agency"] = self._find(number, "lead_agency", cells["lead_agency"],
                                           self.agencies)
        if "coordinating_agencies" in cells:
            found = [self._find(number, "coordinating_agencies", item, self.agencies)
                     for item in parse_list(cells["coordinating_agencies"])]
            fields["coordinating_agencies"] = [agency for agency in found if agency]
        for key in ("start_date", "due_date"):
            if key in cells:
                fields[key] = self._date(number, key, cells[key])
        if fields["due_date"] is None and (number, "due_date") not in self.bad:
            self._error(number, "due_date", _("A value is required."))
        self._status_and_progress(number, cells, fields)
        if "description" in cells:
            value = cells["description"]
            fields["description"] = value if isinstance(value, str) else text(value)
        row = PlanRow(number=number, code=code, fields=fields)
        if "parent" in cells:
            row.has_parent, row.parent = True, text(cells["parent"]) or None
        if "depends_on" in cells:
            row.depends_on = parse_list(cells["depends_on"])
        if not code or (number, "code") in self.bad:
            return None
        self._consistency(row, self.existing.get(code))
        return row

    def _find(self, number, key, raw, lookup):
        code = text(raw)
        if not code:
            self._error(number, key, _("A value is required."))
            return None
        found = lookup.get(code) or lookup.get(code.casefold())
        if found is None:
            if key == "committee":
                message = _('"%(code)s" is not a committee of this event.')
            else:
                message = _('"%(code)s" is not an agency of this event.')
            self._error(number, key, message % {"code": code})
        return found

    def _date(self, number, key, raw):
        try:
            return parse_date(raw)
        except ValueError:
            self._error(number, key, _('"%(value)s" is not a date.') % {"value": text(raw)})
            return None

    def _status_and_progress(self, number, cells, fields):
        status = text(cells.get("status"))
        if status:
            if normalize(status) in self.statuses:
                fields["status"] = self.statuses[normalize(status)]
            else:
                names = ", ".join(str(label) for label in TaskStatus.labels)
                self._error(number, "status", _('"%(value)s" is not a status; use one of: '
                                                '%(names)s.') % {"value": status,
                                                                  "names": names})
        raw = cells.get("progress")
        value = text(raw).removesuffix("%").strip()
        if not value:
            return
        try:
            progress = int(value)
        except ValueError:
            self._error(number, "progress", _('"%(value)s" is not a whole number.')
                        % {"value": text(raw)})
            return
        if not 0 <= progress <= 100:
            self._error(number, "progress", _('"%(value)s" is not between 0 and 100.')
                        % {"value": text(raw)})
            return
        fields["progress"] = progress

    def _consistency(self, row, existing):
        """What the task would be after the import must still be a valid task."""
        number, fields = row.number, row.fields
        start = fields["start_date"] if "start_date" in fields else getattr(
            existing, "start_date", None)
        due = fields.get("due_date")
        if start and due and start > due:
            key = "start_date" if "start_date" in fields else "due_date"
            self._error(number, key, _("The start %(start)s is after the due date %(due)s.")
                        % {"start": start.isoformat(), "due": due.isoformat()})
        lead = fields.get("lead_agency")
        if "coordinating_agencies" in fields:
            coordinating = fields["coordinating_agencies"]
        else:
            coordinating = existing.coordinating_agencies.all() if existing else []
        if lead and any(agency.pk == lead.pk for agency in coordinating):
            key = "coordinating_agencies" if "coordinating_agencies" in fields else "lead_agency"
            self._error(number, key, _('"%(code)s" is the lead agency; it cannot also be a '
                                       'coordinating agency.') % {"code": lead.code})
        if (number, "status") in self.bad or (number, "progress") in self.bad:
            return
        status = fields.get("status") or getattr(existing, "status", TaskStatus.PLANNED)
        if "progress" in fields:
            progress = fields["progress"]
        elif fields.get("status") == TaskStatus.DONE:
            progress = 100
        else:
            progress = getattr(existing, "progress", 0)
        if status == TaskStatus.DONE and progress != 100:
            key = "progress" if "progress" in fields else "status"
            self._error(number, key, _("A task marked done must be at 100%."))

    def _references(self, row, known):
        unknown = _('"%(code)s" is not the code of a task in this file or in the plan.')
        if row.parent == row.code:
            self._error(row.number, "parent", _("A task cannot be its own parent."))
        elif row.parent and row.parent not in known:
            self._error(row.number, "parent", unknown % {"code": row.parent})
        for code in row.depends_on or ():
            if code == row.code:
                self._error(row.number, "depends_on", _("A task cannot depend on itself."))
            elif code not in known:
                self._error(row.number, "depends_on", unknown % {"code": code})

    def _loops(self, rows, known):
        """Dependencies and parents as they would be after the import, file and plan
        together, must have no cycle."""
        in_file = {row.code: row for row in rows}
        depends, parents = [], []
        for code, task in self.existing.items():
            row = in_file.get(code)
            if row is None or row.depends_on is None:
                depends += [(code, other.code) for other in task.depends_on.all()]
            if (row is None or not row.has_parent) and task.parent_id:
                parents.append((code, task.parent.code))
        for row in rows:
            if row.depends_on is not None:
                depends += [(row.code, other) for other in row.depends_on
                            if other != row.code and other in known]
            if row.has_parent and row.parent and row.parent != row.code and row.parent in known:
                parents.append((row.code, row.parent))
        self._report_cycles(depends, "depends_on", in_file,
                            _("Dependencies form a cycle: %(path)s."),
                            lambda row: row.depends_on is not None)
        self._report_cycles(parents, "parent", in_file, _("Parents form a loop: %(path)s."),
                            lambda row: row.has_parent)

    def _report_cycles(self, edges, key, in_file, message, from_file):
        edges = list(dict.fromkeys(edges))
        for _round in range(MAX_LOOPS_REPORTED):
            cycle = find_cycle(edges)
            if cycle is None:
                return
            loop = cycle[:-1]
            # Told from the first row of the file that makes the loop: that is where to fix it.
            places = [i for i, code in enumerate(loop)
                      if code in in_file and from_file(in_file[code])]
            if places:
                start = min(places, key=lambda i: in_file[loop[i]].number)
                loop = loop[start:] + loop[:start]
            path = " → ".join(loop + loop[:1])
            if places:
                self._error(in_file[loop[0]].number, key, message % {"path": path})
            else:
                self.errors.append(RowError(message % {"path": path}))
            edges.remove((loop[0], loop[1 % len(loop)]))
