"""Delegations' choices: the UN regional groups, kinds of delegation (and which are states,
in the order of precedence), levels (and their rank), statuses and their moves, gender."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European")
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean", _("Latin American and Caribbean")
    WESTERN_EUROPEAN_OTHERS = "western_european_others", _("Western European and Others")


class DelegationKind(models.TextChoices):
    STATE = "state", _("State")
    OBSERVER_STATE = "observer_state", _("Observer state")
    IGO = "igo", _("Intergovernmental organisation")
    UN_ENTITY = "un_entity", _("UN entity")
    NGO = "ngo", _("Non-governmental organisation")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    RESEARCH = "research", _("Research institution")


# Delegations that represent a country (and so have one).
STATE_KINDS = (DelegationKind.STATE, DelegationKind.OBSERVER_STATE)


# The order of precedence of a UN conference's documents (the list of participants): states,
# then observer states, then the United Nations' own bodies before other intergovernmental
# organisations, then non-governmental organisations, research institutions and the private
# sector. Within a kind, the English alphabetical order of the names
# (logistics.delegations.queries.participants.precedence_key).
KIND_PRECEDENCE = (DelegationKind.STATE, DelegationKind.OBSERVER_STATE, DelegationKind.UN_ENTITY,
                   DelegationKind.IGO, DelegationKind.NGO, DelegationKind.RESEARCH,
                   DelegationKind.PRIVATE_SECTOR)


class DelegationLevel(models.TextChoices):
    """The head of delegation's rank, highest first: the order of protocol precedence."""

    HEAD_OF_STATE = "head_of_state", _("Head of State")
    HEAD_OF_GOVERNMENT = "head_of_government", _("Head of Government")
    FOREIGN_MINISTER = "foreign_minister", _("Minister for Foreign Affairs")
    MINISTER = "minister", _("Other minister")
    VICE_MINISTER = "vice_minister", _("Vice-minister")
    AMBASSADOR = "ambassador", _("Ambassador")
    SENIOR_OFFICIAL = "senior_official", _("Senior official")


# Protocol precedence: 0 for a head of state, then down the levels; a level not given comes
# after every other.
LEVEL_RANK = {level: rank for rank, level in enumerate(DelegationLevel.values)}


# Vienna Convention on the Law of Treaties, art. 7(2)(a): these sign without full powers.
FULL_POWERS_EXEMPT_LEVELS = (DelegationLevel.HEAD_OF_STATE, DelegationLevel.HEAD_OF_GOVERNMENT,
                             DelegationLevel.FOREIGN_MINISTER)


class DelegationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    REGISTERED = "registered", _("Registered")
    ARRIVED = "arrived", _("Arrived")
    DEPARTED = "departed", _("Departed")
    DECLINED = "declined", _("Declined")


# The moves the protocol office may make; anything else is refused.
DELEGATION_TRANSITIONS = {
    DelegationStatus.INVITED: {DelegationStatus.CONFIRMED, DelegationStatus.REGISTERED,
                               DelegationStatus.DECLINED},
    DelegationStatus.CONFIRMED: {DelegationStatus.REGISTERED, DelegationStatus.DECLINED},
    DelegationStatus.REGISTERED: {DelegationStatus.ARRIVED, DelegationStatus.DECLINED},
    DelegationStatus.ARRIVED: {DelegationStatus.DEPARTED},
    DelegationStatus.DEPARTED: set(),
    DelegationStatus.DECLINED: {DelegationStatus.INVITED},
}


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not stated")


def precedence_rank(level):
    return LEVEL_RANK.get(level, len(LEVEL_RANK))
