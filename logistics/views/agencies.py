from django.shortcuts import get_object_or_404, render

from logistics import queries

from .common import paginate, plan_reader, query_without_page


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
    agency = get_object_or_404(queries.agencies(event).prefetch_related("focal_points"), pk=pk)
    today = event.today()
    tasks = queries.tasks(event, today=today)
    leads = list(tasks.filter(lead_agency=agency).order_by("due_date", "code"))
    coordinates = list(tasks.filter(coordinating_agencies=agency).order_by("due_date", "code"))
    late = [t for t in leads if t.is_overdue] + [t for t in coordinates if t.is_overdue]
    return render(request, "logistics/agency_detail.html", {
        "event": event, "agency": agency, "today": today,
        "leads": leads, "coordinates": coordinates,
        "late": sorted(late, key=lambda t: (t.due_date, t.code)),
        "units": agency.units.order_by("code"),
    })
