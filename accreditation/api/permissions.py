"""Who may call accreditation's endpoints: an integration by the scopes of its API key, a
staff member (session) by a predicate of accreditation.permissions.

    permission_classes = [ScopeOrRole.of(ApiScope.SCAN, can_scan)]

    class ApplicationAccess(ReadWriteScopeOrRole):
        read_scope, read = ApiScope.ACCREDITATION_READ, staticmethod(can_view_accreditation)
        write_scope, write = ApiScope.ACCREDITATION_WRITE, staticmethod(can_manage_accreditation)

Anonymous requests get 401 (the API key authentication names its scheme), everyone else who
may not 403. A key never passes a role predicate: its user has no groups.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accreditation.keys.models import ApiScope
from logistics.core.api.permissions import api_key_of


def _never(user):
    return False


class ScopeOrRole(BasePermission):
    """An API key needs `scope`; a session user needs `role(user)` to be true."""

    scope = None
    role = staticmethod(_never)

    @classmethod
    def of(cls, scope, role=_never, *, name=None):
        """A permission class for one scope and one predicate (role=None: keys only)."""
        return type(name or f"{cls.__name__}[{scope}]", (cls,),
                    {"scope": scope, "role": staticmethod(role or _never)})

    def has_permission(self, request, view):
        key = api_key_of(request)
        if key is not None:
            return self.scope is not None and key.has_scope(self.scope)
        return bool(self.role(request.user))


class ReadWriteScopeOrRole(BasePermission):
    """GET, HEAD and OPTIONS need `read_scope` / `read(user)`; other methods `write_scope` /
    `write(user)`. Actions with their own rule (decide, revoke) add a ScopeOrRole beside it
    or override `scopes_by_action` {action name: (scope or tuple of scopes, predicate)}."""

    read_scope = None
    write_scope = None
    read = staticmethod(_never)
    write = staticmethod(_never)
    scopes_by_action = {}

    def rule(self, request, view):
        action = getattr(view, "action", None)
        if action in self.scopes_by_action:
            return self.scopes_by_action[action]
        if request.method in SAFE_METHODS:
            return self.read_scope, self.read
        return self.write_scope, self.write

    def has_permission(self, request, view):
        scope, role = self.rule(request, view)
        key = api_key_of(request)
        if key is not None:
            # A tuple of scopes: the key needs every one (accreditation:read and
            # personal_data for a badge's PDF, which carries the photo).
            scopes = scope if isinstance(scope, tuple) else (scope,)
            return scope is not None and all(key.has_scope(s) for s in scopes)
        return bool(role and role(request.user))


def sees_held_applications(request):
    """Whether the caller reads a possible duplicate as what it is: the office's staff and a
    key that decides do; a key that reads and writes without deciding (a partner's portal)
    reads it as submitted, as its sender does, with no possible_duplicate_of: else reading
    back what it wrote would tell it what the answer to the write kept quiet."""
    key = api_key_of(request)
    return key is None or key.has_scope(ApiScope.ACCREDITATION_DECIDE)
