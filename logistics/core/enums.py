"""The choices every part shares, in the committee's own words: staff roles, kinds of
agencies and committees, the kinds of reminder and of mail, and where a mail of the outbox
stands. Each value is stored; each label is translated. Each part keeps its own choices in
its `enums` module (plan, delegations, programme, signing, bilaterals, side events).
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
