"""Accreditation's domain errors, on the bases of logistics.core.errors (a stable code each)."""

from logistics.core.errors import AccordError, Conflict


class InvalidApplication(AccordError):
    code = "invalid_application"


class DuplicateApplication(Conflict):
    """One person, one accreditation: the office tried to release a possible duplicate while
    another application of the person is live. (A submission is never refused for it: it is
    held, see services.duplicates.)"""

    code = "duplicate_application"


class VettingRequired(Conflict):
    """The category needs security vetting and the applicant is not cleared."""

    code = "vetting_required"


class DelegationMediaRule(Conflict):
    """Delegation media: one photographer and one camera operator, for a delegation led by a
    dignitary."""

    code = "delegation_media"


class NotEditable(Conflict):
    code = "not_editable"


class BadgeUnusable(Conflict):
    """The badge is not in a state for what was asked (revoking a replaced badge...)."""

    code = "badge_unusable"
