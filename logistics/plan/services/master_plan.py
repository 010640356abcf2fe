"""Writes to the master plan. Every change to a task goes through here and leaves a
TaskUpdate, whoever makes it: the staff UI, the API, the admin or an import."""

from django.db import transaction
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.errors import InvalidTransition, NotAllowed
from logistics.core.validators import find_cycle, validate_dates, validate_progress
from logistics.plan.enums import TaskStatus
from logistics.plan.errors import DependencyCycle, InvalidTask
from logistics.plan.models import Task, TaskUpdate

# What a focal point may change on a task its agency leads or coordinates.
PROGRESS_FIELDS = {"status", "progress"}
EDITABLE_FIELDS = {
    "title", "description", "committee", "lead_agency", "start_date", "due_date",
    "status", "progress", "parent",
}


def _display(value):
    if value is None:
        return None
    if hasattr(value, "code"):
        return value.code
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _check_task(task, coordinating=None):
    errors = {}
    if message := validate_progress(task.progress):
        errors["progress"] = [message]
    if message := validate_dates(task.start_date, task.due_date):
        errors["start_date"] = [message]
    for name in ("committee", "lead_agency", "parent"):
        related = getattr(task, name)
        if related is not None and related.event_id != task.event_id:
            errors[name] = [_("Belongs to another event.")]
    if coordinating is not None:
        if any(a.event_id != task.event_id for a in coordinating):
            errors["coordinating_agencies"] = [_("An agency belongs to another event.")]
        if task.lead_agency_id in {a.pk for a in coordinating}:
            errors["coordinating_agencies"] = [
                _("The lead agency cannot also be a coordinating agency.")]
    if errors:
        raise InvalidTask(_("The task is not valid."), fields=errors)


def _check_parent_chain(task):
    seen = {task.pk}
    parent = task.parent
    while parent is not None:
        if parent.pk in seen:
            raise DependencyCycle(_("A task cannot be its own ancestor."),
                                  fields={"parent": [_("This parent makes a loop.")]})
        seen.add(parent.pk)
        parent = parent.parent


def _check_dependencies(task, depends_on):
    others = {t.pk for t in depends_on}
    if task.pk in others:
        raise DependencyCycle(_("A task cannot depend on itself."),
                              fields={"depends_on": [_("A task cannot depend on itself.")]})
    if any(t.event_id != task.event_id for t in depends_on):
        raise InvalidTask(_("A dependency belongs to another event."),
                          fields={"depends_on": [_("Belongs to another event.")]})
    through = Task.depends_on.through
    edges = [
        pair for pair in through.objects.filter(from_task__event_id=task.event_id)
        .values_list("from_task_id", "to_task_id")
        if pair[0] != task.pk
    ]
    edges += [(task.pk, other) for other in others]
    cycle = find_cycle(edges)
    if cycle:
        # Tell it from the task being edited: "A → C → B → A" reads as "A waits for C...".
        loop = cycle[:-1]
        if task.pk in loop:
            start = loop.index(task.pk)
            loop = loop[start:] + loop[:start]
        cycle = loop + loop[:1]
        codes = dict(Task.objects.filter(pk__in=cycle).values_list("pk", "code"))
        path = " → ".join(codes[pk] for pk in cycle)
        raise DependencyCycle(_("Dependencies would form a cycle: %(path)s") % {"path": path},
                              fields={"depends_on": [path]})


@transaction.atomic
def task_create(*, event, by, code, title, committee, lead_agency, due_date,
                coordinating_agencies=(), depends_on=(), start_date=None, description="",
                status=TaskStatus.PLANNED, progress=0, parent=None, note="", via=""):
    if by is not None and not permissions.can_manage_plan(by):
        raise NotAllowed(_("Only the secretariat can add tasks to the plan."))
    if Task.objects.filter(event=event, code=code).exists():
        raise InvalidTask(_("A task with code %(code)s already exists.") % {"code": code},
                          fields={"code": [_("This code is already used.")]})
    if status == TaskStatus.DONE:
        progress = 100
    task = Task(event=event, code=code, title=title, committee=committee,
                lead_agency=lead_agency, due_date=due_date, start_date=start_date,
                description=description, status=status, progress=progress, parent=parent)
    coordinating_agencies = list(coordinating_agencies)
    _check_task(task, coordinating_agencies)
    task.full_clean(exclude=["depends_on", "coordinating_agencies"])
    task.save()
    task.coordinating_agencies.set(coordinating_agencies)
    if depends_on:
        _check_dependencies(task, list(depends_on))
        task.depends_on.set(depends_on)
    TaskUpdate.objects.create(task=task, author=by, via=via, note=note,
                              changes={"created": [None, code]})
    return task


@transaction.atomic
def task_update(*, task, by, note="", via="", coordinating_agencies=None, depends_on=None,
                **fields):
    """Change a task and record what changed. Focal points may change status and progress
    only; the secretariat anything. `by` is the person (None for the system or an
    integration, which `via` then names). Raises NotAllowed, InvalidTask or DependencyCycle."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise InvalidTask(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    # Lock the row: two focal points saving at once each see the other's change in the log.
    task = Task.objects.select_for_update(of=("self",)).select_related("lead_agency", "committee",
                                                            "parent").get(pk=task.pk)
    if by is not None:
        if not permissions.can_update_task(by, task):
            raise NotAllowed(_("You cannot update this task."))
        wants_structure = (set(fields) - PROGRESS_FIELDS or coordinating_agencies is not None
                           or depends_on is not None)
        if wants_structure and not permissions.can_manage_plan(by):
            raise NotAllowed(_("Only the secretariat can change a task's assignment, dates or "
                               "dependencies."))

    if fields.get("status") == TaskStatus.DONE and "progress" not in fields:
        fields["progress"] = 100
    changes = {}
    for name, value in fields.items():
        old = getattr(task, name)
        if old != value:
            changes[name] = [_display(old), _display(value)]
            setattr(task, name, value)
    if task.status == TaskStatus.DONE and task.progress != 100:
        raise InvalidTask(_("A task marked done must be at 100%."),
                          fields={"progress": [_("A task marked done must be at 100%.")]})

    if coordinating_agencies is not None:
        coordinating_agencies = list(coordinating_agencies)
        before = sorted(a.code for a in task.coordinating_agencies.all())
        after = sorted(a.code for a in coordinating_agencies)
        if before != after:
            changes["coordinating_agencies"] = [before, after]
    _check_task(task, coordinating_agencies)
    if "parent" in fields:
        _check_parent_chain(task)
    if depends_on is not None:
        depends_on = list(depends_on)
        before = sorted(t.code for t in task.depends_on.all())
        after = sorted(t.code for t in depends_on)
        if before != after:
            _check_dependencies(task, depends_on)
            changes["depends_on"] = [before, after]

    if not changes and not note:
        return task
    task.full_clean(exclude=["depends_on", "coordinating_agencies"])
    task.save()
    if coordinating_agencies is not None:
        task.coordinating_agencies.set(coordinating_agencies)
    if depends_on is not None:
        task.depends_on.set(depends_on)
    TaskUpdate.objects.create(task=task, author=by, via=via, changes=changes, note=note)
    return task


def task_update_progress(*, task, by, status, progress, note="", via=""):
    """What a focal point does from the task page: new status and progress, with a note."""
    return task_update(task=task, by=by, via=via, status=status, progress=progress, note=note)


@transaction.atomic
def task_cancel(*, task, by, note, via=""):
    """Take a task off the plan, keeping it and its history: it no longer counts towards
    readiness and is never reminded. The secretariat's decision, with its reason."""
    if by is not None and not permissions.can_manage_plan(by):
        raise NotAllowed(_("Only the secretariat can cancel a task."))
    # Locked before the check: of two cancels at once, the second is told, not logged twice.
    task = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.status == TaskStatus.CANCELLED:
        raise InvalidTransition(_("%(code)s is already cancelled.") % {"code": task.code})
    if not (note or "").strip():
        raise InvalidTask(_("Say why the task is cancelled."),
                          fields={"note": [_("Say why the task is cancelled.")]})
    return task_update(task=task, by=by, via=via, status=TaskStatus.CANCELLED, note=note)
