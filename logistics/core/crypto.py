"""Personal data and secrets at rest. ID document numbers are stored encrypted (Fernet:
AES-128-CBC with an HMAC), and found again by a keyed hash of their normalised form, never by
decrypting every row. Secrets Accord must read back (the registration, correction and
confirmation links it mails again, webhook signing secrets, authenticator keys) are stored
the same way (SecretField); a link is found by the keyed hash of its token
(SecretIndexField, unique), so the database alone holds no usable link.

Keys come from settings (FIELD_ENCRYPTION_KEYS, ID_INDEX_KEY, from the environment); in
development they are derived from SECRET_KEY so that `make run` needs no setup.
`rotate_field_keys` re-encrypts every encrypted field and rebuilds every index.
"""

import base64
import hashlib
import hmac
import re
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def _derived(label):
    digest = hashlib.sha256(f"{label}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


@cache
def _fernet():
    keys = settings.FIELD_ENCRYPTION_KEYS or [_derived("accord-field-encryption")]
    return MultiFernet([Fernet(key) for key in keys])


@cache
def _index_key():
    return (settings.ID_INDEX_KEY or _derived("accord-id-index").decode()).encode()


@cache
def _secret_index_key():
    # Derived from ID_INDEX_KEY under a label of its own: one setting still rotates both
    # indexes, yet a link's hash and an ID number's are never comparable (the ID index
    # normalises its input, a token is compared exactly).
    return hmac.new(_index_key(), b"accord-secret-link-index", hashlib.sha256).digest()


def clear_key_cache():
    """For tests and the key rotation command: read the keys from settings again."""
    _fernet.cache_clear()
    _index_key.cache_clear()
    _secret_index_key.cache_clear()


def encrypt(value):
    if not value:
        return ""
    return _fernet().encrypt(value.encode()).decode()


# What a value reads as when no configured key opens it (written under a key since removed).
UNREADABLE = "\N{REPLACEMENT CHARACTER}"


def decrypt(token):
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # A row written under a key no longer configured: say so rather than crash a page.
        return UNREADABLE


def rotate(token):
    """The same secret under the first (newest) key. Raises InvalidToken when no configured
    key opens it."""
    return _fernet().rotate(token.encode()).decode() if token else ""


def encrypted_models():
    """[(model, [encrypted field names], [(index column, source field name, hash)])] of
    every installed app: what key rotation re-encrypts and re-hashes (logistics does not
    name accreditation's models; it finds them)."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [field.name for field in model._meta.concrete_fields
                 if isinstance(field, EncryptedCharField)]
        if names:
            found.append((model, names, indexes_of(model)))
    return found


def indexes_of(model):
    """The keyed hashes kept beside a model's encrypted fields: (column, source, hash)."""
    indexes = [(field.column, field.of, secret_index) for field in model._meta.concrete_fields
               if isinstance(field, SecretIndexField)]
    if issubclass(model, HasIdDocument):
        indexes.append((model._meta.get_field("id_document_index").column,
                        "id_document_number", document_index))
    return indexes


def normalise_document_number(value):
    """Passport numbers are typed with spaces, dashes and either case: "c 1234-567" and
    "C1234567" are the same document."""
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper())


# The collection desk's view of a passport: enough characters to tell it is the document of
# the application, never enough to copy it (at most half the number shows).
DOCUMENT_TAIL = 4


def document_tail(value):
    """"C 1234-567" → "•••• 4567": the last characters of the normalised number, for the
    desk that compares the passport in front of it with the application. Empty for none."""
    number = normalise_document_number(value)
    if not number:
        return ""
    shown = min(DOCUMENT_TAIL, len(number) // 2)
    return "•••• " + number[len(number) - shown:] if shown else "••••"


def document_index(value):
    """A keyed hash of the normalised number: equal numbers give equal hashes, and the hash
    alone reveals nothing without the key. Empty for no number."""
    number = normalise_document_number(value)
    if not number:
        return ""
    return hmac.new(_index_key(), number.encode(), hashlib.sha256).hexdigest()


def secret_index(value):
    """A keyed hash of a secret (a link's token), to find its row: exact, and useless
    without the key. None for no secret (a purged link), which no lookup matches."""
    if not value:
        return None
    return hmac.new(_secret_index_key(), value.encode(), hashlib.sha256).hexdigest()


def secret_match(name, value):
    """The filter that finds the row whose secret field `name` holds `value`, by its
    index: `Invitation.objects.filter(secret_match("token", token))`. An empty value
    finds nothing (filtering on None would find every purged link)."""
    digest = secret_index(value)
    return Q(**{f"{name}_index": digest}) if digest else Q(pk__in=[])


class EncryptedCharField(models.TextField):
    """Text stored encrypted; reads give the clear text back. It cannot be filtered on (the
    ciphertext is random each time): keep a document_index() beside it for lookups."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value == UNREADABLE:
            # Saving what could not be decrypted would overwrite the real number for good.
            raise ValueError(f"{self.name} could not be decrypted with the configured keys; "
                             "restore the old key (FIELD_ENCRYPTION_KEYS) before saving.")
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in ("isnull",):
            raise TypeError(f"{self.name} is encrypted; look it up by its index instead.")
        return super().get_lookup(lookup_name)


class HasIdDocument(models.Model):
    """An ID document number kept encrypted, with its index kept in step on every save.
    (bulk_create skips save(): set id_document_index = document_index(number) there.)"""

    id_document_number = EncryptedCharField(_("ID document number"))
    id_document_index = models.CharField(max_length=64, blank=True, db_index=True,
                                         editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.id_document_index = document_index(self.id_document_number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "id_document_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "id_document_index"}
        super().save(*args, **kwargs)


class SecretField(EncryptedCharField):
    """A secret Accord reads back (a link it mails again, a key that signs or checks codes):
    encrypted like an ID number. Never logged (logistics.core.audit), never exported, never shown
    in the admin; a link's token has a SecretIndexField beside it to be found by."""


class SecretIndexField(models.CharField):
    """The keyed hash of the secret in the field `of` (named `<of>_index`), computed on every
    save and bulk insert: what a link is looked up by (secret_match), and unique as the
    tokens were. Null once the link is purged. (A save(update_fields=...) that names the
    secret must name its index too; nothing changes a token once made but the purge, which
    empties both.)"""

    def __init__(self, *args, of, **kwargs):
        self.of = of
        kwargs.update(max_length=64, null=True, blank=True, unique=True, editable=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("max_length", "null", "unique", "editable", "blank"):
            kwargs.pop(fixed, None)
        return name, path, args, {**kwargs, "of": self.of}

    def pre_save(self, model_instance, add):
        value = secret_index(getattr(model_instance, self.of))
        setattr(model_instance, self.attname, value)
        return value


def is_secret(field):
    """Whether a model field holds a secret or its index: left out of the audit trail and
    of every export."""
    return isinstance(field, SecretField | SecretIndexField)
