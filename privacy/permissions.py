"""Who may export a person's data (docs/PERSONAL_DATA.md, "Requests from a person").

The secretariat answers for the committee as a whole: it exports everything held about a
person. The accreditation office, and security vetting, answer applicants: they export what
accreditation holds (applications, status changes, badges, scans), not the delegations',
the programme's or the side events' records. ID document numbers stay masked in every
export but a vetting officer's.
"""

from accreditation.permissions import can_vet
from logistics.core.enums import Role
from logistics.core.permissions import has_role

# What an export covers: accreditation's records, and the rest (delegations, programme,
# side events, mail sent).
ACCREDITATION = "accreditation"
LOGISTICS = "logistics"


def export_scope(user):
    """The parts of the records `user` may export: empty when none."""
    if has_role(user, Role.SECRETARIAT):
        return frozenset({ACCREDITATION, LOGISTICS})
    if has_role(user, Role.ACCREDITATION, Role.VETTING):
        return frozenset({ACCREDITATION})
    return frozenset()


def can_export_personal_data(user):
    return bool(export_scope(user))


def reads_id_numbers(user):
    """ID document numbers in clear: vetting officers alone (the secretariat is masked)."""
    return can_vet(user)
