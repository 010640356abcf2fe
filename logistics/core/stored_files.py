"""Every kind of file Accord stores, in one table: which model and field holds it, the route
that serves it, who may open it, and what it is (a photo, a document, or a file Accord made).

The file views answer from this table, the personal-data export carries a file only to
those the table lets open it, and `clean_stored_uploads` cleans what it lists as uploads.
Each app adds the rows of its own models (logistics below; accreditation when it is ready:
logistics never imports accreditation). A test fails for a file field of any installed
model that has no row, so a new kind of upload cannot be left out of the rule.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from logistics.core import permissions

# What a kind of file is: served inline (only photos), downloaded, and cleaned how.
PHOTO = "photo"
DOCUMENT = "document"
GENERATED = "generated"  # made by Accord from records (badge PDFs): not an upload


@dataclass(frozen=True)
class FileKind:
    model: str  # "app_label.ModelName"
    field: str
    content: str  # PHOTO, DOCUMENT or GENERATED
    route: str  # the URL name that serves it; its arguments are `pk` (and `kind`)
    route_kind: str | None  # the `kind` in that URL, when the route serves several
    may_open: Callable  # user -> bool: the one test of the route and of the export
    readers: Promise  # who may open it, in words, for the export's list of files withheld
    # It shows an ID document (number, photo page): ID data, which an export made on the
    # server carries only when asked for it explicitly.
    id_data: bool = False
    # When set, no export carries it, and this says why: it is not one person's file.
    never_exported: Promise | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def label(self):
        return f"{self.model}.{self.field}"

    @property
    def is_upload(self):
        return self.content != GENERATED

    def url(self, pk):
        kwargs = {"pk": pk} if self.route_kind is None else {"pk": pk, "kind": self.route_kind}
        return reverse(self.route, kwargs=kwargs)


_KINDS = {}


def register(*kinds):
    """Add rows to the table: each app registers the file fields of its own models."""
    for kind in kinds:
        _KINDS[(kind.model.lower(), kind.field)] = kind


def kinds():
    return list(_KINDS.values())


def kind_of(model, field):
    """The row of `field` of `model` (a model class or instance), or None: a file without
    a row is opened by no one."""
    return _KINDS.get((model._meta.label_lower, field))


def kind_for_route(route, route_kind):
    """The row a file route serves for its `kind` argument, or None (then 404)."""
    for kind in _KINDS.values():
        if kind.route == route and kind.route_kind == route_kind:
            return kind
    return None


_PERSONAL_DATA_READERS = _("the protocol office and the secretariat")

register(
    FileKind("logistics.DelegationMember", "photo", PHOTO, "logistics:upload", "photo",
             permissions.can_see_personal_data, _PERSONAL_DATA_READERS),
    FileKind("logistics.Delegation", "credentials_document", DOCUMENT, "logistics:upload",
             "credentials", permissions.can_see_personal_data, _PERSONAL_DATA_READERS),
    FileKind("logistics.Signing", "full_powers_document", DOCUMENT, "logistics:upload",
             "full-powers", permissions.can_see_personal_data, _PERSONAL_DATA_READERS),
)
