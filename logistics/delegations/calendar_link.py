"""The secret address of a delegation's calendar feed, given to its focal point."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

DELEGATION_SALT = "logistics.ical.delegation"  # the old path, kept: subscribed feeds still work


def _signer():
    # No timestamp: a calendar subscribes to one address and keeps it for the whole event.
    return signing.Signer(salt=DELEGATION_SALT)


def delegation_ical_token(delegation):
    return _signer().sign_object(delegation.pk, compress=True)


def delegation_from_token(token):
    """The delegation's id in a feed token, or None for a token that is not ours."""
    try:
        value = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return value if isinstance(value, int) else None


def delegation_ical_url(delegation, *, absolute=True):
    """The address of a delegation's calendar feed, to give to its focal point."""
    path = reverse("delegation_ical", args=[delegation_ical_token(delegation)])
    return settings.SITE_URL + path if absolute else path
