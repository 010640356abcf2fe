"""One Signing per state: its signatory, full powers, and where and when it signs (the
plenary's run of show or the treaty desk)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from logistics.core.models.event import Event
from logistics.core.models.files import RandomName
from logistics.delegations.enums import FULL_POWERS_EXEMPT_LEVELS, DelegationLevel
from logistics.delegations.models import Delegation
from logistics.signing.enums import SigningPlace

# Migration 0008 names this; the field itself uses RandomName like every other upload.
full_powers_upload_to = RandomName("full-powers")


class FullPowers:
    """Where a signatory's full powers stand, for the page and the API."""

    NOT_NEEDED = "not_needed"
    REQUIRED = "required"
    RECEIVED = "received"
    VERIFIED = "verified"


class Signing(models.Model):
    """One state's signature of the treaty: where, when, in what order and by whom."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signings",
                              verbose_name=_("event"))
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE,
                                   related_name="signings", verbose_name=_("delegation"))
    where = models.CharField(_("where"), max_length=20, choices=SigningPlace.choices,
                             default=SigningPlace.PLENARY)
    order = models.PositiveSmallIntegerField(_("order of signing"), null=True, blank=True,
                                             help_text=_("In the plenary ceremony only."))
    scheduled_at = models.DateTimeField(_("scheduled at"), null=True, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    signatory_level = models.CharField(_("signatory's level"), max_length=30, blank=True,
                                       choices=DelegationLevel.choices)
    full_powers_received_at = models.DateTimeField(_("full powers received"), null=True,
                                                   blank=True)
    full_powers_document = models.FileField(_("full powers"), upload_to=RandomName("full-powers"),
                                            blank=True)
    full_powers_verified_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                                on_delete=models.SET_NULL, null=True,
                                                blank=True, related_name="+",
                                                verbose_name=_("full powers verified by"))
    full_powers_verified_at = models.DateTimeField(_("full powers verified"), null=True,
                                                   blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["event", "where", "order", "pk"]
        verbose_name = _("signing")
        verbose_name_plural = _("signings")
        constraints = [
            models.UniqueConstraint(fields=["event", "delegation"],
                                    name="signing_one_per_delegation"),
            models.UniqueConstraint(fields=["event", "order"],
                                    condition=Q(where=SigningPlace.PLENARY)
                                    & Q(order__isnull=False),
                                    name="signing_plenary_order_unique"),
            models.CheckConstraint(condition=Q(order__isnull=True) | Q(order__gte=1),
                                   name="signing_order_from_one"),
            models.CheckConstraint(
                condition=Q(order__isnull=True) | Q(where=SigningPlace.PLENARY),
                name="signing_order_only_in_plenary"),
        ]
        indexes = [models.Index(fields=["event", "signed_at"])]

    def __str__(self):
        return self.state_name

    @property
    def state_name(self):
        delegation = self.delegation
        return delegation.country.display_name() if delegation.country_id else delegation.name

    @property
    def needs_full_powers(self):
        """Whether the signatory needs full powers to sign (VCLT art. 7(2)(a))."""
        return self.signatory_level not in FULL_POWERS_EXEMPT_LEVELS

    @property
    def full_powers_verified(self):
        return self.full_powers_verified_at is not None

    @property
    def full_powers_state(self):
        if not self.needs_full_powers:
            return FullPowers.NOT_NEEDED
        if self.full_powers_verified:
            return FullPowers.VERIFIED
        if self.full_powers_received_at is not None:
            return FullPowers.RECEIVED
        return FullPowers.REQUIRED

    @property
    def may_sign(self):
        return not self.needs_full_powers or self.full_powers_verified

    def clean(self):
        if self.delegation_id and self.event_id and self.delegation.event_id != self.event_id:
            raise ValidationError({"delegation": _("The delegation attends another event.")})
