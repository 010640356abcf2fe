"""Reads of the gates: checkpoints, the zones' live counts and what an offline scanner needs.
Every function runs a fixed number of queries, whatever the number of scans: the counting is
done by the database."""

from datetime import UTC, datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMinute
from django.utils import timezone

from accreditation.badges.models import Badge
from accreditation.enums import BadgeStatus, Direction, ScanResult
from accreditation.gates.models import Checkpoint, Scan
from accreditation.setup.models import Zone

RATE_MINUTES = 15
DENIALS_MINUTES = 60
# Badges that open nothing: closed for good, or suspended until the office decides.
CLOSED_STATUSES = (BadgeStatus.REVOKED, BadgeStatus.LOST, BadgeStatus.REPLACED,
                   BadgeStatus.SUSPENDED)


def checkpoints(event):
    """The event's checkpoints with their zone and today's scans (allowed, denied)."""
    start = _start_of_day(event, timezone.now())

    def today(result):
        # Counted per checkpoint through scan_checkpoint_time, today's scans only: a join
        # would read every scan of the event (a quarter of a million at scale 40).
        counted = (Scan.objects.filter(checkpoint=OuterRef("pk"), scanned_at__gte=start,
                                       scanned_at__lt=start + timedelta(days=1), result=result)
                   .order_by().values("checkpoint").annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    return (Checkpoint.objects.filter(event=event).select_related("zone")
            .annotate(allowed_today=today(ScanResult.ALLOW), denied_today=today(ScanResult.DENY))
            .order_by("zone__code", "name"))


def active_checkpoints(event):
    return (Checkpoint.objects.filter(event=event, active=True).select_related("zone")
            .order_by("zone__code", "name"))


def checkpoint_of(event, checkpoint_id):
    return active_checkpoints(event).filter(pk=checkpoint_id).first()


def _start_of_day(event, now):
    """Midnight at the venue: people inside are counted from then (the venue closes at
    night; an exit nobody scanned yesterday does not haunt today's count)."""
    return datetime.combine(now.astimezone(event.tz).date(), time.min, tzinfo=event.tz)


def zone_live(event, now=None):
    """Per zone of the event: people inside today, scans per minute over the last
    RATE_MINUTES (oldest first) and denials by reason over the last DENIALS_MINUTES.
    Four queries."""
    now = now or timezone.now()
    zones = list(Zone.objects.filter(event=event).order_by("code"))
    scans = Scan.objects.filter(checkpoint__event=event)
    zone = "checkpoint__zone_id"

    inside = {row[zone]: max(0, row["ins"] - row["outs"]) for row in (
        scans.filter(result=ScanResult.ALLOW, scanned_at__gte=_start_of_day(event, now),
                     scanned_at__lte=now)
        .values(zone)
        .annotate(ins=Count("pk", filter=Q(direction=Direction.IN)),
                  outs=Count("pk", filter=Q(direction=Direction.OUT))))}

    current = now.astimezone(UTC).replace(second=0, microsecond=0)
    minutes = [current - timedelta(minutes=n) for n in range(RATE_MINUTES - 1, -1, -1)]
    per_minute = {}
    for row in (scans.filter(scanned_at__gte=minutes[0], scanned_at__lte=now)
                .annotate(minute=TruncMinute("scanned_at", tzinfo=UTC))
                .values(zone, "minute").annotate(n=Count("pk"))):
        minute = row["minute"]
        if timezone.is_naive(minute):
            minute = minute.replace(tzinfo=UTC)
        per_minute[(row[zone], minute.astimezone(UTC))] = row["n"]

    denials = {}
    for row in (scans.filter(result=ScanResult.DENY,
                             scanned_at__gte=now - timedelta(minutes=DENIALS_MINUTES),
                             scanned_at__lte=now)
                .values(zone, "reason").annotate(n=Count("pk")).order_by(zone, "-n", "reason")):
        denials.setdefault(row[zone], []).append((row["reason"], row["n"]))

    result = []
    for item in zones:
        series = [per_minute.get((item.pk, minute), 0) for minute in minutes]
        result.append({
            "zone": item,
            "inside": inside.get(item.pk, 0),
            "per_minute": series,
            "rate": round(sum(series) / RATE_MINUTES, 1),
            "last_minute": series[-1],
            "denials": denials.get(item.pk, []),
            "denied": sum(n for _reason, n in denials.get(item.pk, [])),
        })
    return result


def offline_kit(event):
    """What a scanner needs to decide without the network (three queries): the badges that
    no longer open anything ("revoked": revoked, lost, replaced and suspended alike, so that
    a scanner of any age refuses them), which of those are suspended (for the reason it
    shows) and the active badges already handed over. A signed code whose badge is in neither
    list is one the scanner cannot vouch for (not yet collected when the kit was made, or
    another event's) and is refused until the network is back."""
    badges = Badge.objects.filter(event=event).order_by("pk")
    closed = list(badges.filter(status__in=CLOSED_STATUSES).values_list("pk", "status"))
    return {
        "revoked": [pk for pk, _status in closed],
        "suspended": [pk for pk, status in closed if status == BadgeStatus.SUSPENDED],
        "collected": list(badges.filter(status=BadgeStatus.ACTIVE, collected_at__isnull=False)
                          .values_list("pk", flat=True)),
        "checkpoints": [
            {"id": row["pk"], "name": row["name"], "zone_code": row["zone__code"],
             "mode": row["mode"]}
            for row in Checkpoint.objects.filter(event=event, active=True)
            .order_by("zone__code", "name").values("pk", "name", "zone__code", "mode")],
    }


def opening(zone_code, day):
    """The badges that open a zone on a day at the venue, as services.scans.judge decides
    for a badge: active, handed over, the zone among the codes signed into the badge, the
    day within its dates."""
    in_zone = (Q(zone_codes=zone_code) | Q(zone_codes__startswith=f"{zone_code},")
               | Q(zone_codes__endswith=f",{zone_code}")
               | Q(zone_codes__contains=f",{zone_code},"))
    return (Q(status=BadgeStatus.ACTIVE, collected_at__isnull=False, valid_from__lte=day,
              valid_until__gte=day) & in_zone)


BADGE_SHOWN = ("number", "application__given_names", "application__family_name",
               "application__organisation", "application__photo", "application__outlet__name",
               "category__name", "category__code", "category__badge_colour")


def lookup_candidates(*, event_id, zone_code, day, number="", words=(), limit):
    """Up to `limit` badges of the event that open the zone today, by their exact printed
    number or by every word in the holder's given names or family name; with their holder
    (application, outlet, category) for the gate to compare the face."""
    badges = Badge.objects.filter(opening(zone_code, day), event_id=event_id)
    if number:
        badges = badges.filter(number__iexact=number)
    else:
        for word in words:
            badges = badges.filter(Q(application__family_name__icontains=word)
                                   | Q(application__given_names__icontains=word))
    # Only what the gate is shown: none of the application's secrets or identity data.
    return list(badges.select_related("application__outlet", "category")
                .only(*BADGE_SHOWN)
                .order_by("application__family_name", "application__given_names", "pk")[:limit])
