"""The choices of the host committee's data, in its own words: staff roles, kinds of
agencies and committees, task and reminder statuses, UN regional groups, delegation kinds,
levels and statuses, gender, session kinds, media access and statuses, signing places and
the plenary's order, speakers', bilaterals' and side events' statuses and formats. Each
value is stored; each label is translated. Rules that read them (which task statuses are
closed, which delegation kinds are states) sit beside them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles, held as Django groups of the same name."""

    SECRETARIAT = "secretariat", _("Secretariat")
    STEERING = "steering", _("Steering committee")
    FOCAL_POINT = "focal_point", _("Agency focal point")
    OBSERVER = "observer", _("Observer")
    PROTOCOL = "protocol", _("Protocol officer")
    PROGRAMME = "programme", _("Programme officer")
    ACCREDITATION = "accreditation", _("Accreditation officer")
    VETTING = "vetting", _("Security vetting officer")
    GATE = "gate", _("Gate operator")


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
    # Delegations and side events
    REGISTRATION_DUE = "registration_due", _("Registration not yet made")
    REGISTRATION_INCOMPLETE = "registration_incomplete", _("Registration incomplete")
    # Once per delegation: its registration, marked complete before the badge and vetting
    # details were required, lacks some (logistics.reminders.services.registrations_recheck).
    REGISTRATION_RECHECK = "registration_recheck", _("Registration re-checked")
    PROPOSAL_CONFIRMATION = "proposal_confirmation", _("Side event not yet confirmed")


TASK_REMINDER_KINDS = (ReminderKind.DUE_SOON, ReminderKind.OVERDUE, ReminderKind.ESCALATION)
DELEGATION_REMINDER_KINDS = (ReminderKind.REGISTRATION_DUE, ReminderKind.REGISTRATION_INCOMPLETE,
                             ReminderKind.REGISTRATION_RECHECK)


class MailKind(models.TextChoices):
    """Every kind of mail Accord sends (logistics.core.mail). A reminder's is its ReminderKind."""

    DUE_SOON = ReminderKind.DUE_SOON.value, ReminderKind.DUE_SOON.label
    OVERDUE = ReminderKind.OVERDUE.value, ReminderKind.OVERDUE.label
    ESCALATION = ReminderKind.ESCALATION.value, ReminderKind.ESCALATION.label
    DIGEST = ReminderKind.DIGEST.value, ReminderKind.DIGEST.label
    WEEKLY = ReminderKind.WEEKLY.value, ReminderKind.WEEKLY.label
    REGISTRATION_DUE = ReminderKind.REGISTRATION_DUE.value, ReminderKind.REGISTRATION_DUE.label
    REGISTRATION_INCOMPLETE = (ReminderKind.REGISTRATION_INCOMPLETE.value,
                               ReminderKind.REGISTRATION_INCOMPLETE.label)
    REGISTRATION_RECHECK = (ReminderKind.REGISTRATION_RECHECK.value,
                            ReminderKind.REGISTRATION_RECHECK.label)
    PROPOSAL_CONFIRMATION = (ReminderKind.PROPOSAL_CONFIRMATION.value,
                             ReminderKind.PROPOSAL_CONFIRMATION.label)
    INVITATION = "invitation", _("Invitation to register")
    PROPOSAL_RECEIVED = "proposal_received", _("Side-event proposal received")
    PROPOSAL_DECISION = "proposal_decision", _("Side-event decision")
    PROGRAMME_CHANGES = "programme_changes", _("Programme changes")
    APPLICATION_STATUS = "application_status", _("Accreditation application status")


class MailStatus(models.TextChoices):
    """Where a mail of the outbox stands (logistics.core.mail)."""

    # Waiting for a worker: just queued, or given back after an error for the retry.
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # A public submission's mail past its address's MAIL_PER_ADDRESS_PER_DAY: never sent.
    HELD = "held", _("Held back")


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


def precedence_rank(level):
    return LEVEL_RANK.get(level, len(LEVEL_RANK))


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


# The programme

class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")
    PLENARY = "plenary", _("Plenary")
    HIGH_LEVEL_DEBATE = "high_level_debate", _("High-level debate")
    ROUNDTABLE = "roundtable", _("Roundtable")
    SEMINAR = "seminar", _("Seminar")
    SIDE_EVENT = "side_event", _("Side event")
    EXHIBITION = "exhibition", _("Exhibition")
    BILATERAL = "bilateral", _("Bilateral meeting")
    PRESS_CONFERENCE = "press_conference", _("Press conference")
    REHEARSAL = "rehearsal", _("Rehearsal")
    CULTURAL = "cultural", _("Cultural programme")
    RECEPTION = "reception", _("Reception")


class MediaAccess(models.TextChoices):
    OPEN = "open", _("Open to media")
    POOL = "pool", _("Media pool only")
    CLOSED = "closed", _("Closed to media")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


# The signing ceremony

class SigningPlace(models.TextChoices):
    PLENARY = "plenary", _("Plenary ceremony")
    TREATY_DESK = "treaty_desk", _("Treaty desk")


class PlenaryOrderRule(models.TextChoices):
    """How the protocol office orders the plenary signings."""

    PRECEDENCE = "precedence", _("By level, then alphabetically")
    ALPHABETICAL_FROM_LETTER = "alphabetical_from_letter", _("Alphabetically from a drawn letter")


class SpeakerStatus(models.TextChoices):
    INSCRIBED = "inscribed", _("Inscribed")
    SPOKEN = "spoken", _("Spoken")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BilateralStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    DECLINED = "declined", _("Declined")


BILATERAL_TRANSITIONS = {
    BilateralStatus.REQUESTED: {BilateralStatus.SCHEDULED, BilateralStatus.DECLINED},
    BilateralStatus.SCHEDULED: {BilateralStatus.HELD, BilateralStatus.DECLINED,
                                BilateralStatus.SCHEDULED},
    BilateralStatus.HELD: set(),
    BilateralStatus.DECLINED: {BilateralStatus.REQUESTED},
}


# Side events

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
