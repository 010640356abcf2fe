"""Choices of the signing ceremony. Kept apart from enums.py for now; to be merged into it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningPlace(models.TextChoices):
    PLENARY = "plenary", _("Plenary ceremony")
    TREATY_DESK = "treaty_desk", _("Treaty desk")


class PlenaryOrderRule(models.TextChoices):
    """How the protocol office orders the plenary signings."""

    PRECEDENCE = "precedence", _("By level, then alphabetically")
    ALPHABETICAL_FROM_LETTER = "alphabetical_from_letter", _("Alphabetically from a drawn letter")


# The convention enters into force once this many states have signed (shown beside the count).
SIGNATURE_THRESHOLD = 40
