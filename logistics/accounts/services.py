"""The second factor's writes: enrol an authenticator, confirm it, check a code, disable."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"


def _normalised(code):
    return re.sub(r"[\s-]", "", code or "").lower()


def totp_device_for_enrolment(*, user):
    """The authenticator being enrolled: the one already shown (its QR code stays the same
    when the page is reloaded) or a new one with a fresh key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=AUTHENTICATOR, confirmed=False)
        device.full_clean()
        device.save()
    return device


def totp_confirm(*, user, code):
    """The first code from the app confirms the authenticator. Returns (device, recovery
    codes); the codes are shown once and kept by nobody else. ValidationError otherwise."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    # Checked in its own transaction: a wrong code's throttling must stay recorded.
    if device is None or verify_token(user, device.persistent_id, _normalised(code)) is None:
        raise ValidationError(_("That code is not right. Check the clock of your phone and "
                                "enter the code the app shows now."), code="wrong_code")
    with transaction.atomic():
        device.refresh_from_db()
        device.confirmed = True
        device.full_clean()
        device.save()
        # One authenticator per person: any other one (a lost phone) goes.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        return device, recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user):
    """A new set of one-time recovery codes, replacing the old set."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def second_factor_check(*, user, code):
    """The device that accepts `code` (a code from the app, or a recovery code, which is
    then used up), or None. Each device throttles its own failures too."""
    code = _normalised(code)
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        accepted = verify_token(user, device.persistent_id, code)
        if accepted is not None:
            return accepted
    return None


def second_factor_disable(*, user, code):
    """Remove the authenticator and the recovery codes, on a current code."""
    if second_factor_check(user=user, code=code) is None:
        raise ValidationError(_("That code is not right."), code="wrong_code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
