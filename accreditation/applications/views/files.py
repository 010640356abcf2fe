"""An application's uploads, served to the staff that the table of stored files names
(accreditation/stored_files.py: the photo also to the gates' operators, whose scanner shows
it beside the answer; the copy of the ID document to security vetting alone), and in no
other way: MEDIA_ROOT has no URL."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from accreditation.applications.models.applications import Application
from accreditation.stored_files import ROUTE
from logistics.core import stored_files
from logistics.core.views.files import stored_file_response


@require_GET
@login_required
def application_file(request, pk, kind):
    row = stored_files.kind_for_route(ROUTE, kind)
    if row is None:
        raise Http404
    if not row.may_open(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application.objects.only("pk", "reference", row.field),
                                    pk=pk)
    return stored_file_response(getattr(application, row.field),
                                stem=f"{kind.replace('_', '-')}-{application.reference}",
                                inline=row.content == stored_files.PHOTO)
