"""Domain errors: each has a stable code that the API and the UI show."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class AccordError(Exception):
    code = "error"
    http_status = 400

    def __init__(self, message, *, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotAllowed(AccordError):
    code = "not_allowed"
    http_status = 403


class DependencyCycle(AccordError):
    code = "dependency_cycle"


class InvalidTask(AccordError):
    code = "invalid_task"


class ImportRejected(AccordError):
    """An import file had errors; `errors` lists every one, nothing was written."""

    code = "import_rejected"

    def __init__(self, errors):
        super().__init__(ngettext("%(count)s error(s); nothing was imported.",
                                  "%(count)s error(s); nothing was imported.",
                                  len(errors)) % {"count": len(errors)})
        self.errors = errors
        self.fields = {"rows": [str(e) for e in errors]}


class InvalidTransition(AccordError):
    code = "invalid_transition"
    http_status = 409


class QuotaExceeded(AccordError):
    code = "quota_exceeded"
    http_status = 409


class InvitationUnusable(AccordError):
    """An invitation link that is unknown, revoked or past the registration deadline."""

    code = "invitation_unusable"
    http_status = 404


# The programme


class InvalidSession(AccordError):
    code = "invalid_session"


class RoomClash(AccordError):
    """The room already holds a scheduled session that overlaps."""

    code = "room_clash"
    http_status = 409


class PersonClash(AccordError):
    """A head of delegation or a host leader is already in another session at that time."""

    code = "person_clash"
    http_status = 409


class CapacityExceeded(AccordError):
    code = "capacity_exceeded"
    http_status = 409


class InvalidVenue(AccordError):
    code = "invalid_venue"


class InvalidRoom(AccordError):
    code = "invalid_room"


# The signing ceremony


def _signatory(signing):
    level = signing.get_signatory_level_display() or _("level not stated")
    name = signing.signatory_name or _("the signatory")
    return _("%(name)s (%(level)s)") % {"name": name, "level": level}


class FullPowersMissing(AccordError):
    """The signatory needs full powers (VCLT art. 7) and they are not verified."""

    code = "full_powers_missing"
    http_status = 409

    @classmethod
    def for_schedule(cls, signing):
        return cls(_("%(state)s cannot be scheduled to sign: %(signatory)s needs full powers, "
                     "and they are not verified yet.")
                   % {"state": signing.state_name, "signatory": _signatory(signing)})

    @classmethod
    def for_signature(cls, signing):
        return cls(_("%(state)s cannot sign: %(signatory)s needs full powers, and they are not "
                     "verified yet.")
                   % {"state": signing.state_name, "signatory": _signatory(signing)})


class FullPowersNotReceived(AccordError):
    code = "full_powers_not_received"
    http_status = 409


class NotAState(AccordError):
    code = "not_a_state"


class AlreadySigned(AccordError):
    code = "already_signed"
    http_status = 409


class NotInPlenary(AccordError):
    code = "not_in_plenary"
    http_status = 409


class InvalidOrderRule(AccordError):
    code = "invalid_order_rule"


# Side events


class InvalidProposal(AccordError):
    """A side-event proposal with bad input; `fields` names every field at fault."""

    code = "invalid_proposal"


class ProposalsClosed(AccordError):
    """The event no longer accepts side-event proposals (it has started)."""

    code = "proposals_closed"
    http_status = 409


class InvalidReview(AccordError):
    code = "invalid_review"


class ReviewClosed(AccordError):
    """The proposal has been decided; its reviews are final."""

    code = "review_closed"
    http_status = 409


class ConfirmationUnusable(AccordError):
    """An organiser's confirmation link that is unknown, not for an accepted side event, or
    past the start of the event."""

    code = "confirmation_unusable"
    http_status = 404


# The speakers list and bilateral meetings


class InvalidSpeaker(AccordError):
    """A statement that cannot go on the list: wrong session, bad language code, time limit."""

    code = "invalid_speaker"


class AlreadyInscribed(AccordError):
    """A delegation makes one statement per session."""

    code = "already_inscribed"
    http_status = 409


class InvalidBilateral(AccordError):
    code = "invalid_bilateral"


# Delegations: credentials and invitations


class CredentialsMissing(AccordError):
    """The note verbale or nomination letter has not been uploaded: nothing to check."""

    code = "credentials_missing"
    http_status = 409


class InvitationRejected(AccordError):
    """A bulk invitation with errors; `errors` names each country or line, nothing was sent."""

    code = "invitation_rejected"

    def __init__(self, errors):
        super().__init__(ngettext("%(count)s error; nobody was invited.",
                                  "%(count)s errors; nobody was invited.",
                                  len(errors)) % {"count": len(errors)})
        self.errors = errors
        self.fields = {"lines": [str(e) for e in errors]}


# The programme, the signing ceremony and bilaterals (UX fixes)


class NothingToPublish(AccordError):
    """The public programme is the same as in the latest version: no empty version."""

    code = "nothing_to_publish"
    http_status = 409


class SessionOwned(AccordError):
    """A bilateral's or side event's session moves or is cancelled through its owner."""

    code = "session_owned"
    http_status = 409


class NotSigned(AccordError):
    """There is no signature to undo."""

    code = "not_signed"
    http_status = 409
