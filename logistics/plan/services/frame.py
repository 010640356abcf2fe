"""Writes to the frame of the plan: events, agencies and committees. Tasks have their own
module (services/tasks.py) because every change to them is logged.

`by` is the staff member making the change, or None for a caller that checked its own right
(an API key with the write scope, a management command)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.enums import AgencyKind, CommitteeKind
from logistics.core.models.event import Agency, Committee, Event


def _check_manager(by):
    permissions.require(by, permissions.can_manage_plan,
                        _("Only the secretariat can change the plan."))


def _refuse_event_change(instance, fields):
    if "event" in fields and fields["event"].pk != instance.event_id:
        raise ValidationError({"event": [_("Cannot be moved to another event.")]})


def _apply(instance, fields):
    for name, value in fields.items():
        setattr(instance, name, value)


def _same_event(event_id, **related):
    errors = {}
    for name, value in related.items():
        values = value if isinstance(value, list | tuple) else [value]
        if any(v is not None and v.event_id != event_id for v in values):
            errors[name] = [_("Belongs to another event.")]
    if errors:
        raise ValidationError(errors)


def _check_code(instance):
    """A code is the short name the plan uses: one per event. Said on the field, before the
    database's constraint says it on the whole form."""
    taken = (type(instance).objects.filter(event_id=instance.event_id, code=instance.code)
             .exclude(pk=instance.pk).exists())
    if taken:
        raise ValidationError({"code": [_("This code is already used.")]})


def _check_agency_parent(agency):
    seen = {agency.pk}
    parent = agency.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"parent": [_("An agency cannot be a unit of itself.")]})
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def event_create(*, by, name, slug, start_date, end_date, **details):
    _check_manager(by)
    event = Event(name=name, slug=slug, start_date=start_date, end_date=end_date, **details)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_update(*, event, by, **fields):
    _check_manager(by)
    _apply(event, fields)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def agency_create(*, event, by, code, name, kind=AgencyKind.OTHER, parent=None, emails=(),
                  focal_points=()):
    _check_manager(by)
    _same_event(event.pk, parent=parent)
    agency = Agency(event=event, code=code, name=name, kind=kind, parent=parent,
                    emails=list(emails))
    _check_code(agency)
    agency.full_clean()
    agency.save()
    agency.focal_points.set(focal_points)
    return agency


@transaction.atomic
def agency_update(*, agency, by, focal_points=None, **fields):
    _check_manager(by)
    _refuse_event_change(agency, fields)
    _apply(agency, fields)
    _same_event(agency.event_id, parent=agency.parent)
    _check_agency_parent(agency)
    _check_code(agency)
    agency.full_clean()
    agency.save()
    if focal_points is not None:
        agency.focal_points.set(focal_points)
    return agency


@transaction.atomic
def committee_create(*, event, by, code, name, kind=CommitteeKind.SUBCOMMITTEE,
                     chair_agency=None, member_agencies=(), order=0):
    _check_manager(by)
    member_agencies = list(member_agencies)
    _same_event(event.pk, chair_agency=chair_agency, member_agencies=member_agencies)
    committee = Committee(event=event, code=code, name=name, kind=kind,
                          chair_agency=chair_agency, order=order)
    _check_code(committee)
    committee.full_clean()
    committee.save()
    committee.member_agencies.set(member_agencies)
    return committee


@transaction.atomic
def committee_update(*, committee, by, member_agencies=None, **fields):
    _check_manager(by)
    _refuse_event_change(committee, fields)
    _apply(committee, fields)
    if member_agencies is not None:
        member_agencies = list(member_agencies)
    _same_event(committee.event_id, chair_agency=committee.chair_agency,
                member_agencies=member_agencies or [])
    _check_code(committee)
    committee.full_clean()
    committee.save()
    if member_agencies is not None:
        committee.member_agencies.set(member_agencies)
    return committee
