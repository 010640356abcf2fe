"""Side events' choices: formats, a proposal's statuses and moves, parts of the day, and the
review's scores."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SideEventFormat(models.TextChoices):
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    EXHIBITION_BOOTH = "exhibition_booth", _("Exhibition booth")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The programme office's decisions; the organiser may withdraw until the event.
PROPOSAL_TRANSITIONS = {
    ProposalStatus.SUBMITTED: {ProposalStatus.ACCEPTED, ProposalStatus.WAITLISTED,
                               ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN},
    ProposalStatus.WAITLISTED: {ProposalStatus.ACCEPTED, ProposalStatus.REJECTED,
                                ProposalStatus.WITHDRAWN},
    ProposalStatus.ACCEPTED: {ProposalStatus.WITHDRAWN},
    ProposalStatus.REJECTED: set(),
    ProposalStatus.WITHDRAWN: set(),
}


class DayPart(models.TextChoices):
    """A preferred slot on a proposal: a day of the event and a part of it."""

    MORNING = "am", _("Morning")
    AFTERNOON = "pm", _("Afternoon")
    EVENING = "eve", _("Evening")


# Review scores, 1 (weak) to 5 (excellent).
REVIEW_SCORE_MIN = 1


REVIEW_SCORE_MAX = 5
