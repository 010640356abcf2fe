"""Integrations' API keys: a hashed key, its scopes, who made it and when it was revoked."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    """`read` and `write` are for the plan, delegations and programme endpoints; the
    accreditation ones for applications, badges and webhooks; `scan` for the gates.
    `personal_data` opens nothing by itself: beside `read` or `accreditation:read` it adds
    the personal fields (dates of birth, addresses, travel, hotels, ID document data, badge
    PDFs with photos) to what those scopes read."""

    READ = "read", _("Read")
    WRITE = "write", _("Write")
    ACCREDITATION_READ = "accreditation:read", _("Read applications and badges")
    ACCREDITATION_WRITE = "accreditation:write", _("Create and update applications")
    ACCREDITATION_DECIDE = "accreditation:decide", _("Decide applications, revoke badges")
    SCAN = "scan", _("Scan badges at checkpoints")
    PERSONAL_DATA = "personal_data", _("Personal data of the people read (with read or "
                                       "accreditation:read)")


class ApiKey(models.Model):
    """A key for an integration. Only its SHA-256 is stored; the key itself is shown once.

    Keys are long random strings, so a fast hash is enough: there is nothing to brute-force
    that a slow password hash would protect.
    """

    PREFIX = "acc_"

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("SHA-256 of the key"), max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw):
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def generate(cls):
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self):
        return self.revoked_at is None

    def has_scope(self, scope):
        return self.is_active and scope in self.scopes
