"""Who may call the plan's endpoints. The rules are the ones of logistics.core.permissions; this
class only maps them onto HTTP methods and API key scopes."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from logistics.core import permissions

# The scopes of accreditation.models.ApiScope, named here because logistics never imports
# accreditation: an API key reaches us only as request.auth, an object with has_scope().
READ_SCOPE = "read"
WRITE_SCOPE = "write"
# Beside a read scope, the personal fields of what it reads (docs/PERMISSIONS.md).
PERSONAL_DATA_SCOPE = "personal_data"


def api_key_of(request):
    """The API key a request was authenticated with, or None for a session user."""
    auth = request.auth
    return auth if callable(getattr(auth, "has_scope", None)) else None


def acting_user(request):
    """Who a service should hold responsible: the staff member, or None for an integration
    (not a person, and already checked for the write scope)."""
    return None if api_key_of(request) is not None else request.user


def acting_via(request):
    """How a change came when no person made it: the integration's key, for the log."""
    key = api_key_of(request)
    return f"API key {key.name}" if key is not None else ""


class StaffOrKey(BasePermission):
    """Any API key, whatever its scopes, and any staff member: for what describes the API
    and holds no data (its schema and docs page). Anonymous requests get 401."""

    def has_permission(self, request, view):
        if api_key_of(request) is not None:
            return True
        return permissions.has_staff_role(request.user)


class RoleAccess(BasePermission):
    """Maps two predicates of logistics.core.permissions onto HTTP methods: `read` for GET, HEAD and
    OPTIONS, `write` for everything else. A key needs the read scope to read and the write
    scope to write. Anonymous requests get 401, everyone else who may not 403. Subclasses name
    the predicates; the services check them again (a key acts as by=None)."""

    read = staticmethod(permissions.can_view_plan)
    write = staticmethod(permissions.can_manage_plan)

    def has_permission(self, request, view):
        safe = request.method in SAFE_METHODS
        key = api_key_of(request)
        if key is not None:
            return key.has_scope(READ_SCOPE if safe else WRITE_SCOPE)
        return (self.read if safe else self.write)(request.user)


class DelegationAccess(RoleAccess):
    """Delegations, members, signings and the speakers list: read by every staff role but the
    agencies' focal points, changed by the protocol office and the secretariat."""

    read = staticmethod(permissions.can_view_delegations)
    write = staticmethod(permissions.can_manage_delegations)


class ProgrammeAccess(RoleAccess):
    """Rooms and sessions: read by every staff role, changed by the programme office and the
    secretariat."""

    read = staticmethod(permissions.can_view_programme)
    write = staticmethod(permissions.can_manage_programme)


class ProposalAccess(RoleAccess):
    """Side-event proposals: for their reviewers (the programme office, the secretariat), who
    also decide on them. Booking one into the programme is checked again by its service
    (can_manage_programme)."""

    read = staticmethod(permissions.can_review_proposals)
    write = staticmethod(permissions.can_review_proposals)


def may_see_personal_data(request, allowed=permissions.can_see_personal_data):
    """Whether a response may carry personal data (dates of birth, flights, hotels, needs,
    e-mail addresses, ID document data): staff for whom `allowed` holds, and keys given the
    personal_data scope (an integration that registers or accredits people, given it on
    purpose; a key's read scope alone never carries them)."""
    key = api_key_of(request)
    if key is not None:
        return key.has_scope(PERSONAL_DATA_SCOPE)
    return allowed(request.user)
