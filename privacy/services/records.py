"""A record as the person reads it: field labels instead of column names, choices as words,
files named by where they sit in the ZIP, staff members left out, ID numbers masked and
vetting notes withheld but for a vetting officer."""

import datetime
import os

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from logistics.crypto import EncryptedCharField

# Secrets and internals that say nothing about the person: the links' tokens, the index of
# the ID number (a keyed hash), the badge's nonce; and the application a held one may
# duplicate, which is someone else's.
NEVER_EXPORTED = {"id", "token", "confirm_token", "id_document_index", "nonce", "digest",
                  "duplicate_of"}
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


class Files:
    """The uploads an export carries: each gets a name in the ZIP when the record is read."""

    def __init__(self):
        self.entries = []  # (name in the ZIP, FieldFile)

    def add(self, instance, field_file):
        extension = os.path.splitext(field_file.name)[1].lower()[:10]
        label = instance._meta.model_name
        name = f"files/{label}-{instance.pk}-{field_file.field.name}{extension}"
        self.entries.append((name, field_file))
        return name


def readable(instance, *, files, clear_ids, exclude=()):
    """{label: value} of the record's own fields."""
    result = {}
    for field in instance._meta.concrete_fields:
        if field.name in NEVER_EXPORTED or field.name in exclude:
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
            result[label] = str(getattr(instance, f"get_{field.name}_display")())
        else:
            result[label] = plain(getattr(instance, field.attname))
    return result


def settings_user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def history(instance, *, clear_ids):
    """The record's audit trail (django-auditlog), when it is kept: when, what, before and
    after, by field label. Who made each change is left out, as above."""
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
            changes[labels.get(name, name)] = values
        result.append({_("when"): plain(entry.timestamp),
                       _("action"): str(entry.get_action_display()),
                       _("changes"): changes})
    return result
