"""Who may do what with accreditation. Roles are the Django groups of logistics.core.enums.Role."""

from logistics.core.enums import Role
from logistics.core.permissions import has_role


def can_manage_accreditation(user):
    """Categories, zones, outlets and the review of applications: the accreditation office
    (and the secretariat)."""
    return has_role(user, Role.SECRETARIAT, Role.ACCREDITATION)


def can_view_accreditation(user):
    """Lists of applications and badges (without ID numbers): the accreditation office, the
    secretariat and security vetting."""
    return has_role(user, Role.SECRETARIAT, Role.ACCREDITATION, Role.VETTING)


def can_vet(user):
    """Clear or flag applicants, and read ID document numbers: security vetting officers
    only. Deliberately not the secretariat, and so not a superuser either unless someone put
    them in the vetting group."""
    return has_role(user, Role.VETTING)


def can_scan(user):
    """Scan badges at the gates and see the zones' live counts."""
    return has_role(user, Role.SECRETARIAT, Role.ACCREDITATION, Role.GATE)
