"""Bilateral meetings between a delegation and another delegation or one of the host's
leaders, booked into a session of the programme once scheduled."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from logistics.bilaterals.enums import BilateralStatus
from logistics.core.models.event import Event
from logistics.delegations.models import Delegation
from logistics.programme.models import HostLeader, Session


class BilateralMeeting(models.Model):
    """A delegation asks to meet another delegation or a host leader; scheduled, it is a
    Session of kind bilateral in a room, with the same clash checks as any session."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bilaterals",
                              verbose_name=_("event"))
    requester = models.ForeignKey(Delegation, on_delete=models.CASCADE,
                                  related_name="bilaterals_requested",
                                  verbose_name=_("requested by"))
    counterpart = models.ForeignKey(Delegation, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="bilaterals_invited",
                                    verbose_name=_("with delegation"))
    host_leader = models.ForeignKey(HostLeader, on_delete=models.RESTRICT, null=True,
                                    blank=True, related_name="bilaterals",
                                    verbose_name=_("with host leader"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    status = models.CharField(_("status"), max_length=10, choices=BilateralStatus.choices,
                              default=BilateralStatus.REQUESTED)
    session = models.OneToOneField(Session, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="bilateral", verbose_name=_("session"))
    notes = models.TextField(_("notes"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("bilateral meeting")
        verbose_name_plural = _("bilateral meetings")
        constraints = [
            models.CheckConstraint(
                condition=(Q(counterpart__isnull=False) & Q(host_leader__isnull=True))
                | (Q(counterpart__isnull=True) & Q(host_leader__isnull=False)),
                name="bilateral_with_one_counterpart"),
            models.CheckConstraint(condition=~Q(counterpart=F("requester")),
                                   name="bilateral_not_with_itself"),
            models.CheckConstraint(condition=Q(duration_minutes__gte=5),
                                   name="bilateral_at_least_five_minutes"),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.requester} – {self.counterpart or self.host_leader}"
