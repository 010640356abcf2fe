"""The master plan's choices: a task's status (and which statuses are closed), and which
reminder kinds are about tasks and which about delegations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from logistics.core.enums import ReminderKind


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A task in one of these no longer owes anything: never overdue, never reminded.
CLOSED_TASK_STATUSES = (TaskStatus.DONE, TaskStatus.CANCELLED)


TASK_REMINDER_KINDS = (ReminderKind.DUE_SOON, ReminderKind.OVERDUE, ReminderKind.ESCALATION)


DELEGATION_REMINDER_KINDS = (ReminderKind.REGISTRATION_DUE, ReminderKind.REGISTRATION_INCOMPLETE,
                             ReminderKind.REGISTRATION_RECHECK)
