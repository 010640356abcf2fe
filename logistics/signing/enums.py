"""The signing ceremony's choices: where a state signs, and how the plenary's order is drawn."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningPlace(models.TextChoices):
    PLENARY = "plenary", _("Plenary ceremony")
    TREATY_DESK = "treaty_desk", _("Treaty desk")


class PlenaryOrderRule(models.TextChoices):
    """How the protocol office orders the plenary signings."""

    PRECEDENCE = "precedence", _("By level, then alphabetically")
    ALPHABETICAL_FROM_LETTER = "alphabetical_from_letter", _("Alphabetically from a drawn letter")
