"""A decision over many applications: the queue's bulk bar sends the choice (the ticked
applications, the page shown, or all that match the filters), a confirmation page names the
action and the count, and the confirmed job runs in Celery while its page shows progress
(polled by htmx) and, once done, each refusal. For the accreditation office only."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accreditation.applications.forms_review import (
    ApplicationFilter,
    BulkChoiceForm,
    BulkConfirmForm,
)
from accreditation.applications.queries import review as queries
from accreditation.applications.services import bulk_decisions as services
from accreditation.applications.views.review import office
from accreditation.enums import BulkAction, BulkStatus
from logistics.core.views.common import PAGE_SIZE, form_errors_text, paginate
from logistics.core.views.refusals import service_call

REFUSALS_PER_PAGE = 100


def _chosen(event, data):
    """(ids, described) of the applications the bulk bar chose; the filters read as the
    queue read them, so "this page" and "all that match" are what the officer saw."""
    scope = data["scope"]
    if scope == "ticked":
        ids = sorted(application.pk for application in data["applications"])
        return ids, ngettext("%(count)s ticked application", "%(count)s ticked applications",
                             len(ids)) % {"count": len(ids)}
    params = QueryDict(data["query"])
    filterset = ApplicationFilter(params, queryset=queries.queue(event), event=event)
    matching = filterset.qs.select_related(None).only("pk")
    described = filterset.described()
    if scope == "page":
        page = Paginator(matching, PAGE_SIZE).get_page(params.get("page"))
        ids = [application.pk for application in page.object_list]
        return ids, _("Page %(number)s of: %(filters)s") % {"number": page.number,
                                                            "filters": described}
    return list(matching.values_list("pk", flat=True)), described


def _back(data):
    url = reverse("accreditation:application_list")
    query = data.get("query") if data else ""
    return f"{url}?{query}" if query else url


def _confirm(request, event, form, data, ids, described, *, changed=False):
    """The confirmation page: the action, the count and what was chosen, in one form that
    carries the choice again (the ticked ids, or the filters to read again)."""
    return render(request, "accreditation/review/bulk_confirm.html", {
        "event": event, "form": form, "count": len(ids), "described": described,
        "action": BulkAction(data["action"]), "changed": changed,
        "ids": ids if data["scope"] == "ticked" else [], "back": _back(data)})


def _fresh(data, count, event):
    return BulkConfirmForm(initial={
        "action": data["action"], "scope": data["scope"], "query": data["query"],
        "reason": data.get("reason", ""), "key": uuid.uuid4(), "expected": count},
        event=event)


@require_POST
@office
def application_bulk(request, event):
    """First the confirmation page (no `key` yet); then, confirmed, the job. If the
    selection changed in between (new applications match), the officer is asked again with
    the new count."""
    confirming = "key" in request.POST
    form = (BulkConfirmForm if confirming else BulkChoiceForm)(request.POST, event=event)
    if not form.is_valid():
        if confirming and set(form.errors) <= {"reason"}:
            ids, described = _chosen(event, form.cleaned_data)
            return _confirm(request, event, form, form.cleaned_data, ids, described)
        messages.error(request, form_errors_text(form))
        return redirect(_back(request.POST))
    data = form.cleaned_data
    ids, described = _chosen(event, data)
    if not ids:
        messages.error(request, _("No application matches these filters."))
        return redirect(_back(data))
    if not confirming:
        return _confirm(request, event, _fresh(data, len(ids), event), data, ids, described)
    if data["expected"] != len(ids):
        return _confirm(request, event, _fresh(data, len(ids), event), data, ids, described,
                        changed=True)
    with service_call(request):
        job = services.bulk_decision_start(event=event, by=request.user, action=data["action"],
                                           ids=ids, key=data["key"], reason=data["reason"],
                                           described=described, query=data["query"])
        return redirect("accreditation:bulk_decision_detail", pk=job.pk)
    return redirect(_back(data))


def _job_context(request, event, pk):
    job = get_object_or_404(queries.bulk_decisions(event), pk=pk)
    running = job.status != BulkStatus.DONE
    return {"event": event, "job": job, "running": running,
            "refusals": None if running else paginate(request, queries.refusals(job),
                                                      per_page=REFUSALS_PER_PAGE)}


@office
def bulk_decision_detail(request, event, pk):
    return render(request, "accreditation/review/bulk_decision.html",
                  _job_context(request, event, pk))


@office
def bulk_decision_progress(request, event, pk):
    """The job page's progress, which htmx polls while the job runs."""
    return render(request, "accreditation/review/_bulk_progress.html",
                  _job_context(request, event, pk))
