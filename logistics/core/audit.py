"""The audit trail: who changed what in the plan and the delegations (and, registered from
accreditation/audit.py, the applications and badges), when, with the values before and after.

django-auditlog writes one LogEntry per save, delete and many-to-many change of the models
tracked here, from their signals; the actor is the signed-in staff member (AuditMiddleware).
The few staff writes that bypass signals (queryset.update(), bulk inserts, renumbering) write
theirs with log_many(). What the system does on its own (Celery tasks, commands) has no
actor and reads as "system"; seed_demo writes nothing (disable_auditlog).

Never logged: ID document numbers and their index, secret links and their index, key hashes,
webhook secrets. They are left out of every entry at registration (every SecretField and
SecretIndexField, every model with an ID document, and track(secret=...)), so
LogEntry.changes cannot hold them; of a number, and of free text that may hold one
(track(masked=...): security vetting's note), the log only says that it changed
(concealed()).
"""

import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import DateTimeField, FileField, JSONField
from django.db.models.signals import pre_save
from django.utils import timezone

from logistics.core.crypto import HasIdDocument, is_secret

# Bookkeeping that moves on every save: the entry's own timestamp says when.
NOT_LOGGED = ("created_at", "updated_at")


def _everyone(user):
    return True


@dataclass(frozen=True)
class Trail:
    """How a tracked model's history is shown: which fields hold personal data (their values
    only for `may_see_personal`), and whether an entry's title (the object's name) may be
    shown to every reader of the page it appears on."""

    personal: frozenset = frozenset()
    may_see_personal: object = _everyone
    files: frozenset = frozenset()
    # Logged as concealed() only: shown to every reader as "changed", without values.
    masked: frozenset = frozenset()
    public_name: bool = True
    # Models whose entries also show on this one's page: (model, its foreign key to us).
    children: tuple = field(default=())


TRAILS = {}


def track(model, *, secret=(), masked=(), personal=(), may_see_personal=_everyone, m2m=(),
          public_name=True, children=()):
    """Register `model` with auditlog: every concrete field but the bookkeeping ones and
    `secret` (and ID document numbers and encrypted secrets, always), plus the many-to-many
    fields `m2m`. The values of `masked` are logged as concealed(): that they changed, never
    what they say."""
    excluded = {*NOT_LOGGED, *secret,
                *(f.name for f in model._meta.concrete_fields if is_secret(f))}
    masked = list(masked)
    if issubclass(model, HasIdDocument):
        # That the number changed is logged, never the number: see concealed().
        excluded.add("id_document_index")
        masked.append("id_document_number")
    # Named one by one: auditlog would otherwise also diff reverse relations (a query each
    # for a reverse one-to-one, on every create).
    included = [f.name for f in model._meta.concrete_fields
                if f.name not in excluded and not f.primary_key]
    auditlog.register(model, include_fields=included, exclude_fields=sorted(excluded),
                      mask_fields=masked, mask_callable="logistics.core.audit.concealed",
                      m2m_fields=set(m2m))
    files = {f.name for f in model._meta.concrete_fields if isinstance(f, FileField)}
    TRAILS[model] = Trail(personal=frozenset(personal), may_see_personal=may_see_personal,
                          files=frozenset(files), masked=frozenset(masked),
                          public_name=public_name, children=tuple(children))


CONCEALED = "•••"


def concealed(value):
    """What the log keeps of an ID document number (or of a masked text): whether there was
    one, nothing of it."""
    return "" if value in ("", "None") else CONCEALED


# Who is acting: the request being served, if any (a Celery task or a command has none).

_request = ContextVar("accord_audit_request", default=None)


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware (the signed-in user becomes the entries' actor), which also
    keeps the request at hand: an API key is only known once DRF has authenticated it, after
    every middleware, and its changes are put down to the key's name."""

    def __call__(self, request):
        token = _request.set(request)
        try:
            return super().__call__(request)
        finally:
            _request.reset(token)


def _via(request):
    """additional_data for a change no staff member made: the integration's key, or the
    person with a public link (a delegation's registration, an applicant's correction)."""
    if request is None:
        return None
    key = getattr(request, "auth", None)
    if callable(getattr(key, "has_scope", None)):
        return {"api_key": key.name}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"public": True}
    return None


def _label(sender, instance, **kwargs):
    if instance.pk is None and instance.additional_data is None:
        instance.additional_data = _via(_request.get())


pre_save.connect(_label, sender=LogEntry, dispatch_uid="accord_audit_label")


def _acting(by):
    request = _request.get()
    actor = by if by is not None and getattr(by, "pk", None) else None
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "pk", None):
            actor = user
    return {
        "actor": actor,
        "actor_email": getattr(actor, "email", None) if actor else None,
        "additional_data": None if actor else _via(request),
        "remote_addr": (AuditlogMiddleware._get_remote_addr(request)
                        if request is not None else None),
        "cid": get_cid(),
    }


def _as_logged(field, value):
    """One value as auditlog writes it (settings.AUDITLOG_STORE_JSON_CHANGES off): text,
    datetimes naive in UTC, JSON with sorted keys, foreign keys by id."""
    if value is None:
        return None
    if isinstance(field, DateTimeField) and timezone.is_aware(value):
        value = timezone.make_naive(value, UTC)
    elif isinstance(field, JSONField):
        return json.dumps(value, sort_keys=True, cls=field.encoder)
    return value if type(value) is str else str(value)


@cache
def _created_plan(model):
    registered = auditlog.get_model_fields(model)
    included = set(registered["include_fields"]) - set(registered["exclude_fields"])
    masked = set(registered["mask_fields"])
    return [(f, f.attname, f.name in masked) for f in model._meta.concrete_fields
            if f.name in included]


def created(instance):
    """The changes of a new row ({field: ["None", value]}), as auditlog's own create entry
    has them, for rows inserted without signals. auditlog's model_instance_diff() gives the
    same but costs 2 ms a row: too much for a bulk call of 1,000."""
    changes = {}
    for model_field, attname, masked in _created_plan(type(instance)):
        value = _as_logged(model_field, getattr(instance, attname))
        if value is None or masked and not value:
            continue
        changes[model_field.name] = ["None", concealed(value) if masked else value]
    return changes


def log_many(entries, *, by=None):
    """Write entries for changes made without signals, in one INSERT: `entries` are
    (instance, action, changes) with action one of LogEntry.Action and changes
    {field: [before, after]} (values as strings, as auditlog stores them). `by` is the staff
    member, when the service knows it; otherwise the request's user or API key, or none."""
    if auditlog_disabled.get() or not entries:
        return 0
    common = {**_acting(by), "timestamp": timezone.now(), "changes_text": "",
              "serialized_data": None, "remote_port": None}
    rows = []
    for instance, action, changes in entries:
        model = type(instance)
        if not changes or model not in TRAILS:
            continue
        rows.append({
            **common, "content_type": ContentType.objects.get_for_model(model).pk,
            "object_pk": str(instance.pk), "object_id": instance.pk,
            "object_repr": str(instance), "action": action,
            "changes": {name: [_text(old), _text(new)] for name, (old, new) in changes.items()},
        })
    _insert(rows)
    return len(rows)


def _insert(rows):
    """LogEntry rows in one INSERT (executemany), each value prepared as the ORM prepares it:
    bulk_create would split 1,000 entries into fourteen statements on SQLite, and build each
    model instance first."""
    if not rows:
        return
    connection = connections[LogEntry.objects.db]
    fields = [f for f in LogEntry._meta.concrete_fields if not f.primary_key]
    name = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        name(LogEntry._meta.db_table), ", ".join(name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)))
    values = []
    for row in rows:
        values.append([f.get_db_prep_save(_pk_of(row[f.name]), connection) for f in fields])
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _pk_of(value):
    return value.pk if hasattr(value, "_meta") else value


def _text(value):
    # As auditlog writes values: strings, datetimes naive in UTC.
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.make_naive(value, UTC)
    return "None" if value is None else str(value)


def log_updates(rows, names, before, *, by=None):
    """Entries for `rows` changed in bulk: `before` maps a row's pk to its old values of
    `names`; rows whose values did not move get none."""
    entries = []
    for row in rows:
        old = before.get(row.pk, {})
        changes = {name: (old.get(name), getattr(row, name)) for name in names
                   if old.get(name) != getattr(row, name)}
        entries.append((row, LogEntry.Action.UPDATE, changes))
    return log_many(entries, by=by)


