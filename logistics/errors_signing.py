"""Domain errors of the signing ceremony; kept apart from errors.py for now, to be merged."""

from django.utils.translation import gettext as _

from logistics.errors import AccordError


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
