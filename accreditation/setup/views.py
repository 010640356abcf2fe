"""The accreditation office's set-up pages: categories, access zones, media outlets and the
quotas of organisations. Only the office (and the secretariat) sees and changes them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accreditation.permissions import can_manage_accreditation
from accreditation.setup import queries
from accreditation.setup.forms import CategoryForm, OutletForm, QuotaForm, ZoneForm
from accreditation.setup.models import AccreditationCategory, MediaOutlet, OrganisationQuota, Zone
from accreditation.setup.services import office as setup
from accreditation.setup.services.categories import categories_install_defaults
from logistics.core.ids import as_id
from logistics.core.views.common import paginate, query_without_page, staff_view
from logistics.core.views.refusals import form_status, row_errors, service_call

office = staff_view(can_manage_accreditation)
OUTLETS_PER_PAGE = 25
QUOTAS_PER_PAGE = 25
QUOTAS_PAGE = "quotas_page"  # the outlets have `page`


@require_http_methods(["GET", "POST"])
@office
def setup_page(request, event):
    """Everything the office sets up, on one page; a POST installs the default zones and
    categories."""
    if request.method == "POST":
        with service_call(request):
            zones, categories = categories_install_defaults(event=event, by=request.user)
            if zones or categories:
                messages.success(request, _("Added %(zones)s zones and %(categories)s "
                                            "categories.")
                                 % {"zones": zones, "categories": categories})
            else:
                messages.info(request, _("Every default zone and category is already there."))
        return redirect("accreditation:setup")
    text = request.GET.get("q", "")
    outlets = paginate(request, queries.outlets(event, text), per_page=OUTLETS_PER_PAGE)
    outlets.object_list = queries.with_decision_counts(outlets.object_list, "outlet_id")
    quotas = paginate(request, queries.organisation_quotas(event), per_page=QUOTAS_PER_PAGE,
                      param=QUOTAS_PAGE)
    errors = row_errors(request, "quota", [quota.pk for quota in quotas])
    for quota in quotas:
        quota.errors = errors.get(quota.pk, [])
    return render(request, "accreditation/office/setup.html", {
        "event": event,
        "categories": queries.categories(event),
        "zones": queries.zones(event),
        "outlets": outlets,
        "q": text,
        "query": query_without_page(request),
        "quotas": quotas,
        "quotas_param": QUOTAS_PAGE,
        "quotas_query": query_without_page(request, QUOTAS_PAGE),
    })


def _edit(request, *, form, template, context, save, success):
    """The common shape of an edit page: on a valid POST call `save(data)` (a service);
    its refusal goes on the form."""
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            messages.success(request, success(save(form.cleaned_data)))
            return redirect("accreditation:setup")
    return render(request, template, {**context, "form": form},
                  status=form_status(request, form))


@require_http_methods(["GET", "POST"])
@office
def category_edit(request, event, pk):
    category = get_object_or_404(AccreditationCategory.objects.filter(event=event), pk=pk)
    form = (CategoryForm(request.POST, event=event) if request.method == "POST"
            else CategoryForm(initial=CategoryForm.initial_for(category), event=event))
    return _edit(
        request, form=form, template="accreditation/office/category_form.html",
        context={"event": event, "category": category},
        save=lambda data: setup.category_update(category=category, by=request.user, **data),
        success=lambda obj: _("Category %(category)s saved.") % {"category": obj})


@require_http_methods(["GET", "POST"])
@office
def zone_add(request, event):
    form = ZoneForm(request.POST if request.method == "POST" else None)
    return _edit(
        request, form=form, template="accreditation/office/zone_form.html",
        context={"event": event, "zone": None},
        save=lambda data: setup.zone_create(event=event, by=request.user, **data),
        success=lambda obj: _("Zone %(zone)s added.") % {"zone": obj})


@require_http_methods(["GET", "POST"])
@office
def zone_edit(request, event, pk):
    zone = get_object_or_404(Zone.objects.filter(event=event), pk=pk)
    if request.method == "POST" and "delete" in request.POST:
        with service_call(request):
            setup.zone_delete(zone=zone, by=request.user)
            messages.success(request, _("Zone %(zone)s deleted.") % {"zone": zone})
            return redirect("accreditation:setup")
        return redirect("accreditation:zone_edit", pk=zone.pk)
    form = (ZoneForm(request.POST) if request.method == "POST"
            else ZoneForm(initial={"code": zone.code, "name": zone.name}))
    return _edit(
        request, form=form, template="accreditation/office/zone_form.html",
        context={"event": event, "zone": zone},
        save=lambda data: setup.zone_update(zone=zone, by=request.user, **data),
        success=lambda obj: _("Zone %(zone)s saved.") % {"zone": obj})


@require_http_methods(["GET", "POST"])
@office
def outlet_add(request, event):
    form = OutletForm(request.POST if request.method == "POST" else None)
    return _edit(
        request, form=form, template="accreditation/office/outlet_form.html",
        context={"event": event, "outlet": None},
        save=lambda data: setup.outlet_create(event=event, by=request.user, **data),
        success=lambda obj: _("Outlet %(outlet)s added.") % {"outlet": obj})


@require_http_methods(["GET", "POST"])
@office
def outlet_edit(request, event, pk):
    outlet = get_object_or_404(MediaOutlet.objects.filter(event=event), pk=pk)
    form = (OutletForm(request.POST) if request.method == "POST"
            else OutletForm(initial=OutletForm.initial_for(outlet)))
    return _edit(
        request, form=form, template="accreditation/office/outlet_form.html",
        context={"event": event, "outlet": outlet},
        save=lambda data: setup.outlet_update(outlet=outlet, by=request.user, **data),
        success=lambda obj: _("Outlet %(outlet)s saved.") % {"outlet": obj})


@require_http_methods(["GET", "POST"])
@office
def quota_add(request, event):
    form = (QuotaForm(request.POST, event=event) if request.method == "POST"
            else QuotaForm(event=event, initial={"category": as_id(request.GET.get("category"))}))
    return _edit(
        request, form=form, template="accreditation/office/quota_form.html",
        context={"event": event},
        save=lambda data: setup.organisation_quota_create(by=request.user, **data),
        success=lambda obj: _("Quota of %(organisation)s for %(category)s: %(quota)s.")
        % {"organisation": obj.organisation, "category": obj.category.name,
           "quota": obj.quota})


@require_POST
@office
def quota_delete(request, event, pk):
    quota = get_object_or_404(OrganisationQuota.objects.filter(category__event=event), pk=pk)
    with service_call(request, row=("quota", quota.pk)):
        setup.organisation_quota_delete(quota=quota, by=request.user)
        messages.success(request, _("The quota of %(organisation)s is deleted.")
                         % {"organisation": quota.organisation})
        return redirect("accreditation:setup")
    return redirect(f"{reverse('accreditation:setup')}#quota-{quota.pk}")
