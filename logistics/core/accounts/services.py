"""The second factor's writes: enrol an authenticator, confirm it, check a code, disable."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import verify_token

from logistics.core.accounts.models import Authenticator, RecoveryCodes, new_recovery_code

RECOVERY_CODES = 10
AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"


def _normalised(code):
    return re.sub(r"[\s-]", "", code or "").lower()


def totp_device_for_enrolment(*, user):
    """The authenticator being enrolled: the one already shown (its QR code stays the same
    when the page is reloaded) or a new one with a fresh key."""
    device = Authenticator.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = Authenticator(user=user, name=AUTHENTICATOR, confirmed=False)
        device.full_clean()
        device.save()
    return device


def totp_confirm(*, user, code):
    """The first code from the app confirms the authenticator. Returns (device, recovery
    codes); the codes are shown once and kept by nobody else. ValidationError otherwise."""
    device = Authenticator.objects.filter(user=user, confirmed=False).order_by("pk").first()
    # Checked in its own transaction: a wrong code's throttling must stay recorded.
    if device is None or verify_token(user, device.persistent_id, _normalised(code)) is None:
        raise ValidationError({"code": ValidationError(
            _("That code is not right. Check the clock of your phone and enter the code the "
              "app shows now."), code="wrong_code")})
    with transaction.atomic():
        device.refresh_from_db()
        device.confirmed = True
        device.full_clean()
        device.save()
        # One authenticator per person: any other one (a lost phone) goes.
        Authenticator.objects.filter(user=user).exclude(pk=device.pk).delete()
        return device, recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user):
    """A new set of one-time recovery codes, replacing the old set."""
    RecoveryCodes.objects.filter(user=user).delete()
    codes = [new_recovery_code() for _n in range(RECOVERY_CODES)]
    RecoveryCodes.objects.create(user=user, name=RECOVERY, confirmed=True,
                                 codes=" ".join(codes))
    return codes


@transaction.atomic
def recovery_code_add(*, user):
    """One more recovery code for someone who lost the phone and used up the others
    (`manage.py addstatictoken`); the person's other codes stay."""
    device = (RecoveryCodes.objects.select_for_update().filter(user=user).order_by("pk")
              .first() or RecoveryCodes(user=user, name=RECOVERY, confirmed=True))
    code = new_recovery_code()
    device.add(code)
    device.save()
    return code


def second_factor_check(*, user, code):
    """The device that accepts `code` (a code from the app, or a recovery code, which is
    then used up), or None. Each device throttles its own failures too."""
    code = _normalised(code)
    if code.isdigit():
        devices = Authenticator.objects.filter(user=user, confirmed=True)
    else:
        devices = RecoveryCodes.objects.filter(user=user, confirmed=True)
    for device in devices:
        accepted = verify_token(user, device.persistent_id, code)
        if accepted is not None:
            return accepted
    return None


def second_factor_disable(*, user, code):
    """Remove the authenticator and the recovery codes, on a current code."""
    if second_factor_check(user=user, code=code) is None:
        raise ValidationError({"code": ValidationError(_("That code is not right."),
                                                       code="wrong_code")})
    with transaction.atomic():
        Authenticator.objects.filter(user=user).delete()
        RecoveryCodes.objects.filter(user=user).delete()
