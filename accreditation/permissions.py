"""Who may do what with accreditation. Roles are the Django groups of logistics.enums.Role."""

from logistics.enums import Role
from logistics.permissions import has_role


def can_manage_accreditation(user):
    """Categories, zones, outlets and the review of applications: the accreditation office
    (and the secretariat)."""
    return has_role(user, Role.SECRETARIAT, Role.ACCREDITATION)
