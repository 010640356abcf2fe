from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles, held as Django groups of the same name."""

    SECRETARIAT = "secretariat", _("Secretariat")
    STEERING = "steering", _("Steering committee")
    FOCAL_POINT = "focal_point", _("Agency focal point")
    OBSERVER = "observer", _("Observer")
    PROTOCOL = "protocol", _("Protocol officer")


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    CITY = "city", _("City authority")
    POLICE = "police", _("Police unit or locality")
    ASSOCIATION = "association", _("Association")
    UN_ENTITY = "un_entity", _("UN entity")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class CommitteeKind(models.TextChoices):
    STEERING = "steering", _("Steering committee")
    WORKING_GROUP = "working_group", _("Working group")
    SUBCOMMITTEE = "subcommittee", _("Subcommittee")


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A task in one of these no longer owes anything: never overdue, never reminded.
CLOSED_TASK_STATUSES = (TaskStatus.DONE, TaskStatus.CANCELLED)


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    ESCALATION = "escalation", _("Escalation")
    DIGEST = "digest", _("Daily digest")
    WEEKLY = "weekly", _("Weekly note")


TASK_REMINDER_KINDS = (ReminderKind.DUE_SOON, ReminderKind.OVERDUE, ReminderKind.ESCALATION)


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


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


class DelegationLevel(models.TextChoices):
    """The head of delegation's rank, highest first: the order of protocol precedence."""

    HEAD_OF_STATE = "head_of_state", _("Head of State")
    HEAD_OF_GOVERNMENT = "head_of_government", _("Head of Government")
    FOREIGN_MINISTER = "foreign_minister", _("Minister for Foreign Affairs")
    MINISTER = "minister", _("Other minister")
    VICE_MINISTER = "vice_minister", _("Vice-minister")
    AMBASSADOR = "ambassador", _("Ambassador")
    SENIOR_OFFICIAL = "senior_official", _("Senior official")


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
