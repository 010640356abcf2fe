"""The gates: Checkpoints (each into one zone), every Scan with its decision, and the
GateLookups made by name when a badge's code cannot be read."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accreditation.badges.models import Badge
from accreditation.enums import CheckpointMode, DenyReason, Direction, ManualReason, ScanResult
from accreditation.setup.models import Zone
from logistics.core.models.event import Event


class Checkpoint(models.Model):
    """A gate into a zone. It counts entries, exits or both, so each zone knows how many
    people are inside."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="checkpoints",
                              verbose_name=_("event"))
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="checkpoints",
                             verbose_name=_("zone"))
    name = models.CharField(_("name"), max_length=100)
    mode = models.CharField(_("counts"), max_length=10, choices=CheckpointMode.choices,
                            default=CheckpointMode.ENTRY)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["zone__code", "name"]
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        constraints = [models.UniqueConstraint(fields=["event", "name"],
                                               name="checkpoint_name_unique")]

    def __str__(self):
        return self.name


class GateLookup(models.Model):
    """A gate operator's search for a badge whose code cannot be read: by the number printed
    on it or by its holder's name, among the badges that open this checkpoint's zone. The log
    of every search, admitted or not; and the only way to a manual admission, which names a
    badge this lookup showed, by the same operator, soon after (services/gate_lookups.py)."""

    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="lookups",
                                   verbose_name=_("checkpoint"))
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("operator"))
    # As typed: a badge number or a name (personal data, emptied by the purge).
    query = models.CharField(_("looked up"), max_length=100)
    by_number = models.BooleanField(_("by badge number"))
    # The badges shown (at most LOOKUP_LIMIT), and whether more matched than were shown.
    badges = models.ManyToManyField(Badge, blank=True, related_name="+",
                                    verbose_name=_("badges shown"))
    found = models.PositiveSmallIntegerField(_("badges shown"))
    more = models.BooleanField(_("more matched"), default=False)
    looked_up_at = models.DateTimeField(_("looked up at"), auto_now_add=True)

    class Meta:
        ordering = ["-looked_up_at", "-id"]
        verbose_name = _("gate lookup")
        verbose_name_plural = _("gate lookups")
        indexes = [models.Index(fields=["checkpoint", "looked_up_at"],
                                name="lookup_checkpoint_time")]

    def __str__(self):
        return f"{self.checkpoint_id}: {self.query}"


class Scan(models.Model):
    """One reading of a code at a checkpoint and the answer given. `client_scan_id` is the
    scanner's own id for the reading: a retry (or an offline upload sent twice) is recorded
    once and answered as the first time."""

    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="scans",
                                   verbose_name=_("checkpoint"))
    badge = models.ForeignKey(Badge, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="scans", verbose_name=_("badge"))
    # The start of an unknown code, to investigate; never more.
    code_excerpt = models.CharField(_("code"), max_length=40, blank=True)
    client_scan_id = models.CharField(_("client scan id"), max_length=64, unique=True)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices,
                                 default=Direction.IN)
    result = models.CharField(_("result"), max_length=5, choices=ScanResult.choices)
    reason = models.CharField(_("reason"), max_length=20, blank=True,
                              choices=DenyReason.choices)
    scanned_at = models.DateTimeField(_("scanned"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    offline = models.BooleanField(_("decided offline"), default=False)
    operator = models.CharField(_("operator"), max_length=150, blank=True)
    # A manual admission: the lookup it followed (one scan per lookup, the claim that a
    # second click records nothing twice) and why the code was not read.
    lookup = models.OneToOneField(GateLookup, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="scan", verbose_name=_("lookup"))
    # A default in the database too: the demo and other bulk inserts name no such column.
    manual_reason = models.CharField(_("entered by hand because"), max_length=20, blank=True,
                                     choices=ManualReason.choices, default="", db_default="")

    class Meta:
        ordering = ["-scanned_at", "-id"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        indexes = [
            models.Index(fields=["checkpoint", "scanned_at"], name="scan_checkpoint_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(lookup__isnull=True, manual_reason="")
                | Q(lookup__isnull=False) & ~Q(manual_reason=""),
                name="scan_manual_has_reason"),
        ]

    def __str__(self):
        return f"{self.client_scan_id}: {self.result}"

    @property
    def manual(self):
        return self.lookup_id is not None
