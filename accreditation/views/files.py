"""An application's uploads, served to the staff who may see them and in no other way:
MEDIA_ROOT has no URL. The photo also goes to the gates' operators, whose scanner shows it
beside the answer."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from accreditation.models import Application
from accreditation.permissions import can_scan, can_vet, can_view_accreditation
from logistics.uploads import JPEG, PDF, PNG, content_type_of

KINDS = ("photo", "letter_of_assignment", "press_card", "id_copy")
INLINE_TYPES = (JPEG, PNG, PDF)
EXTENSIONS = {JPEG: "jpg", PNG: "png", PDF: "pdf"}


def may_see(user, kind):
    # The ID copy shows the document number: security vetting's alone, like the number.
    if kind == "id_copy":
        return can_vet(user)
    return can_view_accreditation(user) or (kind == "photo" and can_scan(user))


def stored_file_response(stored, *, stem):
    """A stored upload as a response that a browser cannot turn against us: the type from
    the extension we gave the file (never sniffed), anything else downloaded as bytes, a
    sandbox for what is shown inline, and no copy in any cache. 404 when there is no file."""
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
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def application_file(request, pk, kind):
    if kind not in KINDS:
        raise Http404
    if not may_see(request.user, kind):
        raise PermissionDenied
    application = get_object_or_404(Application.objects.only("pk", "reference", kind), pk=pk)
    return stored_file_response(getattr(application, kind),
                                stem=f"{kind.replace('_', '-')}-{application.reference}")
