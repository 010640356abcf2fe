"""Applications the accreditation office enters itself: one by one on a form, or many from a
spreadsheet (all rows or none)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from accreditation.applications.forms_office import ApplicationEntryForm, ApplicationImportForm
from accreditation.applications.services import imports
from accreditation.applications.services.applications import application_create
from accreditation.enums import ApplicationSource, ApplicationStatus
from accreditation.permissions import can_manage_accreditation
from accreditation.setup.models import AccreditationCategory
from logistics.core import spreadsheet_files
from logistics.core.ids import as_id
from logistics.core.views.common import staff_view
from logistics.core.views.refusals import form_status, service_call

office = staff_view(can_manage_accreditation)
HELD_SHOWN = 20  # held rows named one by one after an import; the rest are counted
TEMPLATE_FORMATS = {"xlsx": spreadsheet_files.XLSX_CONTENT_TYPE, "csv": "text/csv; charset=utf-8"}


# Personal data: kept out of error reports (POST values, and every local variable of
# this view and what it calls).
@sensitive_post_parameters()
@sensitive_variables()
@require_http_methods(["GET", "POST"])
@office
def application_add(request, event):
    """First the category (a choice of links), then the form with that category's fields."""
    categories = AccreditationCategory.objects.filter(event=event).order_by("code")
    category_id = as_id(request.GET.get("category"))
    category = categories.filter(pk=category_id).first() if category_id else None
    if category is None:
        return render(request, "accreditation/office/entry_category.html",
                      {"event": event, "categories": categories})
    if request.method == "POST":
        form = ApplicationEntryForm(request.POST, request.FILES, event=event,
                                    category=category)
        if form.is_valid():
            with service_call(form=form):
                application = application_create(
                    event=event, category=category, source=ApplicationSource.STAFF,
                    by=request.user, delegation=form.cleaned_data.get("delegation"),
                    **form.application_fields())
                messages.success(request, _("%(reference)s entered for %(name)s.")
                                 % {"reference": application.reference,
                                    "name": application.full_name})
                if application.status == ApplicationStatus.POSSIBLE_DUPLICATE:
                    messages.warning(request, _held_text(application.reference,
                                                         application.duplicate_of))
                return redirect("accreditation:application_detail", pk=application.pk)
    else:
        form = ApplicationEntryForm(event=event, category=category)
    return render(request, "accreditation/office/entry_form.html",
                  {"event": event, "category": category, "form": form},
                  status=form_status(request, form))


@sensitive_post_parameters()
@sensitive_variables()
@require_http_methods(["GET", "POST"])
@office
def application_import(request, event):
    errors = []
    form = (ApplicationImportForm(request.POST, request.FILES) if request.method == "POST"
            else ApplicationImportForm())
    if form.is_bound and form.is_valid():
        with service_call() as call:
            result = imports.applications_import(event=event, by=request.user,
                                                 data=form.cleaned_data["file"].read())
            messages.success(request, _("%(count)s applications imported.")
                             % {"count": result.created})
            for reference, other in result.held[:HELD_SHOWN]:
                messages.warning(request, _held_text(reference, other))
            if len(result.held) > HELD_SHOWN:
                messages.warning(request, _("%(count)s more are held as possible duplicates: "
                                            "filter the list by that status.")
                                 % {"count": len(result.held) - HELD_SHOWN})
            return redirect("accreditation:application_list")
        errors = call.lines
    return render(request, "accreditation/office/import.html", {
        "event": event, "form": form, "errors": errors, "columns": imports.COLUMNS,
        "max_rows": imports.MAX_ROWS,
    }, status=400 if form.is_bound else 200)


def _held_text(reference, other):
    """The office is told which application a held one may duplicate, never why: only
    security vetting reads that."""
    other = getattr(other, "reference", other)
    if not other:
        return _("%(reference)s is held as a possible duplicate of another live application.") \
            % {"reference": reference}
    return _("%(reference)s is held as a possible duplicate of %(other)s.") \
        % {"reference": reference, "other": other}


@require_GET
@office
def application_import_template(request, event):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    rows = imports.template_rows()
    body = (spreadsheet_files.write_xlsx(rows, title=_("Applications")) if fmt == "xlsx"
            else spreadsheet_files.write_csv(rows))
    response = HttpResponse(body, content_type=TEMPLATE_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, f"applications-import.{fmt}")
    return response
