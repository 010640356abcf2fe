"""The side events' refusals (see logistics.core.errors)."""

from logistics.core.errors import AccordError, Conflict, LinkUnusable


class InvalidProposal(AccordError):
    """A side-event proposal with bad input; `fields` names every field at fault."""

    code = "invalid_proposal"


class ProposalsClosed(Conflict):
    """The event no longer accepts side-event proposals (it has started)."""

    code = "proposals_closed"


class InvalidReview(AccordError):
    code = "invalid_review"


class ReviewClosed(Conflict):
    """The proposal has been decided; its reviews are final."""

    code = "review_closed"


class ConfirmationUnusable(LinkUnusable):
    """An organiser's confirmation link that is unknown, not for an accepted side event, or
    past the start of the event."""

    code = "confirmation_unusable"
