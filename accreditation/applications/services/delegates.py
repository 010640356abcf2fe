"""Delegation members become delegate applications, without anyone typing them again.

A delegation's registration (logistics.delegations.services.invitations.registration_submit)
announces itself after commit; accreditation.receivers calls delegate_applications_sync,
which brings the delegation's applications in line with its members as they now are. It is
idempotent: the announcement comes again on every edit of the registration, and may come
late or twice.

Logs name applications and members by reference and primary key only, never a person."""

import logging
import os

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import (
    application_create,
    application_update,
    application_withdraw,
)
from accreditation.enums import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    ApplicationSource,
    CategoryKind,
    IdDocumentKind,
)
from accreditation.setup.models import AccreditationCategory
from logistics.core.errors import AccordError
from logistics.delegations.models import Delegation, DelegationMember
from logistics.delegations.services.delegations import forget_files_after_commit

logger = logging.getLogger(__name__)

ACTOR = "delegation registration"
DELEGATE_KINDS = (CategoryKind.DELEGATE, CategoryKind.HEAD_OF_DELEGATION)


def delegate_categories(event):
    """(head of delegation's category, delegate's category), or None without a delegate
    category. A head is a delegate where the event has no head-of-delegation category."""
    found = {c.kind: c for c in AccreditationCategory.objects.filter(
        event=event, kind__in=DELEGATE_KINDS)}
    delegate = found.get(CategoryKind.DELEGATE)
    if delegate is None:
        return None
    return found.get(CategoryKind.HEAD_OF_DELEGATION, delegate), delegate


def shared_emails(members):
    """E-mail addresses given for more than one member: the focal point's or the mission's,
    not the person's. One person, one accreditation counts e-mails, so these are left out."""
    seen, shared = set(), set()
    for member in members:
        email = (member.email or "").strip().casefold()
        if email in seen:
            shared.add(email)
        seen.add(email)
    return shared


def member_details(member, delegation, shared_emails):
    """What the application says, taken from the member's registration."""
    number = member.id_document_number
    email = (member.email or "").strip()
    return {
        "family_name": member.family_name,
        "given_names": member.given_names,
        "gender": member.gender,
        "date_of_birth": member.date_of_birth,
        "nationality": member.nationality,
        "email": "" if email.casefold() in shared_emails else email,
        "id_document_kind": IdDocumentKind.PASSPORT if number else "",
        "id_document_number": number,
        "id_document_expiry": member.id_document_expiry,
        "organisation": delegation.name[:200],
        "function": member.title,
    }


def _read(field):
    """The bytes of a stored file, or None when there is none (or it is gone)."""
    if not field:
        return None
    try:
        with field.storage.open(field.name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _photo_copy(member):
    """The member's photo as a new file for the application: the member's own is deleted
    when the focal point replaces it, and the application keeps its own record."""
    data = _read(member.photo)
    if data is None:
        return None
    extension = os.path.splitext(member.photo.name)[1] or ".jpg"
    return ContentFile(data, name=f"photo{extension}")


def _changes(application, details, member):
    changes = {}
    for name, value in details.items():
        if name == "nationality":
            differs = application.nationality_id != (value.pk if value else None)
        elif name in ("date_of_birth", "id_document_expiry"):
            differs = getattr(application, name) != value
        else:
            differs = (getattr(application, name) or "") != (value or "")
        if differs:
            changes[name] = value
    if member.photo:
        data = _read(member.photo)
        if data is not None and data != _read(application.photo):
            changes["photo"] = _photo_copy(member)
    return changes


def _create(delegation, member, categories, shared):
    head_category, delegate_category = categories
    fields = member_details(member, delegation, shared)
    photo = _photo_copy(member)
    if photo is not None:
        fields["photo"] = photo
    return _apply(member, lambda: application_create(
        event=delegation.event, category=head_category if member.is_head else delegate_category,
        source=ApplicationSource.DELEGATION, actor=ACTOR, delegation=delegation, member=member,
        **fields))


def _update(application, delegation, member, categories, shared):
    if application.status not in EDITABLE_STATUSES:
        return None  # under review or decided: the office changes it now, not the focal point
    changes = _changes(application, member_details(member, delegation, shared), member)
    # The head role moved to another member: the new head to E, the former one back to D.
    head_category, delegate_category = categories
    wanted = head_category if member.is_head else delegate_category
    if wanted.pk != application.category_id:
        changes["category"] = wanted
    if not changes:
        return None
    old_photo = application.photo.name if "photo" in changes else ""
    updated = _apply(member, lambda: application_update(
        application=application, actor=ACTOR, public_submission=True, **changes))
    if updated is not None and old_photo:
        forget_files_after_commit(old_photo)
    return updated


def _apply(member, write):
    """One member's write in its own savepoint: an error there (a delegation-media rule, say)
    is logged and the other members go on. A member who duplicates a live application is no
    error: application_create holds theirs as a possible duplicate."""
    try:
        with transaction.atomic():
            return write()
    except AccordError as error:
        logger.warning("Delegation member %s: delegate application not saved (%s).",
                       member.pk, error.code)
    except Exception as error:  # noqa: BLE001  (logged without its message: it may name the person)
        logger.error("Delegation member %s: delegate application not saved (%s).",
                     member.pk, type(error).__name__)
    return None


def _withdraw(application):
    try:
        with transaction.atomic():
            application_withdraw(application=application, by=None, actor=ACTOR,
                                 reason=_("Removed from the delegation by its focal point."),
                                 public_submission=True)
    except AccordError as error:
        logger.warning("Application %s (%s): not withdrawn (%s).", application.reference,
                       application.pk, error.code)
        return False
    return True


@transaction.atomic
def delegate_applications_sync(*, delegation, members=None):
    """Bring the delegation's delegate applications in line with its members: a new one for
    each member without one (the head in the head-of-delegation category), the details of
    those still editable updated, and those of members no longer in the delegation withdrawn.

    `members` are the rows the registration announced; the members are read again here,
    under the delegation's lock, so that a late or repeated announcement never undoes a newer
    registration. Returns (created, updated, withdrawn) counts."""
    delegation = (Delegation.objects.select_for_update(of=("self",)).select_related("event")
                  .get(pk=delegation.pk))
    categories = delegate_categories(delegation.event)
    if categories is None:
        logger.info("Delegation %s: the event has no delegate category yet; no applications.",
                    delegation.pk)
        return 0, 0, 0
    current = list(DelegationMember.objects.filter(delegation=delegation)
                   .select_related("nationality").order_by("pk"))
    existing = {a.member_id: a for a in Application.objects.filter(member__in=current)}
    shared = shared_emails(current)
    created = updated = withdrawn = 0
    for member in current:
        application = existing.get(member.pk)
        if application is None:
            created += _create(delegation, member, categories, shared) is not None
        else:
            updated += _update(application, delegation, member, categories,
                               shared) is not None
    # A member taken off the registration is deleted, and their application's link with
    # it: a delegation's delegate application without a member is one of theirs. (The
    # delegation's own photographer and camera operator come in media categories.)
    gone = (Application.objects.filter(delegation=delegation,
                                       source=ApplicationSource.DELEGATION,
                                       category__kind__in=DELEGATE_KINDS,
                                       status__in=OPEN_STATUSES)
            .exclude(member__in=current).order_by("pk"))
    for application in gone:
        withdrawn += _withdraw(application)
    logger.info("Delegation %s: %s delegate applications created, %s updated, %s withdrawn.",
                delegation.pk, created, updated, withdrawn)
    return created, updated, withdrawn
