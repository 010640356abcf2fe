"""What every staff page needs: the role gate and the open event, pagination, a form's errors
as one message. (A service's refusal is shown by refusals.service_call.)"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from logistics.core import permissions
from logistics.core.ids import as_id
from logistics.core.models.event import Event
from logistics.core.queries import event as event_queries

PAGE_SIZE = 50


def staff_view(predicate):
    """Login required, then `predicate(user)` (403 otherwise); the open event is passed to
    the view, or a page that says there is none."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            event = event_queries.current_event(request.session.get("event_id"))
            if event is None:
                return render(request, "logistics/core/no_event.html", status=200)
            return view(request, event, *args, **kwargs)

        return wrapped

    return decorate


# Any plan role: the dashboard, tasks, agencies.
plan_reader = staff_view(permissions.can_view_plan)

# Tasks, agencies and committees: created, edited and cancelled by the secretariat.
plan_manager = staff_view(permissions.can_manage_plan)

# The signing ceremony, the speakers list and bilaterals: every staff role but the agencies'
# focal points reads them; the protocol office and the secretariat change them.
protocol_reader = staff_view(permissions.can_view_delegations)
protocol_manager = staff_view(permissions.can_manage_delegations)


def protocol_action(view):
    """A POST that changes something: the protocol office and the secretariat only."""
    return require_POST(protocol_manager(view))


def form_errors_text(form):
    """A form's errors, each after its field's label, for the messages framework."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(errors)
        parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)


def paginate(request, queryset, per_page=PAGE_SIZE, param="page"):
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def query_without_page(request, param="page"):
    """The current query string minus `page` (or `param`, for a second list on the page),
    for pagination links that keep the filters."""
    params = request.GET.copy()
    params.pop(param, None)
    return params.urlencode()


@require_POST
@login_required
def choose_event(request):
    """Switch the event the pages show; remembered for the session."""
    if not permissions.has_staff_role(request.user):
        raise PermissionDenied
    event = get_object_or_404(Event, pk=as_id(request.POST.get("event")) or 0)
    request.session["event_id"] = event.pk
    return redirect("logistics:dashboard")
