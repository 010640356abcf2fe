"""Accreditation's domain errors, in the shape of logistics.core.errors (a stable code each)."""

from logistics.core.errors import AccordError, InvalidTransition, NotAllowed, QuotaExceeded

__all__ = ["AccordError", "DelegationMediaRule", "DuplicateApplication", "InvalidApplication",
           "InvalidTransition", "NotAllowed", "NotEditable", "QuotaExceeded",
           "VettingRequired", "BadgeUnusable"]


class InvalidApplication(AccordError):
    code = "invalid_application"


class DuplicateApplication(AccordError):
    """One person, one accreditation: the office tried to release a possible duplicate while
    another application of the person is live. (A submission is never refused for it: it is
    held, see services.duplicates.)"""

    code = "duplicate_application"
    http_status = 409


class VettingRequired(AccordError):
    """The category needs security vetting and the applicant is not cleared."""

    code = "vetting_required"
    http_status = 409


class DelegationMediaRule(AccordError):
    """Delegation media: one photographer and one camera operator, for a delegation led by a
    dignitary."""

    code = "delegation_media"
    http_status = 409


class NotEditable(AccordError):
    code = "not_editable"
    http_status = 409


class BadgeUnusable(AccordError):
    """The badge is not in a state for what was asked (revoking a replaced badge...)."""

    code = "badge_unusable"
    http_status = 409
