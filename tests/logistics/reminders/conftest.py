"""The reminder tests' sweep: `sweep(now)` runs it as beat would at that moment, and the
mails it queues are sent before it returns."""

import pytest

from logistics.reminders.services import reminders_sweep


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_sweep(now=now)
    return run
