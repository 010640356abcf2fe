from accreditation import permissions


def accreditation(request):
    """What the staff layout's Accreditation menu shows to whom."""
    user = getattr(request, "user", None)
    return {
        "can_view_accreditation": permissions.can_view_accreditation(user),
        "can_manage_accreditation": permissions.can_manage_accreditation(user),
        "can_vet": permissions.can_vet(user),
        "can_scan": permissions.can_scan(user),
    }
