"""Badge batches: one PDF of many badges, made by a Celery job. The list asks for one (the
ticked badges or all that match its filters); a batch's page shows its progress, polled every
second while the job runs, then the file to download, and a button to confirm the badges
printed once they are off the printer."""

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accreditation.badges import queries as badge_queries
from accreditation.badges.forms import BadgeFilter, BatchForm
from accreditation.badges.services import batches as batch_services
from accreditation.badges.views.badges import badge_manager
from accreditation.enums import BatchStatus
from logistics.core.views.common import form_errors_text, paginate
from logistics.core.views.files import stored_file_response
from logistics.core.views.refusals import service_call

RUNNING = (BatchStatus.QUEUED, BatchStatus.RUNNING)


def _back_to_list(filters=""):
    url = reverse("accreditation:badge_list")
    return redirect(f"{url}?{filters}" if filters else url)


@require_POST
@badge_manager
def batch_create(request, event):
    form = BatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return _back_to_list(request.POST.get("filters", ""))
    filters = form.cleaned_data["filters"]
    if form.cleaned_data["scope"] == BatchForm.FILTERED:
        filterset = BadgeFilter(QueryDict(filters), queryset=badge_queries.badges(event),
                                event=event)
        if not filterset.is_valid():
            messages.error(request, _("The filters are not valid; correct them first."))
            return _back_to_list(filters)
        chosen = filterset.qs
    else:
        chosen = form.ids
    with service_call(request):
        batch = batch_services.batch_create(event=event, badges=chosen, by=request.user)
        return redirect("accreditation:batch_detail", pk=batch.pk)
    return _back_to_list(filters)


@badge_manager
def batch_list(request, event):
    return render(request, "accreditation/badges/batch_list.html", {
        "event": event,
        "page": paginate(request, badge_queries.batches(event)),
        "query": "",
    })


def _batch(event, pk):
    return get_object_or_404(badge_queries.batches(event), pk=pk)


@badge_manager
def batch_detail(request, event, pk):
    batch = _batch(event, pk)
    return render(request, "accreditation/badges/batch_detail.html", {
        "event": event, "batch": batch, "running": batch.status in RUNNING})


@require_GET
@badge_manager
def batch_progress(request, event, pk):
    """The progress bar alone, for htmx to swap in every second while the job runs."""
    batch = _batch(event, pk)
    return render(request, "accreditation/badges/_batch_progress.html", {
        "event": event, "batch": batch, "running": batch.status in RUNNING})


@require_GET
@badge_manager
def batch_download(request, event, pk):
    batch = _batch(event, pk)
    if batch.status != BatchStatus.DONE:
        raise Http404
    return stored_file_response(batch.file, stem=f"badges-{event.slug}-batch-{batch.pk}")


@require_POST
@badge_manager
def batch_confirm_printed(request, event, pk):
    batch = _batch(event, pk)
    with service_call(request):
        count = batch_services.batch_confirm_printed(batch=batch, by=request.user)
        messages.success(request, ngettext(
            "Batch %(number)s is confirmed printed: %(count)s badge counts as printed.",
            "Batch %(number)s is confirmed printed: %(count)s badges count as printed.",
            count) % {"number": batch.pk, "count": count})
    return redirect("accreditation:batch_detail", pk=batch.pk)
