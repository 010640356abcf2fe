"""Fixtures of the gate tests (scans, the scan API, checkpoints, the live view): an event
on now, the press centre's door, the plenary entrance and a collected press badge.
Imported by name into those test modules."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accreditation.enums import CheckpointMode
from accreditation.gates.models import Checkpoint
from accreditation.gates.services import scans
from accreditation.setup.models import Zone
from tests.factories.accreditation import collected_badge, journalist
from tests.factories.plan import EventFactory


@pytest.fixture(autouse=True)
def _fresh_gates():
    """The scan service keeps checkpoints in a per-process cache; ids come back across
    tests."""
    scans.forget_checkpoints()
    yield
    scans.forget_checkpoints()


@pytest.fixture
def event(db):
    """An event on now (its first day today at the venue): badges are valid from three days
    before its first day to its last."""
    venue_today = timezone.localdate(timezone=EventFactory.build().tz)
    return EventFactory(start_date=venue_today, end_date=venue_today + timedelta(days=2))


def at(event, day_offset=0, hour=9):
    """A time at the venue, `day_offset` days after the event's first day."""
    return datetime.combine(event.start_date + timedelta(days=day_offset), time(hour),
                            tzinfo=event.tz)


@pytest.fixture
def press_gate(event, cats):
    """The press centre's door (zone 2, which press badges open), counting both ways."""
    return Checkpoint.objects.create(event=event, zone=Zone.objects.get(event=event, code="2"),
                                     name="Press centre door", mode=CheckpointMode.BOTH)


@pytest.fixture
def plenary_gate(event, cats):
    """The plenary hall's entrance (zone 1: not for the press), entries only."""
    return Checkpoint.objects.create(event=event, zone=Zone.objects.get(event=event, code="1"),
                                     name="Plenary entrance")


@pytest.fixture
def badge(event, cats):
    """A press badge, handed over: it opens zones 2, 5 and 6."""
    return collected_badge(journalist(event))
