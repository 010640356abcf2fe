"""Writes to delegations and their members, for the protocol office (and, through the
registration form, a delegation's own focal point: `by=None` there, the token having been
checked by the caller)."""

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.audit import log_many
from logistics.core.errors import InvalidTransition, QuotaExceeded
from logistics.core.validators import airport_code, validate_airport, validate_id_document_expiry
from logistics.delegations.enums import DELEGATION_TRANSITIONS, STATE_KINDS, DelegationStatus
from logistics.delegations.errors import CredentialsMissing
from logistics.delegations.models import Delegation, DelegationMember, Invitation

MEMBER_FIELDS = {
    "family_name", "given_names", "title", "gender", "date_of_birth", "nationality", "email",
    "is_head", "in_list_of_participants", "arrival_at", "arrival_flight", "departure_at",
    "departure_flight", "dietary_needs", "accessibility_needs", "id_document_number",
    "id_document_expiry", "hotel", "arrival_airport", "departure_airport", "photo",
}
PROTOCOL_FIELDS = {"liaison_officer", "hotel", "protocol_notes", "size_quota",
                   "intends_to_sign", "focal_point_name", "focal_point_email", "mail_language"}


def _check_officer(by):
    permissions.require(by, permissions.can_manage_delegations,
                        _("Only the protocol office can change delegations."))


@transaction.atomic
def delegation_create(*, event, by, kind, country=None, name="", **fields):
    _check_officer(by)
    if kind in STATE_KINDS and country is not None and not name:
        name = country.name
    delegation = Delegation(event=event, kind=kind, country=country, name=name, **fields)
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def delegation_set_status(*, delegation, by, status):
    """Move a delegation along invited → confirmed → registered → arrived → departed (or
    declined); a move the protocol office does not make is refused."""
    _check_officer(by)
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if status == delegation.status:
        return delegation
    if status not in DELEGATION_TRANSITIONS[delegation.status]:
        raise InvalidTransition(
            _("A delegation that is %(current)s cannot become %(new)s.")
            % {"current": delegation.get_status_display().lower(),
               "new": DelegationStatus(status).label.lower()})
    delegation.status = status
    delegation.save(update_fields=["status", "updated_at"])
    if status == DelegationStatus.DECLINED:
        # A delegation that declined registers nobody: its link stops working at once.
        revoke_links(delegation.invitations.live(), now=timezone.now())
    return delegation


def revoke_links(invitations, *, now):
    """Revoke these registration links, and say so in the audit trail (the UPDATE bypasses
    its signals)."""
    live = list(invitations.filter(revoked_at__isnull=True).select_related("delegation"))
    if live:
        Invitation.objects.filter(pk__in=[link.pk for link in live]).update(revoked_at=now)
        log_many([(link, LogEntry.Action.UPDATE, {"revoked_at": (None, now)})
                  for link in live])


def _check_quota(delegation, adding=1):
    count = delegation.members.count()
    if count + adding > delegation.size_quota:
        raise QuotaExceeded(
            _("The delegation of %(name)s may register %(quota)s members at most; it has "
              "%(count)s.") % {"name": delegation.name, "quota": delegation.size_quota,
                               "count": count})


def forget_files_after_commit(*names):
    """Delete replaced or orphaned uploads once the change that dropped them is committed
    (a rollback keeps them): personal data is not kept longer than it is used."""
    from django.core.files.storage import default_storage

    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def _clean_travel(fields, event):
    """Airports as upper-case IATA codes; an ID document valid after the event's last day
    (the checks of logistics.core.validators, which the registration form shows per field)."""
    errors = {}
    for name in ("arrival_airport", "departure_airport"):
        if fields.get(name):
            fields[name] = airport_code(fields[name])
            error = validate_airport(fields[name])
            if error:
                errors[name] = error
    error = validate_id_document_expiry(fields.get("id_document_expiry"), event)
    if error:
        errors["id_document_expiry"] = error
    if errors:
        raise ValidationError(errors)
    return fields


def _demote_head(members):
    """The head of delegation until now is one no longer (one head per delegation); in the
    audit trail too, as the UPDATE bypasses its signals."""
    heads = list(members.filter(is_head=True).only("pk", "family_name", "given_names"))
    if heads:
        members.filter(pk__in=[head.pk for head in heads]).update(is_head=False)
        log_many([(head, LogEntry.Action.UPDATE, {"is_head": (True, False)})
                  for head in heads])


@transaction.atomic
def member_add(*, delegation, by, **fields):
    """Register one member. The delegation row is locked while its members are counted, so
    that two additions at once cannot both pass the quota."""
    _check_officer(by)
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise ValueError(f"Unknown member fields: {sorted(unknown)}")
    delegation = (Delegation.objects.select_for_update(of=("self",)).select_related("event")
                  .get(pk=delegation.pk))
    if not fields.get("photo"):
        fields.pop("photo", None)
    fields = _clean_travel(fields, delegation.event)
    _check_quota(delegation)
    if fields.get("is_head"):
        _demote_head(delegation.members.all())
    member = DelegationMember(delegation=delegation, **fields)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_update(*, member, by, **fields):
    _check_officer(by)
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise ValueError(f"Unknown member fields: {sorted(unknown)}")
    # The delegation first, as member_add does: two edits that each make someone the head
    # then wait for one another instead of both passing and breaking the one-head rule.
    delegation = (Delegation.objects.select_for_update(of=("self",)).select_related("event")
                  .get(pk=member.delegation_id))
    member = DelegationMember.objects.select_for_update().get(pk=member.pk,
                                                              delegation=delegation)
    member.delegation = delegation
    if not fields.get("photo"):
        fields.pop("photo", None)  # no new photo: the one on file stays
    fields = _clean_travel(fields, member.delegation.event)
    replaced = member.photo.name if "photo" in fields and member.photo else None
    if fields.get("is_head") and not member.is_head:
        _demote_head(DelegationMember.objects.filter(delegation_id=member.delegation_id))
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    member.save()
    forget_files_after_commit(replaced)
    return member


@transaction.atomic
def member_remove(*, member, by):
    _check_officer(by)
    forget_files_after_commit(member.photo.name)
    member.delete()


@transaction.atomic
def delegation_update_protocol(*, delegation, by, **fields):
    """The protocol office's own fields: liaison officer (a staff member), hotel, notes,
    size quota (never below the members already registered), the intent to sign, and the
    focal point (to send the link to a new address)."""
    _check_officer(by)
    unknown = set(fields) - PROTOCOL_FIELDS
    if unknown:
        raise ValueError(f"Unknown protocol fields: {sorted(unknown)}")
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    officer = fields.get("liaison_officer")
    if officer is not None and not (officer.is_active and permissions.roles_of(officer)):
        raise ValidationError({"liaison_officer": _(
            "%(user)s is not an active staff member.") % {"user": officer}})
    quota = fields.get("size_quota")
    if quota is not None:
        count = delegation.members.count()
        if quota < count:
            raise QuotaExceeded(
                _("%(name)s has %(count)s members registered; the size quota cannot be lower "
                  "than that.") % {"name": delegation.name, "count": count})
    for name, value in fields.items():
        setattr(delegation, name, value)
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def delegation_credentials_check(*, delegation, by):
    """The protocol office has read the note verbale or nomination letter and accepts it."""
    _check_officer(by)
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if not delegation.credentials_document:
        raise CredentialsMissing(
            _("%(name)s has not uploaded its credentials yet: there is nothing to check.")
            % {"name": delegation.name})
    delegation.credentials_checked_by = by
    delegation.credentials_checked_at = timezone.now()
    delegation.save(update_fields=["credentials_checked_by", "credentials_checked_at",
                                   "updated_at"])
    return delegation
