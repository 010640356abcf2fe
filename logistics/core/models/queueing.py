"""Celery messages the broker refused, kept until it takes them again (core.queueing)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnsentTask(models.Model):
    """A Celery message the broker refused after its transaction committed (Redis down or
    unreachable). It waits here until the `resend-unsent-tasks` sweep finds the broker
    answering again. Every task claims its own work in the database (a mail's sent stamp, a
    reminder's status, a batch's row lock), so a message that went out twice does its work
    once."""

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    created_at = models.DateTimeField(_("refused at"), auto_now_add=True, db_index=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("unsent task")
        verbose_name_plural = _("unsent tasks")

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"
