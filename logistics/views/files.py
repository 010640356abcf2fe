"""Uploads (members' photos, credentials, full powers) served to the roles that may see
personal data, and in no other way: MEDIA_ROOT is not served by any URL."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from logistics import permissions
from logistics.models import Delegation, DelegationMember, Signing
from logistics.uploads import JPEG, PDF, PNG, content_type_of

# kind in the URL: (model, file field, name of the file as downloaded)
KINDS = {
    "photo": (DelegationMember, "photo", "photo"),
    "credentials": (Delegation, "credentials_document", "credentials"),
    "full-powers": (Signing, "full_powers_document", "full-powers"),
}
# Only photos are shown in the page; a PDF is downloaded: a browser's PDF viewer runs on our
# origin, and the sandbox below keeps Chromium from showing it anyway.
INLINE_TYPES = (JPEG, PNG)
EXTENSIONS = {JPEG: "jpg", PNG: "png", PDF: "pdf"}


@require_GET
@login_required
def upload(request, kind, pk):
    if kind not in KINDS:
        raise Http404
    if not permissions.can_see_personal_data(request.user):
        raise PermissionDenied
    model, field, stem = KINDS[kind]
    return stored_file_response(getattr(get_object_or_404(model, pk=pk), field),
                                stem=f"{stem}-{pk}")


def stored_file_response(stored, *, stem):
    """A stored upload as a response that a browser cannot turn against us: the type from
    the extension we gave the file after checking its content (never sniffed), images shown
    and everything else downloaded, and no copy in any cache. 404 when there is no file.
    Every upload view serves through this."""
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
                            as_attachment=content_type not in INLINE_TYPES, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Whatever a file holds, opened on our origin it runs sandboxed: no script, no form
    # acting with the viewer's session.
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
