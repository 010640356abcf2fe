"""Who may call the plan's endpoints: the plan's roles (logistics.core.permissions) mapped
onto HTTP methods and API key scopes."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from logistics.core import permissions
from logistics.core.api.permissions import READ_SCOPE, WRITE_SCOPE, api_key_of
from logistics.plan.models import Task


class PlanAccess(BasePermission):
    """Reads: any plan role, or a key with the read scope. Writes: the secretariat, or a key
    with the write scope; on the actions a view lists in `contributor_actions`, also a focal
    point for the tasks its agencies lead or coordinate (the task services then refuse any
    change beyond status and progress). Anonymous requests get 401, everyone else 403."""

    def has_permission(self, request, view):
        safe = request.method in SAFE_METHODS
        key = api_key_of(request)
        if key is not None:
            return key.has_scope(READ_SCOPE if safe else WRITE_SCOPE)
        user = request.user
        if safe:
            return permissions.can_view_plan(user)
        if getattr(view, "action", None) in getattr(view, "contributor_actions", ()):
            return permissions.can_view_plan(user)
        return permissions.can_manage_plan(user)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS or api_key_of(request) is not None:
            return True
        if isinstance(obj, Task):
            return permissions.can_update_task(request.user, obj)
        return permissions.can_manage_plan(request.user)
