"""Writes for the signing ceremony, for the protocol office (`by=None`: the system)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.models.event import Event
from logistics.core.ordering import name_key, renumber
from logistics.delegations.enums import STATE_KINDS, precedence_rank
from logistics.delegations.services.delegations import forget_files_after_commit
from logistics.signing.enums import PlenaryOrderRule, SigningPlace
from logistics.signing.errors import (
    AlreadySigned,
    FullPowersMissing,
    FullPowersNotReceived,
    InvalidOrderRule,
    NotAState,
    NotInPlenary,
    NotSigned,
)
from logistics.signing.models import Signing

logger = logging.getLogger(__name__)


def _check_officer(by):
    permissions.require(by, permissions.can_manage_delegations,
                        _("Only the protocol office can change the signing ceremony."))


def _locked(signing):
    return (Signing.objects.select_for_update(of=("self",))
            .select_related("delegation__country").get(pk=signing.pk))


def _lock_event(event_id):
    """Serialises every change to one event's plenary order."""
    list(Event.objects.select_for_update().filter(pk=event_id).values_list("pk", flat=True))


def _check_aware(when, field):
    if when is not None and timezone.is_naive(when):
        raise ValidationError({field: _("Give a date and time with its time zone.")})


@transaction.atomic
def signing_create(*, event, by, delegation, where=SigningPlace.PLENARY, signatory_name=None,
                   signatory_title=None, signatory_level=None):
    """Record that a state will sign. The signatory defaults to the head of delegation."""
    _check_officer(by)
    if delegation.kind not in STATE_KINDS:
        raise NotAState(_("%(name)s is not a state: only states and observer states sign.")
                        % {"name": delegation.name})
    signing = Signing(
        event=event, delegation=delegation, where=where,
        signatory_name=delegation.head_name if signatory_name is None else signatory_name,
        signatory_title=delegation.head_title if signatory_title is None else signatory_title,
        signatory_level=delegation.head_level if signatory_level is None else signatory_level,
    )
    signing.full_clean()
    signing.save()
    return signing


@transaction.atomic
def full_powers_receive(*, signing, by, received_at=None, document=None):
    """Record that the instrument of full powers (or a copy sent ahead) has arrived. A new
    document has not been checked: it takes back an earlier verification, and the document
    it replaces is deleted once this is committed."""
    _check_officer(by)
    _check_aware(received_at, "full_powers_received_at")
    signing = _locked(signing)
    signing.full_powers_received_at = received_at or timezone.now()
    replaced = None
    if document is not None:
        replaced = signing.full_powers_document.name or None
        signing.full_powers_document = document
        signing.full_powers_verified_at = None
        signing.full_powers_verified_by = None
    signing.full_clean()
    signing.save()
    if replaced and replaced != signing.full_powers_document.name:
        forget_files_after_commit(replaced)
    return signing


@transaction.atomic
def full_powers_verify(*, signing, by):
    """The depositary has checked the full powers: they name the treaty and the signatory."""
    _check_officer(by)
    signing = _locked(signing)
    if signing.full_powers_received_at is None:
        raise FullPowersNotReceived(
            _("The full powers of %(state)s have not been received yet: record them before "
              "verifying them.") % {"state": signing.state_name})
    if signing.full_powers_verified:
        return signing
    signing.full_powers_verified_by = by
    signing.full_powers_verified_at = timezone.now()
    signing.full_clean()
    signing.save()
    return signing


# signing_schedule's default for `order`: a plenary signing keeps its place.
KEEP = object()


def _check_free_place(signing, order):
    if isinstance(order, bool) or not isinstance(order, int) or order < 1:
        raise ValidationError({"order": _("The place in the order is a number from 1.")})
    holder = (Signing.objects.filter(event_id=signing.event_id, where=SigningPlace.PLENARY,
                                     order=order)
              .exclude(pk=signing.pk).select_related("delegation__country").first())
    if holder is not None:
        raise ValidationError({"order": _(
            "Place %(order)s is %(state)s's: choose a free place, or move %(state)s first.")
            % {"order": order, "state": holder.state_name}})


@transaction.atomic
def signing_schedule(*, signing, by, where, scheduled_at=None, order=KEEP):
    """Set where and when a state signs and, in the plenary, its place in the order (by
    default the place it has; None takes it out of the order). Refused while the signatory
    needs full powers that are not verified."""
    _check_officer(by)
    _check_aware(scheduled_at, "scheduled_at")
    if where not in SigningPlace.values:
        raise ValidationError({"where": _("Choose the plenary ceremony or the treaty desk.")})
    _lock_event(signing.event_id)
    signing = _locked(signing)
    if signing.signed_at is not None:
        raise AlreadySigned(_("%(state)s has already signed; its signing cannot be "
                              "rescheduled.") % {"state": signing.state_name})
    if not signing.may_sign:
        raise FullPowersMissing.for_schedule(signing)
    if order is KEEP:
        order = signing.order
    if where == SigningPlace.PLENARY and order is not None:
        _check_free_place(signing, order)
    signing.where = where
    signing.scheduled_at = scheduled_at
    left_the_order = signing.order is not None and (where != SigningPlace.PLENARY
                                                    or order is None)
    signing.order = order if where == SigningPlace.PLENARY else None
    signing.full_clean()
    signing.save()
    if left_the_order:
        # Close the gap it leaves: the order stays 1, 2, …
        _renumber(signing.event_id, list(
            Signing.objects.select_for_update(of=("self",))
            .filter(event_id=signing.event_id, where=SigningPlace.PLENARY,
                    order__isnull=False).order_by("order")))
    return signing


@transaction.atomic
def signing_mark_signed(*, signing, by, signed_at=None):
    """One click during the ceremony: the state has signed."""
    _check_officer(by)
    _check_aware(signed_at, "signed_at")
    signing = _locked(signing)
    if signing.signed_at is not None:
        raise AlreadySigned(_("%(state)s has already signed.") % {"state": signing.state_name})
    if not signing.may_sign:
        raise FullPowersMissing.for_signature(signing)
    signing.signed_at = signed_at or timezone.now()
    signing.full_clean()
    signing.save()
    return signing


@transaction.atomic
def signing_unmark_signed(*, signing, by):
    """Undo "signed" after a mis-click: the state is back among those still to sign. There is
    no audit model for signings: the undoing is logged, with who and when it had signed."""
    _check_officer(by)
    signing = _locked(signing)
    if signing.signed_at is None:
        raise NotSigned(_("%(state)s has not signed: there is nothing to undo.")
                        % {"state": signing.state_name})
    was = signing.signed_at
    signing.signed_at = None
    signing.full_clean()
    signing.save()
    logger.info("Signature of %s (signing %s, event %s) undone by %s; it was marked signed "
                "at %s.", signing.state_name, signing.pk, signing.event_id,
                getattr(by, "username", None) or "the system", was.isoformat())
    return signing


def _renumber(event_id, ordered):
    """Give `ordered` the plenary orders 1, 2, …; every other order of the event is cleared."""
    return renumber(Signing.objects.filter(event_id=event_id), ordered)


def _draw_key(letter):
    key = name_key(letter or "").strip()
    if len(key) != 1 or not key.isalpha():
        raise InvalidOrderRule(_("Draw one letter, from A to Z."))
    return key


@transaction.atomic
def plenary_order(*, event, by, rule, letter=None):
    """Number every plenary signing of the event by the rule the protocol office chose:
    precedence (the signatory's level, head of state first, then the state's name) or
    alphabetically by the state's name from a drawn letter, wrapping round to A."""
    _check_officer(by)
    _lock_event(event.pk)
    signings = list(Signing.objects.select_for_update(of=("self",))
                    .select_related("delegation__country")
                    .filter(event=event, where=SigningPlace.PLENARY))
    if rule == PlenaryOrderRule.PRECEDENCE:
        def key(s):
            return (precedence_rank(s.signatory_level), name_key(s.state_name), s.pk)
    elif rule == PlenaryOrderRule.ALPHABETICAL_FROM_LETTER:
        start = _draw_key(letter)

        def key(s):
            name = name_key(s.state_name)
            return (name[:1] < start, name, s.pk)
    else:
        raise InvalidOrderRule(_("Choose how to order the plenary: by precedence, or "
                                 "alphabetically from a drawn letter."))
    return _renumber(event.pk, sorted(signings, key=key))


@transaction.atomic
def plenary_move(*, signing, by, new_order):
    """Put one plenary signing at `new_order` by hand; the others shift to make room and the
    order stays 1, 2, … without gaps. A plenary signing not yet in the order is inserted."""
    _check_officer(by)
    _lock_event(signing.event_id)
    signing = _locked(signing)
    if signing.where != SigningPlace.PLENARY:
        raise NotInPlenary(_("%(state)s signs at the treaty desk, not in the plenary.")
                           % {"state": signing.state_name})
    ordered = list(Signing.objects.select_for_update(of=("self",))
                   .filter(event_id=signing.event_id, where=SigningPlace.PLENARY,
                           order__isnull=False).exclude(pk=signing.pk).order_by("order"))
    if not 1 <= new_order <= len(ordered) + 1:
        raise ValidationError({"order": _("Choose a place from 1 to %(last)s.")
                               % {"last": len(ordered) + 1}})
    ordered.insert(new_order - 1, signing)
    _renumber(signing.event_id, ordered)
    return signing
