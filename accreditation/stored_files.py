"""Accreditation's rows in the table of stored files (logistics.core.stored_files): an
application's uploads, and the PDFs of badge batches. Registered when the app is ready."""

from django.utils.translation import gettext_lazy as _

from accreditation.permissions import (
    can_manage_accreditation,
    can_scan,
    can_vet,
    can_view_accreditation,
)
from logistics.core.stored_files import DOCUMENT, GENERATED, PHOTO, FileKind, register

ROUTE = "accreditation:application_file"
_REVIEWERS = _("the accreditation office, the secretariat and security vetting")


def _may_open_photo(user):
    # The gates' operators compare the face with the holder's: the scanner shows the photo.
    return can_view_accreditation(user) or can_scan(user)


def register_kinds():
    register(
        FileKind("accreditation.Application", "photo", PHOTO, ROUTE, "photo", _may_open_photo,
                 _("the accreditation office, the secretariat, security vetting and the "
                   "gates")),
        FileKind("accreditation.Application", "letter_of_assignment", DOCUMENT, ROUTE,
                 "letter_of_assignment", can_view_accreditation, _REVIEWERS),
        FileKind("accreditation.Application", "press_card", DOCUMENT, ROUTE, "press_card",
                 can_view_accreditation, _REVIEWERS),
        # The copy shows the document number: security vetting's alone, like the number.
        FileKind("accreditation.Application", "id_copy", DOCUMENT, ROUTE, "id_copy", can_vet,
                 _("security vetting officers"), id_data=True),
        FileKind("accreditation.BadgeBatch", "file", GENERATED, "accreditation:batch_download",
                 None, can_manage_accreditation, _("the accreditation office and the "
                                                   "secretariat"),
                 never_exported=_("a sheet of many people's badges, printed for the "
                                  "accreditation office; this person's badge is described "
                                  "in the record")),
    )
