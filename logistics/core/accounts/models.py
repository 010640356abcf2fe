"""A staff member's second factor, as django-otp devices of our own: django-otp's TOTPDevice
and StaticToken keep the authenticator's key and the recovery codes in clear, and ours keep
both encrypted with the field keys (logistics.core.crypto), so a copy of the database logs nobody
in. Verification is django-otp's: its TOTP algorithm, throttling and timestamps, and its
verify_token() locks the device row while a code is checked."""

import hmac
import os
import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP
from django_otp.util import hex_validator, random_hex

from logistics.core.crypto import SecretField


def new_authenticator_key():
    return random_hex(20)


def key_validator(value):
    return hex_validator()(value)


class Authenticator(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app (TOTP, RFC 6238): django-otp's TOTPDevice with its key encrypted.
    The fields keep TOTPDevice's names and meaning."""

    key = SecretField(_("key"), default=new_authenticator_key, validators=[key_validator],
                      help_text=_("Hex-encoded, up to 40 bytes; encrypted at rest."))
    step = models.PositiveSmallIntegerField(_("time step (seconds)"), default=30)
    t0 = models.BigIntegerField(_("first step (Unix time)"), default=0)
    digits = models.PositiveSmallIntegerField(_("digits"), choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(_("steps of tolerance"), default=1)
    drift = models.SmallIntegerField(_("clock drift (steps)"), default=0)
    # A code is taken once: the next must be of a later step.
    last_t = models.BigIntegerField(_("last step used"), default=-1)

    class Meta(Device.Meta):
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    @property
    def bin_key(self):
        return unhexlify(self.key.encode())

    def get_throttle_factor(self):
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def verify_token(self, token):
        """As TOTPDevice.verify_token: a code of the current step (± tolerance) not older
        than the last one taken; the drift is learnt, failures are throttled."""
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        try:
            token = int(token)
        except (TypeError, ValueError):
            verified = False
        else:
            totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
            totp.time = time.time()
            verified = totp.verify(token, self.tolerance, self.last_t + 1)
            if verified:
                self.last_t = totp.t()
                self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save()
        if not verified:
            self.throttle_increment(commit=True)
        return verified

    @property
    def config_url(self):
        """The otpauth:// URL an authenticator app scans (Google's Key Uri Format)."""
        issuer = (getattr(settings, "OTP_TOTP_ISSUER", "") or "").replace(":", "")
        label = self.user.get_username()
        if issuer:
            label = f"{issuer}:{label}"
        params = {"secret": b32encode(self.bin_key), "algorithm": "SHA1",
                  "digits": self.digits, "period": self.step}
        query = urlencode(params) + (f"&issuer={quote(issuer)}" if issuer else "")
        return f"otpauth://totp/{quote(label)}?{query}"


def new_recovery_code():
    """Eight letters and digits (40 random bits), read out as two groups of four."""
    return b32encode(os.urandom(5)).decode().lower()


class RecoveryCodes(TimestampMixin, ThrottlingMixin, Device):
    """A person's one-time recovery codes (django-otp's StaticDevice and its tokens), kept
    encrypted in one field, separated by spaces. A code is removed once it has logged in."""

    codes = SecretField(_("recovery codes"), editable=False)

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    @property
    def left(self):
        return self.codes.split()

    def add(self, code):
        self.codes = " ".join([*self.left, code])

    def verify_token(self, token):
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        token = str(token or "").encode()
        # Every code compared in constant time: how far a guess got says nothing.
        matches = [code for code in self.left if hmac.compare_digest(code.encode(), token)]
        if matches:
            self.codes = " ".join(code for code in self.left if code != matches[0])
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(matches)
