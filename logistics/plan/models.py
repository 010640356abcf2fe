"""The master plan: Tasks (lead agency, coordinating agencies, deadline, progress), the
TaskUpdate every change leaves, the Reminders sent about them, and the daily
ReadinessSnapshot that draws the steering committee's curve."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from logistics.core.enums import ReminderKind
from logistics.core.models.event import Agency, Committee, Event
from logistics.core.models.mail import OutgoingMail
from logistics.plan.enums import (
    CLOSED_TASK_STATUSES,
    DELEGATION_REMINDER_KINDS,
    TASK_REMINDER_KINDS,
    TaskStatus,
)


class Task(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tasks",
                              verbose_name=_("event"))
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    committee = models.ForeignKey(Committee, on_delete=models.RESTRICT, related_name="tasks",
                                  verbose_name=_("committee"))
    lead_agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="led_tasks",
                                    verbose_name=_("lead agency"))
    coordinating_agencies = models.ManyToManyField(Agency, blank=True,
                                                   related_name="coordinated_tasks",
                                                   verbose_name=_("coordinating agencies"))
    start_date = models.DateField(_("start"), null=True, blank=True)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices,
                              default=TaskStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True,
                                        related_name="dependents",
                                        verbose_name=_("depends on"))
    parent = models.ForeignKey("self", on_delete=models.RESTRICT, null=True, blank=True,
                               related_name="children", verbose_name=_("parent task"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["due_date", "code"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="task_code_unique"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_max_100"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(start_date__lte=models.F("due_date")),
                name="task_starts_before_due"),
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.DONE) | Q(progress=100),
                name="task_done_is_complete"),
        ]
        indexes = [models.Index(fields=["event", "status", "due_date"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("logistics:task_detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status in CLOSED_TASK_STATUSES

    def days_late(self, today):
        if self.is_closed or self.due_date >= today:
            return 0
        return (today - self.due_date).days


class TaskUpdate(models.Model):
    """One change to a task: who, when, what changed (field: [before, after]), and why."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates",
                             verbose_name=_("task"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="task_updates",
                               verbose_name=_("author"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Who, when it was not a person: the integration (API key) or the import that did it.
    via = models.CharField(_("via"), max_length=120, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("task update")
        verbose_name_plural = _("task updates")

    def __str__(self):
        return f"{self.task.code} @ {self.created_at:%Y-%m-%d %H:%M}"


class Reminder(models.Model):
    """A reminder the sweep decided to send. Its row is claimed before the mail is queued,
    and the unique constraints below are what make the sweep idempotent: a second sweep, a
    duplicate beat or a redelivered message cannot claim the same reminder twice. Its mail
    (to whom, whether and when it went, the error) is its row of the outbox, `mail`."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminders",
                              verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="reminders", verbose_name=_("task"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="reminders", verbose_name=_("agency"))
    delegation = models.ForeignKey("Delegation", on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="reminders",
                                   verbose_name=_("delegation"))
    proposal = models.ForeignKey("SideEventProposal", on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="reminders",
                                 verbose_name=_("side-event proposal"))
    # The day the reminder is about: the deadline for "due soon" and escalations (once per
    # deadline), the local day for "overdue" (once a day), digests and weekly notes.
    for_date = models.DateField(_("for"))
    level = models.PositiveSmallIntegerField(
        _("level"), default=0, help_text=_("Days before (due soon) or after (late) the deadline."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    mail = models.OneToOneField(OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="reminder", verbose_name=_("mail"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "kind", "for_date"], condition=Q(task__isnull=False),
                name="reminder_once_per_task_kind_day"),
            models.UniqueConstraint(
                fields=["event", "kind", "for_date"], condition=Q(kind=ReminderKind.DIGEST),
                name="reminder_one_digest_a_day"),
            models.UniqueConstraint(
                fields=["agency", "kind", "for_date"], condition=Q(kind=ReminderKind.WEEKLY),
                name="reminder_one_weekly_note_per_agency"),
            models.UniqueConstraint(
                fields=["delegation", "kind", "for_date"], condition=Q(delegation__isnull=False),
                name="reminder_once_per_delegation_kind_day"),
            models.UniqueConstraint(
                fields=["proposal", "kind", "for_date"], condition=Q(proposal__isnull=False),
                name="reminder_once_per_proposal_kind_day"),
            # Told once, whatever day or however often the re-check runs.
            models.UniqueConstraint(
                fields=["delegation", "kind"],
                condition=Q(kind=ReminderKind.REGISTRATION_RECHECK),
                name="reminder_one_recheck_per_delegation"),
            models.CheckConstraint(
                condition=~Q(kind__in=DELEGATION_REMINDER_KINDS) | Q(delegation__isnull=False),
                name="reminder_delegation_kinds_have_delegation"),
            models.CheckConstraint(
                condition=~Q(kind=ReminderKind.PROPOSAL_CONFIRMATION) | Q(proposal__isnull=False),
                name="reminder_confirmation_has_proposal"),
            models.CheckConstraint(
                condition=~Q(kind__in=TASK_REMINDER_KINDS) | Q(task__isnull=False),
                name="reminder_task_kinds_have_task"),
            models.CheckConstraint(
                condition=~Q(kind=ReminderKind.WEEKLY) | Q(agency__isnull=False),
                name="reminder_weekly_has_agency"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.for_date}"

    @property
    def mail_key(self):
        return f"reminder:{self.pk}"


class ReadinessSnapshot(models.Model):
    """The plan's readiness as it stood on one day at the venue: the steering committee's
    chart draws the actual curve from these. One row per event and day, held by the
    database: the beat task and the day's first dashboard both try to write it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE,
                              related_name="readiness_snapshots", verbose_name=_("event"))
    day = models.DateField(_("day"))
    # The average progress of the tasks that count (queries.readiness), in percent.
    progress = models.FloatField(_("readiness (%)"))
    taken_at = models.DateTimeField(_("taken"), auto_now_add=True)

    class Meta:
        ordering = ["event", "day"]
        verbose_name = _("readiness snapshot")
        verbose_name_plural = _("readiness snapshots")
        constraints = [models.UniqueConstraint(fields=["event", "day"],
                                               name="readiness_snapshot_once_a_day")]

    def __str__(self):
        return f"{self.event_id} {self.day}: {self.progress:.1f}%"
