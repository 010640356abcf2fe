"""The daily snapshot of the plan's readiness, from which the steering committee's chart
draws the actual curve (queries.readiness_curves). Written by beat and by the day's first
dashboard: the unique (event, day) row makes every later attempt a no-op."""

from django.db import IntegrityError, transaction
from django.db.models import Q

from logistics.core.models.event import Event
from logistics.plan.models import ReadinessSnapshot
from logistics.plan.queries import master_plan


def readiness_snapshot_take(*, event):
    """Keep today's readiness (the date at the venue) unless a snapshot of today exists;
    True if this call wrote it. The savepoint keeps a lost race (IntegrityError) from
    breaking a caller's transaction on PostgreSQL."""
    day = event.today()
    if ReadinessSnapshot.objects.filter(event=event, day=day).exists():
        return False
    snapshot = ReadinessSnapshot(event=event, day=day,
                                 progress=master_plan.readiness(event)["progress"])
    snapshot.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            snapshot.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def readiness_snapshots_take():
    """Today's snapshot of every event still to come or under way (its last day not yet
    past at the venue); the number written."""
    written = 0
    for event in Event.objects.filter(~Q(tasks=None)).distinct().order_by("pk"):
        if event.end_date >= event.today():
            written += readiness_snapshot_take(event=event)
    return written
