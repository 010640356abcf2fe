from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from logistics.core.accounts import ENROL, VERIFY, second_factor_missing

# What a session owing its second factor may still open, by URL name.
_OPEN = {
    VERIFY: ("login", "login_code", "logout", "set_language"),
    ENROL: ("login", "logout", "set_language", "account_security",
            "account_security_confirm"),
}


class SecondFactorMiddleware:
    """Every page, the admin included, sends a session that owes its second factor to the
    code page (an authenticator is enrolled) or the enrolment page (TOTP_REQUIRED and a role
    that sees personal data). The API answers for itself (VerifiedSessionAuthentication), so
    that requests with an API key are never touched here."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open = None

    def __call__(self, request):
        path = request.path_info
        # The API, static files and the health probe first: they never read the session user.
        if not path.startswith(("/api/", f"/{settings.STATIC_URL.lstrip('/')}", "/healthz")):
            missing = second_factor_missing(request.user)
            if missing and path not in self._open_paths(missing):
                target = "login_code" if missing == VERIFY else "account_security"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _open_paths(self, missing):
        if self._open is None:
            self._open = {state: {reverse(name) for name in names}
                          for state, names in _OPEN.items()}
        return self._open[missing]
