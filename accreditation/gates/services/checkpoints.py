"""Checkpoints: the gates of the venue, each into one zone, counting entries, exits or both."""

from django.db import transaction
from django.utils.translation import gettext as _

from accreditation.gates.models import Checkpoint
from accreditation.gates.services import scans
from accreditation.permissions import can_manage_accreditation
from logistics.core.errors import AccordError
from logistics.core.permissions import require

FIELDS = ("zone", "name", "mode", "active")


class InvalidCheckpoint(AccordError):
    code = "invalid_checkpoint"


def _check(checkpoint):
    if checkpoint.zone.event_id != checkpoint.event_id:
        raise InvalidCheckpoint(_("Choose a zone of this event."),
                                fields={"zone": [_("Choose a zone of this event.")]})
    checkpoint.name = (checkpoint.name or "").strip()
    if Checkpoint.objects.filter(event_id=checkpoint.event_id, name__iexact=checkpoint.name) \
            .exclude(pk=checkpoint.pk).exists():
        message = _("A checkpoint named “%(name)s” already exists.") % {"name": checkpoint.name}
        raise InvalidCheckpoint(message, fields={"name": [message]})
    checkpoint.full_clean(validate_unique=False)


def _save(checkpoint):
    _check(checkpoint)
    checkpoint.save()
    # This process reads the gate afresh at once; other workers within their cache's life.
    transaction.on_commit(scans.forget_checkpoints)
    return checkpoint


@transaction.atomic
def checkpoint_create(*, event, by, zone, name, mode, active=True):
    require(by, can_manage_accreditation,
            _("Only the accreditation office sets up checkpoints."))
    return _save(Checkpoint(event=event, zone=zone, name=name, mode=mode, active=active))


@transaction.atomic
def checkpoint_update(*, checkpoint, by, **changes):
    """Change the zone, name, mode (entry, exit, both) or open/close the gate. A closed
    gate's scans are refused as an unknown checkpoint; its past scans stay."""
    require(by, can_manage_accreditation,
            _("Only the accreditation office changes checkpoints."))
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"checkpoint_update() got unexpected fields {sorted(unknown)}")
    checkpoint = Checkpoint.objects.select_for_update().get(pk=checkpoint.pk)
    for name, value in changes.items():
        setattr(checkpoint, name, value)
    return _save(checkpoint)
