"""The accreditation office's set-up: access zones, categories, media outlets and the quotas
of organisations. Each write checks the office's permission, validates the whole object and
answers a clash (a code or a name taken) with a sentence rather than a database error. Every
change by a staff member is written to Django's admin log, the object's history."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accreditation.gates.models import Checkpoint
from accreditation.permissions import can_manage_accreditation
from accreditation.setup.models import AccreditationCategory, MediaOutlet, OrganisationQuota, Zone
from logistics.core.errors import AccordError, Conflict
from logistics.core.permissions import require


class InvalidSetup(AccordError):
    """A zone, category, outlet or quota with bad input; `fields` names each field at
    fault."""

    code = "invalid_setup"


class StillInUse(Conflict):
    """Something still depends on what was to be deleted."""

    code = "still_in_use"


CATEGORY_FIELDS = ("code", "name", "badge_colour", "vetting_required", "quota")
OUTLET_FIELDS = ("name", "country", "kind", "domestic", "quota")


def _check(by):
    require(by, can_manage_accreditation,
            _("Only the accreditation office changes accreditation categories, zones, outlets "
              "and quotas."))


def _log(by, obj, flag, message):
    if by is None:
        return
    LogEntry.objects.log_actions(by.pk, [obj], flag, change_message=message,
                                 single_object=True)


def _invalid(fields):
    first = next(iter(fields.values()))[0]
    return InvalidSetup(first, fields=fields)


def _clean(obj, *, exclude=()):
    """full_clean, its errors as InvalidSetup. Unique constraints are checked by the callers
    with a clearer message, and again by the database."""
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise _invalid(error.message_dict) from None


def _save(obj, clash):
    """Save; a unique constraint that fires meanwhile (two officers at once) gives the same
    message as the check before."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise _invalid(clash) from None


def _upper(value):
    return (value or "").strip().upper()


# Zones


def _zone_clash(zone):
    taken = Zone.objects.filter(event_id=zone.event_id, code=zone.code).exclude(pk=zone.pk)
    return {"code": [_("The code %(code)s is already used by the zone “%(name)s”.")
                     % {"code": zone.code, "name": taken.first().name}]} if taken.exists() \
        else None


def _zone_write(zone, *, by, flag):
    _clean(zone, exclude=["event"])
    clash = _zone_clash(zone)
    if clash:
        raise _invalid(clash)
    _save(zone, {"code": [_("The code %(code)s is already used.") % {"code": zone.code}]})
    _log(by, zone, flag, _("Zone %(zone)s saved.") % {"zone": zone})
    return zone


@transaction.atomic
def zone_create(*, event, by, code, name):
    _check(by)
    zone = Zone(event=event, code=_upper(code), name=(name or "").strip())
    return _zone_write(zone, by=by, flag=ADDITION)


@transaction.atomic
def zone_update(*, zone, by, code, name):
    """The code is signed into the QR codes of the badges that open the zone, and gates
    compare it: once a badge carries it, it stays (the name may still change)."""
    _check(by)
    zone = Zone.objects.select_for_update().get(pk=zone.pk)
    new_code = _upper(code)
    if new_code != zone.code and zone.badges.exists():
        raise StillInUse(_("Badges already carry the code %(code)s of this zone: it can no "
                           "longer change (its name can).") % {"code": zone.code})
    zone.code, zone.name = new_code, (name or "").strip()
    return _zone_write(zone, by=by, flag=CHANGE)


@transaction.atomic
def zone_delete(*, zone, by):
    """Only a zone nothing refers to: no checkpoint stands at it, no category opens it, no
    badge carries it."""
    _check(by)
    zone = Zone.objects.select_for_update().get(pk=zone.pk)
    checkpoints = list(Checkpoint.objects.filter(zone=zone).values_list("name", flat=True))
    if checkpoints:
        raise StillInUse(_("The zone %(zone)s still has checkpoints (%(names)s): move or delete "
                           "them first.") % {"zone": zone, "names": ", ".join(checkpoints)})
    categories = list(zone.categories.values_list("code", flat=True))
    if categories:
        raise StillInUse(_("Categories %(codes)s still open the zone %(zone)s: take it off "
                           "them first.") % {"zone": zone, "codes": ", ".join(categories)})
    if zone.badges.exists():
        raise StillInUse(_("Badges already issued carry the zone %(zone)s; it stays.")
                         % {"zone": zone})
    _log(by, zone, DELETION, _("Zone %(zone)s deleted.") % {"zone": zone})
    zone.delete()


# Categories


@transaction.atomic
def category_update(*, category, by, zones, **fields):
    """Change a category's letter code, name, colour, zones, vetting and quota. Its kind
    stays. Badges already issued keep their number and zones; applications waiting keep the
    vetting they were given (a category that stops requiring vetting does not clear
    anyone)."""
    _check(by)
    unknown = set(fields) - set(CATEGORY_FIELDS)
    if unknown:
        raise InvalidSetup(_("Unknown fields: %(fields)s.")
                           % {"fields": ", ".join(sorted(unknown))})
    category = AccreditationCategory.objects.select_for_update().get(pk=category.pk)
    for name, value in fields.items():
        setattr(category, name, value)
    category.code = _upper(category.code)
    category.badge_colour = _upper(category.badge_colour)
    category.name = (category.name or "").strip()
    _clean(category, exclude=["event", "zones"])
    errors = {}
    taken = (AccreditationCategory.objects.filter(event_id=category.event_id, code=category.code)
             .exclude(pk=category.pk).first())
    if taken:
        errors["code"] = [_("The letter code %(code)s is already used by “%(name)s”.")
                          % {"code": category.code, "name": taken.name}]
    zones = list(zones)
    if any(zone.event_id != category.event_id for zone in zones):
        errors["zones"] = [_("A zone of another event cannot be given.")]
    if errors:
        raise _invalid(errors)
    _save(category, {"code": [_("The letter code %(code)s is already used.")
                              % {"code": category.code}]})
    category.zones.set(zones)
    _log(by, category, CHANGE, _("Category %(category)s saved.") % {"category": category})
    return category


# Media outlets


def _outlet_write(outlet, *, by, flag):
    outlet.name = " ".join((outlet.name or "").split())
    _clean(outlet, exclude=["event"])
    taken = (MediaOutlet.objects.filter(event_id=outlet.event_id, name__iexact=outlet.name)
             .exclude(pk=outlet.pk).first())
    clash = {"name": [_("The outlet “%(name)s” is already in the list.")
                      % {"name": taken.name if taken else outlet.name}]}
    if taken:
        raise _invalid(clash)
    _save(outlet, clash)
    _log(by, outlet, flag, _("Outlet %(outlet)s saved.") % {"outlet": outlet})
    return outlet


def _outlet_fields(fields):
    unknown = set(fields) - set(OUTLET_FIELDS)
    if unknown:
        raise InvalidSetup(_("Unknown fields: %(fields)s.")
                           % {"fields": ", ".join(sorted(unknown))})
    return fields


@transaction.atomic
def outlet_create(*, event, by, **fields):
    _check(by)
    outlet = MediaOutlet(event=event, **_outlet_fields(fields))
    return _outlet_write(outlet, by=by, flag=ADDITION)


@transaction.atomic
def outlet_update(*, outlet, by, **fields):
    """A quota lowered below the journalists already approved stops further approvals; it
    withdraws nobody."""
    _check(by)
    outlet = MediaOutlet.objects.select_for_update().get(pk=outlet.pk)
    for name, value in _outlet_fields(fields).items():
        setattr(outlet, name, value)
    return _outlet_write(outlet, by=by, flag=CHANGE)


# Quotas of organisations


@transaction.atomic
def organisation_quota_create(*, category, by, organisation, quota):
    """At most `quota` approved badges of `category` for `organisation` (matched by name,
    case-insensitively, against the applications' organisation)."""
    _check(by)
    organisation = " ".join((organisation or "").split())
    row = OrganisationQuota(category=category, organisation=organisation, quota=quota)
    _clean(row, exclude=["category"])
    if quota is not None and quota < 1:
        raise _invalid({"quota": [_("A quota is at least 1.")]})
    clash = {"organisation": [_("%(organisation)s already has a quota for %(category)s.")
                              % {"organisation": organisation, "category": category.name}]}
    if OrganisationQuota.objects.filter(category=category,
                                        organisation__iexact=organisation).exists():
        raise _invalid(clash)
    _save(row, clash)
    _log(by, row, ADDITION, _("Quota of %(organisation)s for %(category)s: %(quota)s.")
         % {"organisation": organisation, "category": category.code, "quota": quota})
    return row


@transaction.atomic
def organisation_quota_delete(*, quota, by):
    _check(by)
    _log(by, quota, DELETION, _("Quota of %(organisation)s deleted.")
         % {"organisation": quota.organisation})
    quota.delete()
