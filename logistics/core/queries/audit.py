"""The audit trail as an object's page shows it: newest first, a page at a time, each change
with its field's label and readable values (choice labels, the names of related objects,
dates at the venue), personal data only to those who may see it.

A page of entries costs one query, plus one per kind of related object its changes name
(agencies, users, countries...), however many entries there are.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    FileField,
    JSONField,
    Q,
    TextField,
)
from django.utils import dateformat, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from logistics.core.audit import TRAILS, Trail

PER_PAGE = 20
MAX_PAGE = 10_000
LONGEST = 300  # characters of one value shown; the admin has the whole entry
# Fields every entry of an event would repeat.
NOT_SHOWN = {"id", "event"}
# Where "None" may be what someone typed; elsewhere auditlog's "None" is no value.
TEXT = (CharField, TextField)


@dataclass
class Change:
    label: str
    before: str = ""
    after: str = ""
    hidden: bool = False  # personal data this reader may not see: "changed", no values
    # "value": before → after; "set", "unset": one value (a creation, a deletion); "added",
    # "removed": objects of a many-to-many field.
    kind: str = "value"


@dataclass
class Entry:
    when: datetime
    who: str
    action: str
    subject: str = ""  # what changed, when it is not the page's own object
    changes: list = field(default_factory=list)
    note: str = ""  # why, when the record keeps it (a task's history)


def _q(obj):
    """The entries of `obj` and of its children (a delegation's members...), including those
    of children since deleted (their delete entry names the parent)."""
    model = obj._meta.concrete_model
    query = Q(content_type=ContentType.objects.get_for_model(model), object_id=obj.pk)
    for child, fk in TRAILS.get(model, Trail()).children:
        kind = ContentType.objects.get_for_model(child)
        query |= Q(content_type=kind, object_id__in=child._base_manager
                   .filter(**{fk: obj.pk}).values("pk"))
        gone = LogEntry.objects.filter(content_type=kind, action=LogEntry.Action.DELETE,
                                       **{f"changes__{fk}__0": str(obj.pk)})
        query |= Q(content_type=kind, object_id__in=gone.values("object_id"))
    return query


def entries(obj):
    return (LogEntry.objects.filter(_q(obj)).select_related("actor")
            .order_by("-timestamp", "-pk"))


def _person(user):
    return user.get_full_name() or user.get_username()


def _who(entry):
    if entry.actor is not None:
        return _person(entry.actor)
    data = entry.additional_data or {}
    if data.get("api_key"):
        return _("API key %(name)s") % {"name": data["api_key"]}
    if data.get("public"):
        return _("through a public link or form")
    if entry.actor_email:  # an account since deleted
        return entry.actor_email
    return _("system")


ACTIONS = {
    LogEntry.Action.CREATE: "created",
    LogEntry.Action.UPDATE: "changed",
    LogEntry.Action.DELETE: "deleted",
}


def _action_label(action):
    return {
        "created": _("created"), "changed": _("changed"), "deleted": _("deleted"),
    }.get(ACTIONS.get(action), _("recorded"))


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _empty(value):
    return value in (None, "", "None", "[]")


def _related_names(rows):
    """{(related model, pk as text): name} for every foreign key value the entries hold: one
    query per related model."""
    wanted = {}
    for entry, model in rows:
        for name, values in (entry.changes or {}).items():
            model_field = _field(model, name)
            if model_field is None or not model_field.many_to_one and not model_field.one_to_one:
                continue
            if not isinstance(values, list):
                continue
            related = model_field.related_model
            wanted.setdefault(related, set()).update(
                value for value in values if not _empty(value))
    names = {}
    user_model = get_user_model()
    for related, keys in wanted.items():
        pks = []
        for key in keys:
            try:
                pks.append(related._meta.pk.to_python(key))
            except Exception:  # noqa: BLE001  (an old entry's stray value: shown as it is)
                continue
        for pk, obj in related._base_manager.in_bulk(pks).items():
            names[(related, str(pk))] = (_person(obj) if related is user_model else str(obj))
    return names


def _shown(model_field, value, names):
    """One stored value (auditlog keeps them as text) as a reader should see it."""
    if value in (None, "", "[]") or value == "None" and not isinstance(model_field, TEXT):
        return "—"
    if model_field is None:
        return str(value)[:LONGEST]
    if model_field.many_to_one or model_field.one_to_one:
        return names.get((model_field.related_model, str(value)),
                         _("deleted (#%(pk)s)") % {"pk": value})
    if isinstance(model_field, FileField):
        return _("a file")
    if isinstance(model_field, BooleanField):
        return _("yes") if value in ("True", True) else _("no")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, DateTimeField):
        try:
            moment = datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
        except ValueError:
            return str(value)
        return dateformat.format(timezone.localtime(moment), "Y-m-d H:i")
    if isinstance(model_field, JSONField):
        try:
            data = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            data = value
        if isinstance(data, list):
            return ", ".join(str(item) for item in data) or "—"
        return str(data)[:LONGEST]
    text = str(value)
    return text if len(text) <= LONGEST else text[:LONGEST] + "…"


def _changes(entry, model, trail, names, personal):
    shown = []
    for name, values in (entry.changes or {}).items():
        if name in NOT_SHOWN:
            continue
        model_field = _field(model, name)
        label = capfirst(str(model_field.verbose_name)) if model_field is not None else name
        if isinstance(values, dict):  # many-to-many: the objects added or removed
            objects = ", ".join(str(o) for o in values.get("objects", []))
            kind = "added" if values.get("operation") == "add" else "removed"
            shown.append(Change(label=label, after=objects[:LONGEST], kind=kind))
            continue
        before, after = (values + [None, None])[:2]
        if entry.action == LogEntry.Action.CREATE and _empty(after):
            continue
        if entry.action == LogEntry.Action.DELETE and _empty(before):
            continue
        if name in trail.masked or name in trail.personal and not personal:
            shown.append(Change(label=label, hidden=True))
            continue
        if entry.action == LogEntry.Action.CREATE:
            shown.append(Change(label=label, after=_shown(model_field, after, names),
                                kind="set"))
            continue
        if entry.action == LogEntry.Action.DELETE:
            shown.append(Change(label=label, before=_shown(model_field, before, names),
                                kind="unset"))
            continue
        change = Change(label=label, before=_shown(model_field, before, names),
                        after=_shown(model_field, after, names))
        if isinstance(model_field, FileField) and not _empty(before) and not _empty(after):
            change.after = _("a new file")
        shown.append(change)
    return shown


def history(obj, *, user, page=1, per_page=PER_PAGE):
    """(entries, whether older ones exist) for page `page` (1: the newest) of `obj`'s trail,
    as `user` may read it."""
    page = min(max(int(page), 1), MAX_PAGE)
    start = (page - 1) * per_page
    found = list(entries(obj)[start:start + per_page + 1])
    more = len(found) > per_page
    found = found[:per_page]
    own = obj._meta.concrete_model
    rows = [(entry, ContentType.objects.get_for_id(entry.content_type_id).model_class())
            for entry in found]
    names = _related_names(rows)
    allowed = {}
    shown = []
    for entry, model in rows:
        if model is None:  # a model since removed from the code
            continue
        trail = TRAILS.get(model, Trail())
        if model not in allowed:
            allowed[model] = bool(trail.may_see_personal(user))
        subject = ""
        if model is not own:
            subject = capfirst(str(model._meta.verbose_name))
            if trail.public_name:
                subject = f"{subject}: {entry.object_repr}"
        shown.append(Entry(when=entry.timestamp, who=_who(entry),
                           action=_action_label(entry.action), subject=subject,
                           changes=_changes(entry, model, trail, names, allowed[model])))
    return shown, more
