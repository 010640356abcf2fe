"""The documents an application carries, and which its category requires: the one rule the
review queue, an application's page and the API read "missing" from.

A journalist proves the assignment with a letter of assignment, a press card and a copy of
the passport (docs/PRACTICE: the media form asks for all three). Delegates, heads of
delegation and the other categories come through a note verbale or a nomination letter the
office holds outside Accord: nothing is missing from them for want of a press card. A
document sent anyway is still listed, as on file."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accreditation.enums import MEDIA_KINDS

# (field, label), in the order the pages list them.
DOCUMENTS = (
    ("letter_of_assignment", _("Letter of assignment")),
    ("press_card", _("Press card")),
    ("id_copy", _("Copy of the ID document")),
)
MEDIA_DOCUMENTS = ("letter_of_assignment", "press_card", "id_copy")


def required_documents(category):
    """The fields of DOCUMENTS an application in `category` must carry."""
    return MEDIA_DOCUMENTS if category.kind in MEDIA_KINDS else ()


@dataclass(frozen=True)
class Document:
    field: str
    label: str
    on_file: bool
    required: bool

    def __str__(self):
        return str(self.label)

    @property
    def missing(self):
        return self.required and not self.on_file


def documents_of(application):
    """The documents to list for `application`: those its category requires, and any other
    on file."""
    required = required_documents(application.category)
    listed = []
    for field, label in DOCUMENTS:
        on_file = bool(getattr(application, field))
        if field in required or on_file:
            listed.append(Document(field, label, on_file, field in required))
    return listed


def missing_documents(application):
    """The required documents `application` lacks (Documents: `field`, `label`)."""
    return [document for document in documents_of(application) if document.missing]
