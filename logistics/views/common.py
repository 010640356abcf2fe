"""What every staff page needs: who may read the plan, and which event is open."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from logistics import permissions, queries
from logistics.models import Event
from logistics.validators import as_id

PAGE_SIZE = 50


def plan_reader(view):
    """Login required, then any plan role; the open event is passed to the view."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.can_view_plan(request.user):
            raise PermissionDenied
        event = queries.current_event(request.session.get("event_id"))
        if event is None:
            return render(request, "logistics/no_event.html", status=200)
        return view(request, event, *args, **kwargs)

    return wrapped


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request):
    """The current query string minus `page`, for pagination links that keep the filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_POST
@login_required
def choose_event(request):
    """Switch the event the pages show; remembered for the session."""
    if not permissions.can_view_plan(request.user):
        raise PermissionDenied
    event = get_object_or_404(Event, pk=as_id(request.POST.get("event")) or 0)
    request.session["event_id"] = event.pk
    return redirect("logistics:dashboard")
