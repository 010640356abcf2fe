"""Domain errors: each has a stable code that the API and the UI show."""

from django.utils.translation import ngettext


class AccordError(Exception):
    code = "error"
    http_status = 400

    def __init__(self, message, *, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotAllowed(AccordError):
    code = "not_allowed"
    http_status = 403


class DependencyCycle(AccordError):
    code = "dependency_cycle"


class InvalidTask(AccordError):
    code = "invalid_task"


class ImportRejected(AccordError):
    """An import file had errors; `errors` lists every one, nothing was written."""

    code = "import_rejected"

    def __init__(self, errors):
        super().__init__(ngettext("%(count)s error(s); nothing was imported.",
                                  "%(count)s error(s); nothing was imported.",
                                  len(errors)) % {"count": len(errors)})
        self.errors = errors
        self.fields = {"rows": [str(e) for e in errors]}


class InvalidTransition(AccordError):
    code = "invalid_transition"
    http_status = 409


class QuotaExceeded(AccordError):
    code = "quota_exceeded"
    http_status = 409


class InvitationUnusable(AccordError):
    """An invitation link that is unknown, revoked or past the registration deadline."""

    code = "invitation_unusable"
    http_status = 404
