from django.db import models
from django.utils.translation import gettext_lazy as _


class MailCount(models.Model):
    """The mails public submissions caused on one day to one address the public typed (an
    applicant's, a side-event organiser's), which MAIL_PER_ADDRESS_PER_DAY caps; the staff's
    mails are not counted. The address is kept only as a keyed digest, and a day's rows go
    once it is over (logistics/public_mail.py)."""

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
