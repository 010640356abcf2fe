from config import languages
from logistics.core import permissions
from logistics.core.models.event import Event


def accord(request):
    user = getattr(request, "user", None)
    staff = permissions.has_staff_role(user)
    return {
        "can_view_plan": permissions.can_view_plan(user),
        "can_manage_plan": permissions.can_manage_plan(user),
        "can_view_outbox": permissions.can_view_outbox(user),
        "can_view_delegations": permissions.can_view_delegations(user),
        "can_see_personal_data": permissions.can_see_personal_data(user),
        "can_view_programme": permissions.can_view_programme(user),
        "can_review_proposals": permissions.can_review_proposals(user),
        "user_roles": sorted(permissions.roles_of(user)),
        "switch_languages": languages.offered(request),
        # Lazily evaluated: only pages that show the event switcher run this query.
        "all_events": Event.objects.order_by("-start_date") if staff else Event.objects.none(),
    }
