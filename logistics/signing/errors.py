"""The signing ceremony's refusals (see logistics.core.errors)."""

from django.utils.translation import gettext as _

from logistics.core.errors import AccordError, Conflict


def _signatory(signing):
    level = signing.get_signatory_level_display() or _("level not stated")
    name = signing.signatory_name or _("the signatory")
    return _("%(name)s (%(level)s)") % {"name": name, "level": level}


class FullPowersMissing(Conflict):
    """The signatory needs full powers (VCLT art. 7) and they are not verified."""

    code = "full_powers_missing"

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


class FullPowersNotReceived(Conflict):
    code = "full_powers_not_received"


class NotAState(AccordError):
    code = "not_a_state"


class AlreadySigned(Conflict):
    code = "already_signed"


class NotInPlenary(Conflict):
    code = "not_in_plenary"


class InvalidOrderRule(AccordError):
    code = "invalid_order_rule"


class NotSigned(Conflict):
    """There is no signature to undo."""

    code = "not_signed"
