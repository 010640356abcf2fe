"""Writes to delegations and their members, for the protocol office (and, through the
registration form, a delegation's own focal point: `by=None` there, the token having been
checked by the caller)."""

from django.db import transaction
from django.utils.translation import gettext as _

from logistics import permissions
from logistics.enums import DELEGATION_TRANSITIONS, STATE_KINDS, DelegationStatus
from logistics.errors import InvalidTransition, QuotaExceeded
from logistics.models.delegations import Delegation, DelegationMember

MEMBER_FIELDS = {
    "family_name", "given_names", "title", "gender", "date_of_birth", "nationality", "email",
    "is_head", "arrival_at", "arrival_flight", "departure_at", "departure_flight",
    "dietary_needs", "accessibility_needs",
}


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
    return delegation


def _check_quota(delegation, adding=1):
    count = delegation.members.count()
    if count + adding > delegation.size_quota:
        raise QuotaExceeded(
            _("The delegation of %(name)s may register %(quota)s members at most; it has "
              "%(count)s.") % {"name": delegation.name, "quota": delegation.size_quota,
                               "count": count})


@transaction.atomic
def member_add(*, delegation, by, **fields):
    """Register one member. The delegation row is locked while its members are counted, so
    that two additions at once cannot both pass the quota."""
    _check_officer(by)
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise ValueError(f"Unknown member fields: {sorted(unknown)}")
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    _check_quota(delegation)
    if fields.get("is_head"):
        delegation.members.filter(is_head=True).update(is_head=False)
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
    member = DelegationMember.objects.select_for_update().get(pk=member.pk)
    if fields.get("is_head") and not member.is_head:
        DelegationMember.objects.filter(delegation_id=member.delegation_id, is_head=True) \
            .update(is_head=False)
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_remove(*, member, by):
    _check_officer(by)
    member.delete()
