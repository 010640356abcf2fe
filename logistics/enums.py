from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles, held as Django groups of the same name."""

    SECRETARIAT = "secretariat", _("Secretariat")
    STEERING = "steering", _("Steering committee")
    FOCAL_POINT = "focal_point", _("Agency focal point")
    OBSERVER = "observer", _("Observer")


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
