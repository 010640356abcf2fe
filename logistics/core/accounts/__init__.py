"""Staff accounts' second factor: a TOTP authenticator app, with one-time recovery codes.

Optional for every staff member; with TOTP_REQUIRED on, compulsory for the roles that see
personal data. A session whose user has a confirmed authenticator counts only once a code
has been entered in it (django_otp's `is_verified()`); SecondFactorMiddleware holds the
pages and VerifiedSessionAuthentication the session API to that.
"""

from django.conf import settings

from logistics.core.enums import Role
from logistics.core.permissions import roles_of

# The roles that see passports, photos, ID numbers and travel plans: the ones TOTP_REQUIRED
# makes enrol (a superuser counts as secretariat). README "Second factor" lists them.
PERSONAL_DATA_ROLES = frozenset({Role.SECRETARIAT, Role.PROTOCOL, Role.ACCREDITATION,
                                 Role.VETTING})

VERIFY = "verify"
ENROL = "enrol"


def sees_personal_data(user):
    return bool(roles_of(user) & PERSONAL_DATA_ROLES)


def has_second_factor(user):
    from logistics.core.accounts.models import Authenticator

    return Authenticator.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user):
    from logistics.core.accounts.models import RecoveryCodes

    return sum(len(device.left) for device in RecoveryCodes.objects.filter(user=user))


def is_verified(user):
    """Whether a code was entered in this session (False where OTPMiddleware did not run)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def second_factor_missing(user):
    """What this session still owes before it may use staff pages or the session API:
    VERIFY (a code), ENROL (an authenticator, when required) or None."""
    if not user.is_authenticated or is_verified(user):
        return None
    if has_second_factor(user):
        return VERIFY
    if settings.TOTP_REQUIRED and sees_personal_data(user):
        return ENROL
    return None
