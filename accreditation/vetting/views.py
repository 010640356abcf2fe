"""Security vetting pages: the queue (the one page that shows ID document numbers), the
decisions, and the batch files exchanged with the security services. Vetting officers
only: not the secretariat, and not a superuser unless someone put them in the group."""

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from accreditation.applications.models.applications import Application
from accreditation.applications.services.duplicates import duplicate_reasons
from accreditation.permissions import can_vet
from accreditation.vetting import queries
from accreditation.vetting.forms import VetForm, VettingFilterForm, VettingImportForm
from accreditation.vetting.services import vetting_io
from accreditation.vetting.services.decisions import application_vet
from logistics.core.ids import as_id
from logistics.core.views.common import form_errors_text, paginate, query_without_page, staff_view
from logistics.core.views.refusals import row_error, row_errors, service_call

vetter = staff_view(can_vet)
# Errors listed on the import page at most; the rest are counted.
ERRORS_SHOWN = 200


def _private(response):
    """Pages and files with ID numbers stay out of every cache, the browser's included."""
    response["Cache-Control"] = "private, no-store"
    return response


def _back_to_queue(request, application=None):
    """To the queue, with the filters the officer came from (re-encoded, never echoed), at
    the applicant's row when there is one."""
    query = QueryDict(request.POST.get("query", ""))
    url = reverse("accreditation:vetting_queue")
    url = f"{url}?{query.urlencode()}" if query else url
    return redirect(f"{url}#vetting-{application.pk}" if application is not None else url)


def _photo_url(application):
    """The applicant's photo, served by the office's file view (the same checks as every
    upload), or None when there is none."""
    if not application.photo:
        return None
    return reverse("accreditation:application_file",
                   kwargs={"pk": application.pk, "kind": "photo"})


def _row(application):
    """One applicant of the queue; a held one with the application it may duplicate and why
    (security vetting is the one reader told why)."""
    other = application.duplicate_of
    return {"application": application, "photo_url": _photo_url(application),
            "duplicate_of": other,
            "duplicate_reasons": duplicate_reasons(application, other) if other else []}


@vetter
def vetting_queue(request, event):
    form = VettingFilterForm(request.GET, event=event)
    filters = form.filters()
    page = paginate(request, queries.vetting_queue(event, **filters))
    errors = row_errors(request, "vetting", [application.pk for application in page])
    return _private(render(request, "accreditation/vetting/queue.html", {
        "event": event,
        "form": form,
        "filters": filters,
        "page": page,
        "rows": [{**_row(application), "errors": errors.get(application.pk, [])}
                 for application in page],
        "counts": queries.vetting_counts(event),
        "query": query_without_page(request),
        "filter_query": request.GET.urlencode(),
        "export_cap": vetting_io.MAX_ROWS,
    }))


# Personal data: kept out of error reports (POST values, and every local variable of
# this view and what it calls).
@sensitive_post_parameters()
@sensitive_variables()
@require_POST
@vetter
def vetting_decide(request, event, pk):
    application = get_object_or_404(Application, event=event, pk=pk)
    form = VetForm(request.POST)
    if not form.is_valid():
        row_error(request, "vetting", application.pk, _("%(reference)s: %(errors)s")
                  % {"reference": application.reference, "errors": form_errors_text(form)})
        return _back_to_queue(request, application)
    cleared = form.cleaned_data["decision"] == "clear"
    with service_call(request, row=("vetting", application.pk), reference=application.reference):
        application_vet(application=application, by=request.user, cleared=cleared,
                        note=form.cleaned_data["note"], reason=form.cleaned_data["reason"])
        text = (_("%(reference)s (%(name)s) is cleared.") if cleared
                else _("%(reference)s (%(name)s) is flagged."))
        messages.success(request, text % {"reference": application.reference,
                                          "name": application.full_name})
    return _back_to_queue(request, application)


@require_POST
@vetter
def vetting_bulk_clear(request, event):
    ids = {pk for pk in map(as_id, request.POST.getlist("ids")) if pk is not None}
    if not ids:
        messages.error(request, _("Tick the applicants to clear first."))
        return _back_to_queue(request)
    cleared, refused = 0, 0
    for application in queries.vetting_applications(event).filter(pk__in=ids).order_by("pk"):
        with service_call(request, row=("vetting", application.pk),
                          reference=application.reference) as call:
            application_vet(application=application, by=request.user, cleared=True)
        if call.refused:
            refused += 1
        else:
            cleared += 1
    if cleared:
        messages.success(request, ngettext("%(count)s applicant cleared.",
                                           "%(count)s applicants cleared.", cleared)
                         % {"count": cleared})
    if refused:
        messages.error(request, ngettext(
            "%(count)s applicant was not cleared: the reason is in the row.",
            "%(count)s applicants were not cleared: the reasons are in their rows.",
            refused) % {"count": refused})
    return _back_to_queue(request)


@vetter
def vetting_export(request, event):
    form = VettingFilterForm(request.GET, event=event)
    rows = queries.vetting_queue(event, **form.filters())
    response = HttpResponse(vetting_io.vetting_export(applications=rows, by=request.user),
                            content_type=vetting_io.CONTENT_TYPE)
    stamp = timezone.localtime(timezone.now(), event.tz).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = content_disposition_header(
        True, f"vetting-{event.slug}-{stamp}.csv")
    return _private(response)


@sensitive_post_parameters()
@sensitive_variables()
@require_http_methods(["GET", "POST"])
@vetter
def vetting_import(request, event):
    errors, more = [], 0
    form = VettingImportForm(request.POST, request.FILES) if request.method == "POST" \
        else VettingImportForm()
    if form.is_bound and form.is_valid():
        with service_call() as call:
            result = vetting_io.vetting_import(event=event, by=request.user,
                                               data=form.cleaned_data["file"].read())
            messages.success(request, _("Results imported: %(cleared)s cleared, %(flagged)s "
                                        "flagged, %(unchanged)s unchanged.")
                             % {"cleared": result.cleared, "flagged": result.flagged,
                                "unchanged": result.unchanged})
            return redirect("accreditation:vetting_queue")
        errors = call.lines
        errors, more = errors[:ERRORS_SHOWN], max(0, len(errors) - ERRORS_SHOWN)
    status = 400 if form.is_bound and (errors or form.errors) else 200
    return render(request, "accreditation/vetting/import.html", {
        "event": event, "form": form, "errors": errors, "more": more,
        "columns": vetting_io.EXPORT_COLUMNS,
    }, status=status)
