"""Celery tasks of the plan: thin, named, ids in, one service call each."""

from celery import shared_task

from logistics.plan.services import readiness


# The day's readiness of each event, for the steering committee's chart: hourly by beat, so
# that each event's day (in its own time zone) has its row early; repeats write nothing.
@shared_task(name="logistics.snapshot_readiness")
def snapshot_readiness():
    return readiness.readiness_snapshots_take()
