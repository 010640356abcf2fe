"""A record as the person reads it: field labels instead of column names, choices as words,
files named by where they sit in the ZIP (or why they are withheld), staff members left
out, ID numbers masked and vetting notes withheld but for a vetting officer, and values the
person is shown otherwise elsewhere (an application's status) as they are shown there."""

import datetime
import os
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from logistics.core import stored_files
from logistics.core.crypto import EncryptedCharField, is_secret

# Secrets and internals that say nothing about the person: the links' tokens and their
# index (every SecretField and SecretIndexField, by is_secret()), the index of the ID number
# (a keyed hash), the badge's nonce; and the application a held one may duplicate, which is
# someone else's.
NEVER_EXPORTED = {"id", "token", "token_index", "confirm_token", "confirm_token_index",
                  "id_document_index", "nonce", "digest", "duplicate_of"}
# The clear part of a masked ID number.
VISIBLE_ID_CHARACTERS = 3
# Free text of security vetting, which an officer may have written an ID number into: it
# follows the ID numbers' rule (in clear for a vetting officer only), but cannot be masked.
VETTING_TEXT = {"vetting_note"}


def _withheld():
    return _("kept by security vetting")


def mask(number):
    """"C1234567" → "•••••567": enough for the person to recognise the document, not to
    copy it. A number of three characters or fewer shows none of them."""
    number = str(number or "")
    if not number:
        return ""
    if len(number) <= VISIBLE_ID_CHARACTERS:
        return "•" * VISIBLE_ID_CHARACTERS
    return "•" * (len(number) - VISIBLE_ID_CHARACTERS) + number[-VISIBLE_ID_CHARACTERS:]


def plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Reader:
    """Whom an export is for: a staff member (`user`), or, for a command run on the server
    where no one is signed in, whoever asked for it, with ID data (ID copies) or without."""

    user: object = None
    id_data: bool = False

    def withholds(self, kind):
        """Why this reader's export leaves out a file of `kind` (a row of the table of stored
        files, None for a file without one), in words for the person; None to carry it."""
        if kind is None:
            return _("no rule says who may open this file")
        if kind.never_exported:
            return str(kind.never_exported)
        if self.user is None:
            if kind.id_data and not self.id_data:
                return _("a copy of an ID document goes into an export made on the server "
                         "only when it is asked for (--with-id-data)")
            return None
        # The same test as the file's own page: a staff member's export carries exactly
        # the files that the staff member could open there.
        if kind.may_open(self.user):
            return None
        return _("only %(readers)s may open it") % {"readers": kind.readers}


@dataclass(frozen=True)
class Withheld:
    """A file an export left out: of which record, which file, and why."""

    record: str
    file: str
    why: str

    def as_json(self):
        return {_("record"): self.record, _("file"): self.file, _("why"): self.why}


class Files:
    """The files of the records an export reads: each is carried (it gets a name in the ZIP)
    or withheld (listed with the reason), as the table of stored files decides for the
    reader."""

    def __init__(self, reader):
        self.reader = reader
        self.entries = []  # (name in the ZIP, FieldFile)
        self.withheld = []  # Withheld

    def add(self, instance, field_file):
        """The name in the ZIP of `field_file`, or the words that say it is withheld."""
        field = field_file.field
        why = self.reader.withholds(stored_files.kind_of(instance, field.name))
        if why:
            self.withheld.append(Withheld(record=f"{instance._meta.verbose_name} {instance}",
                                          file=str(field.verbose_name), why=why))
            return _("withheld: %(why)s") % {"why": why}
        extension = os.path.splitext(field_file.name)[1].lower()[:10]
        label = instance._meta.model_name
        name = f"files/{label}-{instance.pk}-{field.name}{extension}"
        self.entries.append((name, field_file))
        return name


def readable(instance, *, files, clear_ids, exclude=(), seen=None):
    """{label: value} of the record's own fields. `seen` maps a field's name to the function
    that gives a stored value as the person sees it."""
    seen = seen or {}
    result = {}
    for field in instance._meta.concrete_fields:
        if field.name in NEVER_EXPORTED or is_secret(field) or field.name in exclude:
            continue
        if field.is_relation and field.related_model is settings_user_model():
            # Which officer did what is the committee's business, not a record of the person.
            continue
        label = str(field.verbose_name)
        if field.name in VETTING_TEXT and not clear_ids:
            result[label] = _withheld() if getattr(instance, field.attname) else ""
        elif isinstance(field, EncryptedCharField):
            number = getattr(instance, field.attname)
            result[label] = number if clear_ids else mask(number)
        elif isinstance(field, models.FileField):
            field_file = getattr(instance, field.name)
            result[label] = files.add(instance, field_file) if field_file else None
        elif field.is_relation:
            related = getattr(instance, field.name)
            result[label] = str(related) if related is not None else None
        elif field.choices:
            value = getattr(instance, field.attname)
            if field.name in seen:
                value = seen[field.name](value)
            result[label] = str(dict(field.flatchoices).get(value, value))
        else:
            result[label] = plain(getattr(instance, field.attname))
    return result


def settings_user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def history(instance, *, clear_ids, seen=None):
    """The record's audit trail (django-auditlog), when it is kept: when, what, before and
    after, by field label. Who made each change is left out, as above; values as `seen`
    gives them (readable()), and a change that then moves nothing is left out with it, as is
    an update left with no change to show."""
    seen = seen or {}
    if "auditlog" not in settings.INSTALLED_APPS:
        return []
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    labels = {f.name: str(f.verbose_name) for f in instance._meta.concrete_fields}
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_pk=str(instance.pk)).exclude(action=LogEntry.Action.ACCESS).order_by(
        "timestamp", "pk")
    result = []
    for entry in entries:
        changes = {}
        for name, values in (entry.changes or {}).items():
            if name in NEVER_EXPORTED:
                continue
            if name == "id_document_number" and not clear_ids:
                values = [mask(value) if value else value for value in values]
            elif name in VETTING_TEXT and not clear_ids:
                values = [_withheld() if value else value for value in values]
            elif name in seen:
                values = [seen[name](value) for value in values]
                if len(set(values)) == 1:
                    continue
            changes[labels.get(name, name)] = values
        if not changes and entry.action == LogEntry.Action.UPDATE:
            continue
        result.append({_("when"): plain(entry.timestamp),
                       _("action"): str(entry.get_action_display()),
                       _("changes"): changes})
    return result
