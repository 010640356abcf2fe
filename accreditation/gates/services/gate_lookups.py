"""The gate's manual path, when a badge's code cannot be read (a broken camera, a scuffed
code): the operator looks the badge up by the number printed on it or by its holder's name,
compares the photo with the face, and admits the person by hand.

Badge numbers are sequential, so a number typed alone admits no one: a lookup only shows
the badges that open this checkpoint's zone today (at most LOOKUP_LIMIT), and is logged
whatever follows. The admission is a second request naming one badge that lookup showed, by
the operator who made it, within LOOKUP_VALID_FOR; one lookup admits one person at most (a
one-to-one from the scan, so a second click records nothing twice). The badge is judged
again then by the scan path's own rule (services.scans.judge): one revoked in between is
refused, and the refusal recorded.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accreditation.enums import CheckpointMode, DenyReason, Direction, ManualReason, ScanResult
from accreditation.gates.models import GateLookup, Scan
from accreditation.gates.queries import gates as queries
from accreditation.gates.queries import scan_path
from accreditation.gates.services import scans
from logistics.core.errors import AccordError, Conflict

LOOKUP_LIMIT = 5
# Long enough to compare a face and pick a reason; short enough that an admission follows
# the lookup it was shown, not one from the morning.
LOOKUP_VALID_FOR = timedelta(minutes=5)
NAME_MIN_LETTERS = 3
QUERY_MAX_LENGTH = 100


class LookupRefused(AccordError):
    """A lookup too vague to run (a name of fewer than NAME_MIN_LETTERS letters)."""

    code = "lookup_refused"


class AdmissionRefused(Conflict):
    """A manual admission that follows no lookup of the operator's, or names a badge the
    lookup did not show."""

    code = "admission_refused"


@dataclass(frozen=True)
class Lookup:
    record: GateLookup
    badges: list  # with their holders, as shown
    more: bool  # more badges matched than are shown


def _words(query):
    return " ".join(query.split())


def _by_number(query):
    # A printed number (HCS26-D-02005) holds digits; a name does not.
    return any(character.isdigit() for character in query)


def gate_lookup(*, checkpoint, by, query):
    """Look a badge up at `checkpoint` by its printed number (exact, any case) or by its
    holder's name (every word in the given names or the family name), among the badges that
    open the checkpoint's zone today. Logged, found or not. Raises LookupRefused for a name
    of fewer than NAME_MIN_LETTERS letters, scans.UnknownCheckpoint for a closed one."""
    query = _words(query)[:QUERY_MAX_LENGTH]
    by_number = _by_number(query)
    if not by_number and sum(character.isalpha() for character in query) < NAME_MIN_LETTERS:
        message = ngettext("Type the badge number, or at least %(count)s letter of the name.",
                           "Type the badge number, or at least %(count)s letters of the name.",
                           NAME_MIN_LETTERS) % {"count": NAME_MIN_LETTERS}
        raise LookupRefused(message, fields={"query": [message]})
    gate = scans.gate_of(checkpoint.pk)
    found = queries.lookup_candidates(
        event_id=gate.event_id, zone_code=gate.zone_code,
        day=scans.venue_day(gate, timezone.now()),
        number=query.replace(" ", "") if by_number else "",
        words=() if by_number else query.split(" "), limit=LOOKUP_LIMIT + 1)
    shown = found[:LOOKUP_LIMIT]
    with transaction.atomic():
        record = GateLookup(checkpoint_id=gate.id, operator=by, query=query,
                            by_number=by_number, found=len(shown),
                            more=len(found) > LOOKUP_LIMIT)
        record.full_clean()
        record.save()
        record.badges.set(shown)
    return Lookup(record, [(badge, scan_path.Holder.of(badge)) for badge in shown],
                  record.more)


def _refused():
    return AdmissionRefused(_("Look the badge up again, then confirm the face: an admission "
                              "follows your own lookup of the last few minutes."))


def scan_record_manual(*, lookup_id, badge_id, by, reason, direction=None):
    """Admit (or refuse) the holder of a badge the operator's own recent lookup showed, as a
    scan at the lookup's checkpoint marked manual, with the reason. The same lookup again
    answers as the first time (repeated); another badge on it is refused. Raises
    AdmissionRefused, scans.UnknownCheckpoint for a checkpoint closed since."""
    if reason not in ManualReason.values:
        message = _("Say why the code was not read.")
        raise AdmissionRefused(message, fields={"reason": [message]})
    if direction is not None and direction not in Direction.values:
        message = _("Say whether the holder is entering or leaving.")
        raise AdmissionRefused(message, fields={"direction": [message]})
    now = timezone.now()
    lookup = (GateLookup.objects.filter(pk=lookup_id or 0, operator=by,
                                        looked_up_at__gte=now - LOOKUP_VALID_FOR)
              .select_related("checkpoint").first())
    if lookup is None or not lookup.badges.filter(pk=badge_id or 0).exists():
        raise _refused()
    gate = scans.gate_of(lookup.checkpoint_id)
    if direction is None:
        direction = Direction.OUT if gate.mode == CheckpointMode.EXIT else Direction.IN
    badge, holder = scan_path.badge_with_holder(badge_id)
    if scans.wrong_direction(gate, direction):
        result, deny_reason = ScanResult.DENY, DenyReason.WRONG_DIRECTION
    else:
        result, deny_reason = scans.judge(badge, gate, scans.venue_day(gate, now))
    scan = Scan(checkpoint_id=gate.id, badge_id=badge.pk,
                client_scan_id=f"manual-{uuid.uuid4()}", direction=direction, result=result,
                reason=deny_reason, scanned_at=now, operator=by.get_username()[:150],
                lookup=lookup, manual_reason=reason)
    try:
        # The lookup's one scan is the claim: a second click (or a second tab) finds it.
        with transaction.atomic():
            scan.save(force_insert=True)
    except IntegrityError:
        first = Scan.objects.filter(lookup=lookup).first()
        if first is None or first.badge_id != badge.pk:
            raise _refused() from None
        return scans.Answer(first.result, first.reason, badge, first, repeated=True,
                            holder=holder)
    return scans.Answer(result, deny_reason, badge, scan, holder=holder)

