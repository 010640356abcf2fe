"""A scan at a gate: decide allow or deny, record it once, answer the same on a retry.

The hot path of the event's mornings, so it is lean: the checkpoint comes from a short
in-process cache, the badge with its holder in one select, the scan in one insert. The
client's scan id is unique in the database: a retry, or an offline upload sent twice, finds
the first record and gets the first answer, whatever happened since.
"""

import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accreditation import codes
from accreditation.enums import BadgeStatus, CheckpointMode, DenyReason, Direction, ScanResult
from accreditation.models import Badge, Checkpoint, Scan

CHECKPOINT_CACHE_SECONDS = 30
_checkpoints = {}

STATUS_REASONS = {BadgeStatus.REVOKED: DenyReason.REVOKED, BadgeStatus.LOST: DenyReason.LOST,
                  BadgeStatus.REPLACED: DenyReason.REPLACED}


class UnknownCheckpoint(Exception):
    pass


@dataclass
class Answer:
    result: str
    reason: str = ""
    badge: Badge | None = None
    scan: Scan | None = None
    repeated: bool = False  # a retry of a scan already recorded
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


def _gate(checkpoint_id):
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


def _holder(badge_id):
    return (Badge.objects.select_related("application", "category")
            .only("pk", "number", "nonce", "status", "zone_codes", "valid_from", "valid_until",
                  "collected_at", "event_id", "application__family_name",
                  "application__given_names", "application__organisation",
                  "application__photo", "category__name", "category__code",
                  "category__badge_colour")
            .filter(pk=badge_id).first())


def decide(code, gate, scanned_at, direction):
    """(result, reason, badge) for a code at a gate, without recording anything."""
    if gate.mode == CheckpointMode.ENTRY and direction == Direction.OUT or (
            gate.mode == CheckpointMode.EXIT and direction == Direction.IN):
        return ScanResult.DENY, DenyReason.WRONG_DIRECTION, None
    stated = codes.decode(code)
    if stated is None:
        reason = DenyReason.FORGED if codes.looks_like_ours(code) else DenyReason.UNKNOWN
        return ScanResult.DENY, reason, None
    badge = _holder(stated.badge_id)
    if badge is None or badge.nonce != stated.nonce or badge.event_id != gate.event_id:
        return ScanResult.DENY, DenyReason.UNKNOWN, None
    if badge.status in STATUS_REASONS:
        return ScanResult.DENY, STATUS_REASONS[badge.status], badge
    if badge.collected_at is None:
        return ScanResult.DENY, DenyReason.NOT_COLLECTED, badge
    if gate.zone_code not in badge.zone_codes.split(","):
        return ScanResult.DENY, DenyReason.WRONG_ZONE, badge
    day = scanned_at.astimezone(ZoneInfo(gate.time_zone)).date()
    if not badge.valid_from <= day <= badge.valid_until:
        return ScanResult.DENY, DenyReason.OUTSIDE_DATES, badge
    return ScanResult.ALLOW, "", badge


def _replay(client_scan_id):
    scan = (Scan.objects.select_related("badge__application", "badge__category")
            .filter(client_scan_id=client_scan_id).first())
    if scan is None:
        return None
    return Answer(scan.result, scan.reason, scan.badge, scan, repeated=True)


def scan_record(*, code, checkpoint_id, client_scan_id, scanned_at=None,
                direction=Direction.IN, operator="", offline=False):
    """Decide and record one scan. Raises UnknownCheckpoint for a gate that does not exist
    or is closed. The same client_scan_id again returns the first answer, recorded once."""
    previous = _replay(client_scan_id)
    if previous is not None:
        return previous
    gate = _gate(checkpoint_id)
    scanned_at = scanned_at or timezone.now()
    result, reason, badge = decide(code, gate, scanned_at, direction)
    scan = Scan(checkpoint_id=gate.id, badge=badge, client_scan_id=client_scan_id,
                direction=direction, result=result, reason=reason, scanned_at=scanned_at,
                offline=offline, operator=operator[:150],
                code_excerpt="" if badge else (code or "")[:40])
    try:
        # Outside a transaction (the API view) the insert is one statement; inside one (a
        # test, a batch) a savepoint keeps the transaction usable after a conflict.
        if connection.in_atomic_block:
            with transaction.atomic():
                scan.save(force_insert=True)
        else:
            scan.save(force_insert=True)
    except IntegrityError:
        # The same id raced in from another request: the first one recorded is the answer.
        previous = _replay(client_scan_id)
        if previous is None:
            raise
        return previous
    return Answer(result, reason, badge, scan)
