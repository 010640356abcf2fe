from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from logistics.core import permissions
from logistics.core.queries import event as event_queries
from logistics.core.views.common import plan_reader
from logistics.core.views.refusals import service_call
from logistics.plan.forms import PlanImportForm
from logistics.plan.services import plan_io


@require_http_methods(["GET", "POST"])
@login_required
def plan_import(request):
    if not permissions.can_manage_plan(request.user):
        raise PermissionDenied
    event = event_queries.current_event(request.session.get("event_id"))
    if event is None:
        return render(request, "logistics/core/no_event.html")
    errors = []
    if request.method == "GET":
        form = PlanImportForm()
    else:
        form = PlanImportForm(request.POST, request.FILES)
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        with service_call() as call:
            result = plan_io.plan_import(event=event, by=request.user, data=upload.read(),
                                         filename=upload.name)
            messages.success(request, _("Imported: %(created)s created, %(updated)s updated.")
                             % {"created": result.created, "updated": result.updated})
            return redirect("logistics:task_list")
        errors = call.lines
    # A file sent back with its errors is a 400, as the other imports answer.
    return render(request, "logistics/plan/plan_import.html",
                  {"event": event, "form": form, "errors": errors},
                  status=400 if form.is_bound else 200)


@plan_reader
def plan_export(request, event, fmt):
    if fmt not in plan_io.EXPORT_FORMATS:
        raise Http404
    response = HttpResponse(plan_io.plan_export(event=event, fmt=fmt),
                            content_type=plan_io.EXPORT_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, plan_io.plan_export_filename(event, fmt))
    return response
