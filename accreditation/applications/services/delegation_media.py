"""Delegation media: a delegation with a dignitary may bring one photographer and one camera
operator, accredited through the delegation instead of an outlet.

Each place counts every open application (live, or held as a possible duplicate), here and
in the constraint application_delegation_media_once alike: a held application is answered
as a new one (services.duplicates), so a place it left free would tell its sender that the
ID number it gave is someone's. A place is free again once its application is rejected or
withdrawn."""

from django.utils.translation import gettext as _

from accreditation.applications.models.applications import Application
from accreditation.enums import DELEGATION_MEDIA_ROLES, MEDIA_KINDS, OPEN_STATUSES
from accreditation.errors import DelegationMediaRule
from logistics.delegations.enums import DelegationLevel

# "A delegation with a dignitary": led at ministerial level or above.
DIGNITARY_LEVELS = (DelegationLevel.HEAD_OF_STATE, DelegationLevel.HEAD_OF_GOVERNMENT,
                    DelegationLevel.FOREIGN_MINISTER, DelegationLevel.MINISTER)


def check_delegation_media(application):
    """Raise DelegationMediaRule unless a media application through a delegation may take
    its place; anything else passes."""
    if not (application.delegation_id and application.category.kind in MEDIA_KINDS):
        return
    delegation = application.delegation
    if delegation.head_level not in DIGNITARY_LEVELS:
        raise DelegationMediaRule(
            _("Only a delegation led by a head of state or government or a minister brings "
              "its own media; %(delegation)s is not.") % {"delegation": delegation})
    if application.media_role not in DELEGATION_MEDIA_ROLES:
        raise DelegationMediaRule(
            _("A delegation brings one photographer and one camera operator; other media "
              "apply through their outlet."))
    taken = Application.objects.filter(delegation=delegation, media_role=application.media_role,
                                       status__in=OPEN_STATUSES).exclude(pk=application.pk)
    if taken.exists():
        raise place_taken(application)


def place_taken(application):
    """The refusal of an application whose delegation already has its media role (also when
    the constraint, not the check, found it so)."""
    return DelegationMediaRule(
        _("%(delegation)s already has its %(role)s.")
        % {"delegation": application.delegation,
           "role": application.get_media_role_display().lower()})
