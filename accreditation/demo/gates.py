"""The convention centre's checkpoints and the first event day at them: the morning rush,
lunch, the afternoon and the evening's exits, and the denials a real day brings (a badge not
collected yet, the wrong zone, a revoked, lost or replaced badge, a day pass on the wrong
day, a code that is not a badge, a forged one, a gate used the wrong way).

Every answer is the scan service's own (scans.decide); the rows are inserted in bulk."""

import base64
import uuid
from collections import namedtuple
from datetime import datetime, time, timedelta

from accreditation.badges import codes
from accreditation.enums import BadgeStatus, CheckpointMode, Direction, ScanResult
from accreditation.gates.models import Scan
from accreditation.gates.services import scans
from accreditation.gates.services.checkpoints import checkpoint_create
from logistics.demo import bulk

IN, OUT = Direction.IN, Direction.OUT
# A scan as inserted (the fields of Scan but its key).
ScanRow = namedtuple("ScanRow", ["checkpoint_id", "badge_id", "direction", "result", "reason",
                                 "scanned_at", "received_at", "offline", "operator",
                                 "code_excerpt", "client_scan_id"])
MAIN, PRESS, BILATERAL, VIP, EXHIBITION, TRIBUNE = (
    "Main entrance — plenary", "Press centre gate", "Bilateral wing", "VIP lounge door",
    "Exhibition hall", "Media tribune stairs")
CHECKPOINTS = [(MAIN, "1", CheckpointMode.BOTH), (PRESS, "2", CheckpointMode.BOTH),
               (BILATERAL, "3", CheckpointMode.ENTRY), (VIP, "4", CheckpointMode.ENTRY),
               (EXHIBITION, "5", CheckpointMode.BOTH), (TRIBUNE, "6", CheckpointMode.ENTRY)]
PRESENT = 0.85  # of the badge holders who can enter on the first day
OPERATOR = "gate"
# The press centre's scanner lost the network for half an hour of the morning rush: its
# scans were decided on the device and uploaded when it came back.
OFFLINE = (PRESS, time(7, 40), time(8, 10), time(8, 11))
# Codes that are not badges: a Wi-Fi card, a boarding pass, a product barcode, a link.
NOT_BADGES = ["WIFI:T:WPA;S:NCC-Guest;P:welcome2025;;",
              "M1NGUYEN/VAN HUNG      EABC123 SGNHANVN 0213 298Y012A0045 100",
              "8935049501234", "https://example.com/e-ticket/48213", "ACC0.demo.card",
              "HOTEL-KEY-1207"]


def build_checkpoints(event, *, zones, by):
    """The six gates, through the office's own service."""
    return {name: checkpoint_create(event=event, by=by, zone=zones[code], name=name, mode=mode)
            for name, code, mode in CHECKPOINTS}


class Day:
    """The scans of one day at the event's checkpoints."""

    def __init__(self, event, checkpoints, *, rng, scale):
        self.event, self.rng, self.scale = event, rng, scale
        self.day = event.start_date
        self.gates = {name: scans.gate_of(cp.pk) for name, cp in checkpoints.items()}
        # (gate name, direction, moment, code, badge): a badge's own code is signed only
        # when a reading needs it (an ECDSA signature per badge is most of the day's cost).
        self.readings = []
        self._codes = {}

    def at(self, hours):
        """The day's moment `hours` after midnight, in the event's time zone."""
        start = datetime.combine(self.day, time(0, 0), tzinfo=self.event.tz)
        return start + timedelta(hours=hours)

    def code(self, badge):
        if badge.pk not in self._codes:
            self._codes[badge.pk] = codes.encode(badge)
        return self._codes[badge.pk]

    def read(self, gate, direction, hours, badge=None, code=None):
        self.readings.append((gate, direction, self.at(hours), code, None if code else badge))

    # Who goes where

    def itinerary(self, badge, letter, role):
        """One holder's day: (gate, direction, start, end) legs, each after the last."""
        rng, legs = self.rng, []
        if letter in ("P", "T"):
            legs.append((PRESS, IN, 6.5, 9))
            if rng.random() < (0.7 if role in ("photographer", "camera_operator") else 0.2):
                legs.append((TRIBUNE, IN, 8.25, 9.25))
            if rng.random() < 0.2:
                legs += [(EXHIBITION, IN, 10, 11.5), (EXHIBITION, OUT, 10.5, 12)]
            if rng.random() < 0.3:
                legs += [(PRESS, OUT, 12, 13), (PRESS, IN, 13, 14)]
            legs.append((PRESS, OUT, 17, 21))
        elif letter in ("X", "S"):
            opening = (7.5, 9) if letter == "X" else (9, 15)  # the stands, a speaker's hour
            legs += [(EXHIBITION, IN, *opening),
                     (EXHIBITION, OUT, 17 if letter == "X" else 10, 18.5)]
        else:
            arrive = {"Z": 5.5, "C": 6, "L": 6.5, "E": 7.5}.get(letter, 7.25)
            legs.append((MAIN, IN, arrive, arrive + 1.5))
            if letter in ("E", "L") and rng.random() < (0.9 if letter == "E" else 0.6):
                legs.append((VIP, IN, 8, 9.5))
            if letter == "D" and rng.random() < 0.3:
                legs += [(EXHIBITION, IN, 10, 11.5), (EXHIBITION, OUT, 10.5, 12)]
            if rng.random() < 0.4:
                legs += [(MAIN, OUT, 12, 12.75), (MAIN, IN, 13, 14)]
            if letter in ("E", "D", "L") and rng.random() < {"E": 0.6, "L": 0.3}.get(letter, 0.1):
                legs.append((BILATERAL, IN, 14.25, 16.5))
            legs.append((MAIN, OUT, 16.75 if letter in ("E", "D") else 18, 21))
        clock = 0
        for gate, direction, start, end in legs:
            clock = rng.uniform(max(start, clock + 0.05), max(end, clock + 0.2))
            self.read(gate, direction, clock, badge)

    def attend(self, badges, letters, roles):
        """The holders who can enter that day, most of whom come."""
        for badge in badges:
            if (badge.status == BadgeStatus.ACTIVE and badge.collected_at
                    and badge.valid_from <= self.day <= badge.valid_until
                    and self.rng.random() < PRESENT):
                self.itinerary(badge, letters[badge.category_id], roles.get(badge.pk, ""))

    def mishaps(self, badges, letters):
        """The denials of a day: each kind a few times (more at a larger scale)."""
        rng = self.rng
        active = [b for b in badges if b.status == BadgeStatus.ACTIVE]
        collected = [b for b in active if b.collected_at and b.valid_from <= self.day]
        by_letter = {}
        for badge in collected:
            by_letter.setdefault(letters[badge.category_id], []).append(badge)

        def some(items, count):
            return rng.sample(items, min(len(items), count))

        # Journalists at the plenary's entrance, delegates at the VIP lounge: wrong zone.
        for badge in some(by_letter.get("P", []), 6 * self.scale):
            self.read(MAIN, IN, rng.uniform(7.5, 9), badge)
        for badge in some(by_letter.get("D", []), 12 * self.scale):
            self.read(VIP, IN, rng.uniform(8, 10), badge)
        # Badges still at the accreditation centre.
        waiting = [b for b in active if not b.collected_at and b.valid_from <= self.day]
        for badge in some(waiting, max(3, len(waiting) // 10)):
            gate = PRESS if letters[badge.category_id] in ("P", "T") else MAIN
            self.read(gate, IN, rng.uniform(6.5, 9.5), badge)
        # Revoked, lost and replaced badges (the holder then shows the new one).
        for badge in badges:
            if badge.status == BadgeStatus.REVOKED and rng.random() < 0.5:
                self.read(rng.choice([MAIN, PRESS]), IN, rng.uniform(7, 10), badge)
            elif badge.status in (BadgeStatus.LOST, BadgeStatus.REPLACED):
                self.read(rng.choice([MAIN, PRESS, EXHIBITION]), IN, rng.uniform(7, 16), badge)
        # Day passes for the second day, tried on the first.
        for badge in [b for b in active if b.collected_at and b.valid_from > self.day
                      and rng.random() < 0.4]:
            self.read(EXHIBITION, IN, rng.uniform(9, 15), badge)
        # Codes that are not badges, and forged ones (a real code's zones widened).
        for n in range(6 * self.scale):
            self.read(rng.choice(list(self.gates)), IN, rng.uniform(7, 17),
                      code=NOT_BADGES[n % len(NOT_BADGES)])
        for badge in some(by_letter.get("P", []), 4 * self.scale):
            self.read(MAIN, IN, rng.uniform(8, 12), code=_forged(self.code(badge)))
        # Leaving through a gate that only counts entries.
        for badge in some(collected, 5 * self.scale):
            self.read(rng.choice([VIP, TRIBUNE]), OUT, rng.uniform(10, 17), badge)

    # Recording

    def insert(self):
        """Every reading decided by the scan service's rules and inserted in bulk, with its
        own client scan id; the offline ones were received when the scanner reconnected."""
        rng = self.rng
        answers = {}
        rows = []
        offline_gate, offline_from, offline_to, back = OFFLINE
        for gate_name, direction, moment, code, badge in sorted(self.readings,
                                                                 key=lambda r: r[2]):
            gate = self.gates[gate_name]
            key = (gate.id, direction, *(_facts(badge) if badge else (code,)))
            if key not in answers:
                answers[key] = scans.decide(code or self.code(badge), gate, moment, direction)
            result, reason, known, *_ = answers[key]
            badge_id = badge.pk if badge and known else None
            local = moment.astimezone(self.event.tz).time()
            offline = gate_name == offline_gate and offline_from <= local < offline_to
            received = (self.at(back.hour + back.minute / 60 + rng.uniform(0, 0.02)) if offline
                        else moment + timedelta(seconds=rng.uniform(0.1, 1.5)))
            rows.append(ScanRow(
                gate.id, badge_id, direction, result, reason, moment, received, offline,
                OPERATOR, "" if badge_id else (code or self.code(badge))[:40],
                str(uuid.UUID(int=rng.getrandbits(128), version=4))))
        # Hundreds of thousands of rows at scale 40: values, not model instances.
        bulk.insert_values(Scan, ScanRow._fields, rows)
        # The gates were read through the scan path's cache: leave it as it was found.
        scans.forget_checkpoints()
        return rows


def _facts(badge):
    """What the scan rules read of a genuine badge on one day: badges alike in these get
    the same answer at a gate, so the service decides once for each kind (a day's
    thousands of scans would otherwise cost a query each)."""
    return (badge.status, badge.collected_at is None, badge.zone_codes, badge.valid_from,
            badge.valid_until)


def _forged(code):
    """The same signature over a body that claims every zone: the signature no longer
    matches."""
    *head, body, signature = code.split(".")
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    parts = raw.split(codes.SEPARATOR)
    parts[2] = "1,2,3,4,5,6"
    forged = base64.urlsafe_b64encode(codes.SEPARATOR.join(parts).encode()).rstrip(b"=")
    return ".".join([*head, forged.decode(), signature])


def allowed_and_denied(rows):
    allowed = sum(row.result == ScanResult.ALLOW for row in rows)
    return allowed, len(rows) - allowed
