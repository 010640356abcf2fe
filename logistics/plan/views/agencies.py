"""Agencies and committees: every plan role reads them; the secretariat adds and edits them
through the same services as the admin and the API. Neither has a cancelled state, nor is
either deleted here: tasks hold on to their agencies and committees (and their history
names them), so an agency leaves the plan by handing its tasks to another."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from logistics.core.models.event import Agency, Committee
from logistics.core.views.common import paginate, plan_manager, plan_reader, query_without_page
from logistics.core.views.refusals import form_status, service_call
from logistics.plan.forms import AgencyForm, CommitteeForm
from logistics.plan.queries import master_plan
from logistics.plan.services import frame as plan_services

AGENCY_LIST_ROWS = 100


@plan_reader
def agency_list(request, event):
    agencies = master_plan.agencies(event).order_by("code")
    if q := request.GET.get("q", "").strip():
        agencies = agencies.filter(name__icontains=q) | agencies.filter(code__icontains=q)
    return render(request, "logistics/plan/agency_list.html", {
        "event": event, "page": paginate(request, agencies), "q": q,
        "query": query_without_page(request),
    })


@plan_reader
def agency_detail(request, event, pk):
    """What an agency leads, what it coordinates and what of that is late. Each list shows
    its first rows; the task list, filtered, has the rest."""
    today = event.today()
    agency = get_object_or_404(master_plan.agencies(event).prefetch_related("focal_points"),
                               pk=pk)
    master_plan.with_lateness([agency], today)
    # The short lists show no coordinating agencies: skip that prefetch.
    tasks = (master_plan.tasks(event, today=today).prefetch_related(None)
             .order_by("due_date", "code"))
    late = tasks.filter(master_plan.overdue_q(today)).filter(
        Q(lead_agency=agency) | Q(coordinating_agencies=agency)).distinct()
    return render(request, "logistics/plan/agency_detail.html", {
        "event": event, "agency": agency, "today": today, "limit": AGENCY_LIST_ROWS,
        "leads": tasks.filter(lead_agency=agency)[:AGENCY_LIST_ROWS],
        "coordinates": tasks.filter(coordinating_agencies=agency)[:AGENCY_LIST_ROWS],
        "late": late[:AGENCY_LIST_ROWS],
        "units": agency.units.order_by("code"),
    })


def _form_page(request, event, template, form, **context):
    return render(request, template, {"event": event, "form": form, **context},
                  status=form_status(request, form))


@plan_manager
def agency_new(request, event):
    form = AgencyForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            agency = plan_services.agency_create(event=event, by=request.user,
                                                 **form.service_fields())
            messages.success(request, _("%(code)s added.") % {"code": agency.code})
            return redirect("logistics:agency_detail", pk=agency.pk)
    return _form_page(request, event, "logistics/plan/agency_form.html", form=form)


@plan_manager
def agency_edit(request, event, pk):
    agency = get_object_or_404(Agency.objects.filter(event=event)
                               .prefetch_related("focal_points"), pk=pk)
    form = AgencyForm(request.POST or None, event=event, agency=agency,
                      initial=AgencyForm.initial_for(agency))
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            plan_services.agency_update(agency=agency, by=request.user, **form.changed_fields())
            messages.success(request, _("%(code)s saved.") % {"code": agency.code})
            return redirect("logistics:agency_detail", pk=agency.pk)
    return _form_page(request, event, "logistics/plan/agency_form.html", form=form,
                      agency=agency)


@plan_reader
def committee_list(request, event):
    return render(request, "logistics/plan/committee_list.html", {
        "event": event, "page": paginate(request, master_plan.committees(event)),
        "query": query_without_page(request),
    })


@plan_manager
def committee_new(request, event):
    form = CommitteeForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            committee = plan_services.committee_create(event=event, by=request.user,
                                                       **form.service_fields())
            messages.success(request, _("%(code)s added.") % {"code": committee.code})
            return redirect("logistics:committee_list")
    return _form_page(request, event, "logistics/plan/committee_form.html", form=form)


@plan_manager
def committee_edit(request, event, pk):
    committee = get_object_or_404(Committee.objects.filter(event=event)
                                  .prefetch_related("member_agencies"), pk=pk)
    form = CommitteeForm(request.POST or None, event=event,
                         initial=CommitteeForm.initial_for(committee))
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            plan_services.committee_update(committee=committee, by=request.user,
                                           **form.changed_fields())
            messages.success(request, _("%(code)s saved.") % {"code": committee.code})
            return redirect("logistics:committee_list")
    return _form_page(request, event, "logistics/plan/committee_form.html", form=form,
                      committee=committee)
