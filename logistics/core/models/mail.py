"""The outbox (OutgoingMail: every mail Accord sends, queued, sent or failed) and the
per-address count that limits mail to addresses the public types."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from logistics.core.enums import MailKind, MailStatus


class MailCount(models.Model):
    """The mails public submissions caused on one day to one address the public typed (an
    applicant's, a side-event organiser's), which MAIL_PER_ADDRESS_PER_DAY caps; the staff's
    mails are not counted. The address is kept only as a keyed digest, and a day's rows go
    once it is over (logistics/core/mail.py)."""

    address_digest = models.CharField(_("address digest"), max_length=64)
    day = models.DateField(_("day"), db_index=True)
    count = models.PositiveIntegerField(_("mails"), default=0)

    class Meta:
        verbose_name = _("mail count")
        verbose_name_plural = _("mail counts")
        constraints = [
            # One row per address and day: the counter every process increments.
            models.UniqueConstraint(fields=["address_digest", "day"],
                                    name="mail_count_one_per_address_and_day"),
        ]

    def __str__(self):
        return f"{self.day}: {self.count}"


class OutgoingMail(models.Model):
    """The outbox: one row per mail Accord sends, whatever its kind, written by
    logistics.core.mail alone. Its `key` names what the mail is about ("reminder:12",
    "transition:345", "programme:7:<keyed digest of the address>"), never an address: the
    unique key is the claim that sends each mail once, however often its task runs. The
    secretariat reads it (logistics:outbox) to see what went, what waits and what failed and
    why. The addresses are personal data (docs/PERSONAL_DATA.md), emptied by the purge."""

    event = models.ForeignKey("Event", on_delete=models.CASCADE, related_name="mails",
                              verbose_name=_("event"))
    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=MailKind.choices)
    recipients = models.JSONField(_("to"), default=list, blank=True)
    cc = models.JSONField(_("copy"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MailStatus.choices,
                              default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The mail server's or our own error, addresses blanked (logistics.core.redaction).
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When the mail was last queued or taken by a worker: a queued or sending row untouched
    # for long lost its message or its worker.
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [
            # The outbox page: an event's mails, newest first, by status or kind.
            models.Index(fields=["event", "-created_at", "-id"], name="mail_event_newest"),
            models.Index(fields=["status", "queued_at"], name="mail_status_queued"),
        ]

    def __str__(self):
        return self.key
