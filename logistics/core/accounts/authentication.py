from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed

from logistics.core.accounts import second_factor_missing


class VerifiedSessionAuthentication(SessionAuthentication):
    """DRF's session authentication, refused while the session owes its second factor: a
    browser that gave only the password cannot read personal data through the API either.
    API keys are another authentication class and are not concerned."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and second_factor_missing(request._request.user):
            raise AuthenticationFailed(
                _("This session needs its second-factor code: log in again in the browser."))
        return result


class VerifiedSessionScheme(SessionScheme):
    """The schema describes it as the session cookie it is."""

    target_class = VerifiedSessionAuthentication
