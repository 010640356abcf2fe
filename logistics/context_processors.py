from logistics import permissions


def accord(request):
    user = getattr(request, "user", None)
    return {
        "can_manage_plan": permissions.can_manage_plan(user),
        "user_roles": sorted(permissions.roles_of(user)),
    }
