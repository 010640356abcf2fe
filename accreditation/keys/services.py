"""Writes for accreditation. API keys: created with their raw value returned once, revoked
for good; only the SHA-256 of a key is ever stored."""

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.keys.models import ApiKey, ApiScope
from logistics.core.audit import log_many

# The visible start of a key ("acc_" and 8 random characters): enough to tell keys apart in
# lists and logs, far too little to guess the rest (the key has 256 random bits).
PREFIX_LENGTH = 12


def _clean_scopes(scopes):
    scopes = list(dict.fromkeys(scopes or ()))
    unknown = [scope for scope in scopes if scope not in ApiScope.values]
    if unknown:
        raise ValidationError({"scopes": [
            _("Unknown scope(s): %(unknown)s. Choose from: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(ApiScope.values)}]})
    if not scopes:
        raise ValidationError({"scopes": [_("Give at least one scope.")]})
    return scopes


@transaction.atomic
def api_key_create(*, name, scopes, by=None):
    """A new key. Returns (key, raw): the raw key exists only in this return value."""
    raw = ApiKey.generate()
    key = ApiKey(name=name.strip(), prefix=raw[:PREFIX_LENGTH], digest=ApiKey.hash(raw),
                 scopes=_clean_scopes(scopes), created_by=by)
    key.full_clean()
    key.save()
    return key, raw


def api_key_revoke(*, key, by=None):
    """Revoke a key for good. Revoking a revoked key keeps its first revocation time."""
    now = timezone.now()
    if ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=now):
        # The conditional UPDATE bypasses the audit trail's signals.
        log_many([(key, LogEntry.Action.UPDATE, {"revoked_at": (None, now)})], by=by)
    key.refresh_from_db(fields=["revoked_at"])
    return key
