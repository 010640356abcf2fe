from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from logistics import queries

from .common import paginate, plan_reader, query_without_page

AGENCY_LIST_ROWS = 100


@plan_reader
def agency_list(request, event):
    agencies = queries.agencies(event).order_by("code")
    if q := request.GET.get("q", "").strip():
        agencies = agencies.filter(name__icontains=q) | agencies.filter(code__icontains=q)
    return render(request, "logistics/agency_list.html", {
        "event": event, "page": paginate(request, agencies), "q": q,
        "query": query_without_page(request),
    })


@plan_reader
def agency_detail(request, event, pk):
    """What an agency leads, what it coordinates and what of that is late. Each list shows
    its first rows; the task list, filtered, has the rest."""
    agency = get_object_or_404(queries.agencies(event).prefetch_related("focal_points"), pk=pk)
    today = event.today()
    # The short lists show no coordinating agencies: skip that prefetch.
    tasks = queries.tasks(event, today=today).prefetch_related(None).order_by("due_date", "code")
    late = tasks.filter(queries.overdue_q(today)).filter(
        Q(lead_agency=agency) | Q(coordinating_agencies=agency)).distinct()
    return render(request, "logistics/agency_detail.html", {
        "event": event, "agency": agency, "today": today, "limit": AGENCY_LIST_ROWS,
        "leads": tasks.filter(lead_agency=agency)[:AGENCY_LIST_ROWS],
        "coordinates": tasks.filter(coordinating_agencies=agency)[:AGENCY_LIST_ROWS],
        "late": late[:AGENCY_LIST_ROWS],
        "late_count": late.count(),
        "units": agency.units.order_by("code"),
    })
