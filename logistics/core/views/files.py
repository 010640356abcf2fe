"""Uploads (members' photos, credentials, full powers) served to the roles that the table of
stored files (logistics.core.stored_files) names, and in no other way: MEDIA_ROOT is not served
by any URL."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from logistics.core import stored_files
from logistics.core.uploads import JPEG, PDF, PNG, content_type_of

# Only photos are shown in the page, and only when they are images; every document is
# downloaded, a JPEG press card as much as a PDF: a browser's viewer runs on our origin, and
# the sandbox below keeps Chromium from showing a PDF anyway.
INLINE_TYPES = (JPEG, PNG)
EXTENSIONS = {JPEG: "jpg", PNG: "png", PDF: "pdf"}


@require_GET
@login_required
def upload(request, kind, pk):
    row = stored_files.kind_for_route("logistics:upload", kind)
    if row is None:
        raise Http404
    if not row.may_open(request.user):
        raise PermissionDenied
    instance = get_object_or_404(row.model_class.objects.only("pk", row.field), pk=pk)
    return stored_file_response(getattr(instance, row.field), stem=f"{kind}-{pk}",
                                inline=row.content == stored_files.PHOTO)


def stored_file_response(stored, *, stem, inline=False):
    """A stored file as a response that a browser cannot turn against us: the type from
    the extension we gave the file after checking its content (never sniffed), shown in the
    page only when `inline` (photos) and it is an image, downloaded otherwise, and no copy
    in any cache. 404 when there is no file. Every file view serves through this."""
    if not stored:
        raise Http404
    try:
        handle = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = content_type_of(stored.name)
    # The name shown to the browser is ours, never the sender's: no quotes, no path.
    filename = f"{stem}.{EXTENSIONS.get(content_type, 'bin')}"
    response = FileResponse(handle, content_type=content_type,
                            as_attachment=not (inline and content_type in INLINE_TYPES),
                            filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Whatever a file holds, opened on our origin it runs sandboxed: no script, no form
    # acting with the viewer's session.
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
