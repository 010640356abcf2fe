"""Domain errors: each has a stable `code` that the API and the UI show, and the HTTP status
the API answers with. A concept's own errors live in its `errors.py` on these bases; the ones
here are shared by several concepts (and by accreditation)."""

from django.utils.translation import ngettext


class AccordError(Exception):
    """Bad input for the rule it breaks: 400 unless the class says otherwise."""

    code = "error"
    http_status = 400

    def __init__(self, message, *, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class Conflict(AccordError):
    """Good input that the state of things refuses (a clash, a closed step): 409."""

    http_status = 409


class LinkUnusable(AccordError):
    """A link sent by mail that is unknown, withdrawn or past its deadline: 404, saying no more
    to whoever holds it."""

    http_status = 404


class ManyErrors(AccordError):
    """A file or a list with errors: `errors` lists every one under `fields[field]`, and
    nothing was written. A subclass says how to count them (`summary`)."""

    field = "rows"

    def __init__(self, errors):
        super().__init__(self.summary(len(errors)))
        self.errors = errors
        self.fields = {self.field: [str(e) for e in errors]}

    @staticmethod
    def summary(count):
        raise NotImplementedError


class NotAllowed(AccordError):
    code = "not_allowed"
    http_status = 403


class ImportRejected(ManyErrors):
    code = "import_rejected"

    @staticmethod
    def summary(count):
        return ngettext("%(count)s error(s); nothing was imported.",
                        "%(count)s error(s); nothing was imported.", count) % {"count": count}


class InvalidTransition(Conflict):
    code = "invalid_transition"


class QuotaExceeded(Conflict):
    code = "quota_exceeded"
