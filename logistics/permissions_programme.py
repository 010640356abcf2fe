"""Who may run the programme; kept apart from permissions.py for now, to be merged into it."""

from logistics.enums_programme import ProgrammeRole
from logistics.permissions import can_manage_plan, has_role


def can_manage_programme(user):
    """Venues, rooms and sessions: the programme office and the secretariat."""
    return can_manage_plan(user) or has_role(user, ProgrammeRole.PROGRAMME)
