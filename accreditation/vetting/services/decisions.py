"""Security vetting's decisions on applicants: clear or flag, with a note of its own and a
reason the office reads.

The note is free text a vetting officer may write an ID number into: it is shown to vetting
officers only (their queue and the application's page), masked in the audit trail
(accreditation/audit.py), withheld from the export, the API and the webhooks. The reason is
what the accreditation office needs to decide, and every reader of the application sees it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation import permissions
from accreditation.applications.models.applications import Application
from accreditation.enums import ApplicationStatus, VettingStatus
from accreditation.errors import InvalidApplication
from logistics.core.errors import InvalidTransition
from logistics.core.permissions import require


@transaction.atomic
def application_vet(*, application, by, cleared, note="", reason=""):
    """Clear or flag the applicant; only vetting officers. A flag needs a reason. Approved
    applications can be flagged too: their badge is then suspended at every gate until the
    office reinstates or revokes it (services.badges)."""
    require(by, permissions.can_vet,
            _("Only security vetting officers clear or flag applicants."))
    application = (Application.objects.select_for_update(of=("self",))
                   .select_related("category", "event").get(pk=application.pk))
    if application.vetting == VettingStatus.NOT_REQUIRED:
        raise InvalidTransition(_("This category does not require vetting."))
    if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
        raise InvalidTransition(_("This application is closed."))
    note, reason = (note or "").strip(), (reason or "").strip()
    if not cleared and not reason:
        message = _("Say why the applicant is flagged, in words the accreditation office may "
                    "read.")
        raise InvalidApplication(message, fields={"reason": [message]})
    application.vetting = VettingStatus.CLEARED if cleared else VettingStatus.FLAGGED
    application.vetting_note = note
    application.vetting_reason = reason
    application.vetted_by = by
    application.vetted_at = timezone.now()
    application.save(update_fields=["vetting", "vetting_note", "vetting_reason", "vetted_by",
                                    "vetted_at", "updated_at"])
    if not cleared:
        from accreditation.badges.services.badges import badges_suspend

        badges_suspend(application=application)
    return application
