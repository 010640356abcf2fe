"""A task's history as its page shows it: its TaskUpdates, the one record every change to a
task leaves whoever makes it (the staff UI, the API, the admin, an import: see
logistics.plan.services.master_plan), with the reason given. Shown in the shape of the audit
trail of other pages (queries.audit, templates/_history.html): who, when, each field before
and after (agencies and tasks by code and name), what was added to or removed from a list,
newest first, a page at a time.

The audit log records tasks too (the admin's log of who touched what), but the page shows
this record alone: two lists of one task's changes, kept apart and told differently,
disagreed (the audit log has no reasons, splits a list's change in two, and knows nothing
of what happened before it was switched on).

A page costs one query, plus one for each kind of object its changes name (agencies,
committees, tasks), however many entries it holds."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from logistics.core.models.event import Agency, Committee
from logistics.core.queries.audit import LONGEST, MAX_PAGE, PER_PAGE, Change, Entry
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate

# The fields whose values TaskUpdate keeps as codes (services.tasks._display), and what the
# codes name.
BY_CODE = {"lead_agency": Agency, "coordinating_agencies": Agency, "committee": Committee,
           "parent": Task, "depends_on": Task}


def _label(name):
    try:
        return capfirst(str(Task._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def _names(task, updates):
    """{(model, code): its name} for every code the updates hold: one query per model."""
    wanted = {}
    for update in updates:
        for name, values in (update.changes or {}).items():
            model = BY_CODE.get(name)
            if model is None or not isinstance(values, list):
                continue
            for value in values:
                codes = value if isinstance(value, list) else [value]
                wanted.setdefault(model, set()).update(c for c in codes if c)
    names = {}
    for model, codes in wanted.items():
        for obj in model.objects.filter(event_id=task.event_id, code__in=codes):
            names[(model, obj.code)] = (f"{obj.code} · {obj.title}" if model is Task
                                        else f"{obj.code} · {obj.name}")
    return names


def _shown(name, value, names):
    if value in (None, "", []):
        return "—"
    if name == "status" and value in TaskStatus.values:
        return str(TaskStatus(value).label)
    model = BY_CODE.get(name)
    if isinstance(value, list):
        return ", ".join(names.get((model, str(item)), str(item)) for item in value)
    text = names.get((model, str(value)), str(value))
    return text if len(text) <= LONGEST else text[:LONGEST] + "…"


def _changes(update, names):
    changes = []
    for name, values in (update.changes or {}).items():
        if name == "created":
            changes.append(Change(label=_label("code"), after=str(values[-1]), kind="set"))
            continue
        before, after = (list(values) + [None, None])[:2] if isinstance(values, list) \
            else (None, values)
        if isinstance(before, list) or isinstance(after, list):
            # A list (coordinating agencies, dependencies): what came and what went.
            old, new = before or [], after or []
            added = [item for item in new if item not in old]
            removed = [item for item in old if item not in new]
            if added:
                changes.append(Change(label=_label(name), after=_shown(name, added, names),
                                      kind="added"))
            if removed:
                changes.append(Change(label=_label(name), after=_shown(name, removed, names),
                                      kind="removed"))
            continue
        changes.append(Change(label=_label(name), before=_shown(name, before, names),
                              after=_shown(name, after, names)))
    return changes


def _who(update):
    if update.author is not None:
        return update.author.get_full_name() or update.author.get_username()
    # An integration's key or an import names itself; the system's own changes do not.
    return update.via or _("system")


def _action(update):
    changes = update.changes or {}
    if "created" in changes:
        return _("created")
    return _("changed") if changes else _("wrote")


def task_history(task, *, page=1, per_page=PER_PAGE):
    """(entries, whether older ones exist) for page `page` (1: the newest)."""
    page = min(max(int(page), 1), MAX_PAGE)
    start = (page - 1) * per_page
    found = list(TaskUpdate.objects.filter(task=task).select_related("author")
                 .order_by("-created_at", "-pk")[start:start + per_page + 1])
    more, found = len(found) > per_page, found[:per_page]
    names = _names(task, found)
    return [Entry(when=update.created_at, who=_who(update), action=_action(update),
                  changes=_changes(update, names), note=update.note)
            for update in found], more
