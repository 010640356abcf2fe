"""Bilateral meetings' statuses and their moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BilateralStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    DECLINED = "declined", _("Declined")


BILATERAL_TRANSITIONS = {
    BilateralStatus.REQUESTED: {BilateralStatus.SCHEDULED, BilateralStatus.DECLINED},
    BilateralStatus.SCHEDULED: {BilateralStatus.HELD, BilateralStatus.DECLINED,
                                BilateralStatus.SCHEDULED},
    BilateralStatus.HELD: set(),
    BilateralStatus.DECLINED: {BilateralStatus.REQUESTED},
}
