"""An application's uploads, served to the staff who may see them and in no other way:
MEDIA_ROOT has no URL. The photo also goes to the gates' operators, whose scanner shows it
beside the answer."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from accreditation.models import Application
from accreditation.permissions import can_scan, can_vet, can_view_accreditation
from logistics.views.files import stored_file_response

KINDS = ("photo", "letter_of_assignment", "press_card", "id_copy")


def may_see(user, kind):
    # The ID copy shows the document number: security vetting's alone, like the number.
    if kind == "id_copy":
        return can_vet(user)
    return can_view_accreditation(user) or (kind == "photo" and can_scan(user))


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
