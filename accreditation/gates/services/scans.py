"""A scan at a gate: decide allow or deny, record it once, answer the same on a retry.

The hot path of the event's mornings, so it is lean: the checkpoint comes from a short
in-process cache, the badge with its holder in one select, the scan in one insert (both
compiled once per process: accreditation/gates/queries/scan_path.py). The
client's scan id is unique in the database: a retry, or an offline upload sent twice, fails
that insert, finds the first record and gets the first answer, whatever happened since.
"""

import time
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.enums import BadgeStatus, CheckpointMode, DenyReason, Direction, ScanResult
from accreditation.gates.models import Checkpoint, Scan
from accreditation.gates.queries import scan_path
from logistics.core.errors import Conflict

CHECKPOINT_CACHE_SECONDS = 30
# How old an offline reading may be and still be judged at its own time (see reading_time).
OFFLINE_WINDOW = timedelta(days=1)
_checkpoints = {}

# A badge that no longer opens anything, and what the gate is told. A suspended badge (a late
# security vetting flag) sends the holder to the office without saying why.
STATUS_REASONS = {BadgeStatus.REVOKED: DenyReason.REVOKED, BadgeStatus.LOST: DenyReason.LOST,
                  BadgeStatus.REPLACED: DenyReason.REPLACED,
                  BadgeStatus.SUSPENDED: DenyReason.SUSPENDED}


class UnknownCheckpoint(Exception):
    pass


@dataclass
class Answer:
    result: str
    reason: str = ""
    badge: Badge | None = None
    scan: Scan | None = None
    repeated: bool = False  # a retry of a scan already recorded
    holder: scan_path.Holder | None = None  # who the badge belongs to, for the guard
    extra: dict = field(default_factory=dict)

    @property
    def allowed(self):
        return self.result == ScanResult.ALLOW


@dataclass(frozen=True)
class _Gate:
    id: int
    event_id: int
    zone_id: int
    zone_code: str
    mode: str
    time_zone: str


def gate_of(checkpoint_id):
    now = time.monotonic()
    cached = _checkpoints.get(checkpoint_id)
    if cached and now - cached[0] < CHECKPOINT_CACHE_SECONDS:
        return cached[1]
    row = (Checkpoint.objects.filter(pk=checkpoint_id, active=True)
           .values("pk", "event_id", "zone_id", "zone__code", "mode", "event__time_zone")
           .first())
    if row is None:
        _checkpoints.pop(checkpoint_id, None)
        raise UnknownCheckpoint(checkpoint_id)
    gate = _Gate(row["pk"], row["event_id"], row["zone_id"], row["zone__code"], row["mode"],
                 row["event__time_zone"])
    _checkpoints[checkpoint_id] = (now, gate)
    return gate


def forget_checkpoints():
    """After a checkpoint changes (and in tests): the next scan reads it again."""
    _checkpoints.clear()


def wrong_direction(gate, direction):
    return (gate.mode == CheckpointMode.ENTRY and direction == Direction.OUT
            or gate.mode == CheckpointMode.EXIT and direction == Direction.IN)


def venue_day(gate, moment):
    """The day at the venue: a badge's dates are its days."""
    return moment.astimezone(ZoneInfo(gate.time_zone)).date()


def decide(code, gate, scanned_at, direction):
    """(result, reason, badge, holder) for a code at a gate, recording nothing."""
    if wrong_direction(gate, direction):
        return ScanResult.DENY, DenyReason.WRONG_DIRECTION, None, None
    day = venue_day(gate, scanned_at)
    stated = codes.decode(code)
    if stated is None or (stated.old and not codes.old_codes_open_on(day)):
        reason = DenyReason.FORGED if codes.looks_like_ours(code) else DenyReason.UNKNOWN
        return ScanResult.DENY, reason, None, None
    found = scan_path.badge_with_holder(stated.badge_id)
    if found is None:
        return ScanResult.DENY, DenyReason.UNKNOWN, None, None
    badge, holder = found
    if badge.nonce != stated.nonce or badge.event_id != gate.event_id:
        return ScanResult.DENY, DenyReason.UNKNOWN, None, None
    result, reason = judge(badge, gate, day)
    return result, reason, badge, holder


def judge(badge, gate, day):
    """(result, reason) for one of the event's badges at a gate on a day at the venue: the
    rule a read code and a manual admission share (queries.gates.opening is its filter)."""
    if badge.status in STATUS_REASONS:
        return ScanResult.DENY, STATUS_REASONS[badge.status]
    if badge.collected_at is None:
        return ScanResult.DENY, DenyReason.NOT_COLLECTED
    if gate.zone_code not in badge.zone_codes.split(","):
        return ScanResult.DENY, DenyReason.WRONG_ZONE
    if not badge.valid_from <= day <= badge.valid_until:
        return ScanResult.DENY, DenyReason.OUTSIDE_DATES
    return ScanResult.ALLOW, ""


class ScanConflict(Conflict):
    """A client scan id already recorded for another code or another checkpoint."""

    code = "scan_conflict"


def _replay(client_scan_id, checkpoint_id, code):
    scan = (Scan.objects.select_related("badge__application__outlet", "badge__category")
            .filter(client_scan_id=client_scan_id).first())
    if scan is None:
        return None
    # A retry repeats its reading: the same id with another code or at another gate is not
    # a retry, and must not read back someone else's answer.
    if scan.badge_id is not None:
        stated = codes.decode(code)
        same_code = stated is not None and stated.badge_id == scan.badge_id
    else:
        same_code = (code or "")[:40] == scan.code_excerpt
    if scan.checkpoint_id != checkpoint_id or not same_code:
        raise ScanConflict(_("This client scan id was already used for another scan."),
                           fields={"client_scan_id": [
                               _("Give each reading its own id; repeat it only to retry.")]})
    holder = scan_path.Holder.of(scan.badge) if scan.badge else None
    return Answer(scan.result, scan.reason, scan.badge, scan, repeated=True, holder=holder)


def reading_time(*, scanned_at, offline):
    """The time a scan from a device is judged at. Online, the server's: a scanner whose
    clock is set back would otherwise revive an expired badge. Offline, the device's, within
    a day (the scan was decided then, with the kit the device held)."""
    now = timezone.now()
    if offline and scanned_at is not None and now - OFFLINE_WINDOW <= scanned_at <= now:
        return scanned_at
    return now


def scan_record(*, code, checkpoint_id, client_scan_id, scanned_at=None,
                direction=None, operator="", offline=False):
    """Decide and record one scan. Raises UnknownCheckpoint for a gate that does not exist
    or is closed. The same client_scan_id again returns the first answer, recorded once.
    Without a direction, the checkpoint's own: out at an exit-only gate, otherwise in."""
    try:
        gate = gate_of(checkpoint_id)
    except UnknownCheckpoint:
        # A retry of a scan recorded before its gate closed still gets its first answer.
        previous = _replay(client_scan_id, checkpoint_id, code)
        if previous is None:
            raise
        return previous
    if direction is None:
        direction = Direction.OUT if gate.mode == CheckpointMode.EXIT else Direction.IN
    scanned_at = scanned_at or timezone.now()
    result, reason, badge, holder = decide(code, gate, scanned_at, direction)
    scan = Scan(checkpoint_id=gate.id, badge=badge, client_scan_id=client_scan_id,
                direction=direction, result=result, reason=reason, scanned_at=scanned_at,
                offline=offline, operator=operator[:150],
                code_excerpt="" if badge else (code or "")[:40])
    # A new scan is the common case, so the insert comes first: the unique client scan id
    # turns a retry (or the same id racing in from another request) into a conflict, and the
    # first record recorded is the answer.
    try:
        # Outside a transaction (the API view) the insert is one statement; inside one (a
        # test, a batch) a savepoint keeps the transaction usable after a conflict.
        if connection.in_atomic_block:
            with transaction.atomic():
                scan_path.scan_insert(scan)
        else:
            scan_path.scan_insert(scan)
    except IntegrityError:
        previous = _replay(client_scan_id, checkpoint_id, code)
        if previous is None:
            raise
        return previous
    return Answer(result, reason, badge, scan, holder=holder)
