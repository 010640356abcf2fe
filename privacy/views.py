"""The personal data export page: find a person, see what is held, download it as a ZIP.
Searches are POSTed so that no e-mail address or name lands in an access log."""

import io
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from accreditation.applications.queries.public import status_seen
from logistics.core.views.refusals import service_call
from privacy import permissions, queries
from privacy.forms import PersonSearchForm
from privacy.services.export import personal_data_export
from privacy.services.records import mask


def _exporter(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.can_export_personal_data(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@_exporter
def export_search(request):
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    found = None
    if form.is_valid():
        found = queries.find_person(form.search(),
                                    scope=permissions.export_scope(request.user))
    clear_ids = permissions.reads_id_numbers(request.user)
    return _private(render(request, "privacy/export.html", {
        "form": form, "found": found,
        "scope": sorted(permissions.export_scope(request.user)),
        "clear_ids": clear_ids,
        # Each application as the export will show it: its status as its sender sees it.
        "applications": [(a, a.id_document_number if clear_ids else mask(a.id_document_number),
                          status_seen(a)[1])
                         for a in (found.applications if found else [])],
    }))


@require_POST
@_exporter
def export_download(request):
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        return _private(render(request, "privacy/export.html", {"form": form}, status=400))
    buffer = io.BytesIO()
    with service_call() as call:
        personal_data_export(search=form.search(), by=request.user, output=buffer)
    if call.refused:
        return _private(render(request, "privacy/export.html", {
            "form": form, "found": None, "error": call.message}, status=call.status))
    name = f"personal-data-{timezone.localdate():%Y%m%d}.zip"
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return _private(response)
