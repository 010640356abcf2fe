"""The production settings with every job of beat's schedule due every BEAT_EVERY_SECONDS
(default 1): the test of two beats (test_beat_twice.py) sees each job fire many times, from
both, within seconds instead of minutes. The same names, tasks and options as production;
only the clock is shorter."""

import os
from datetime import timedelta

from config.settings import *  # noqa: F403
from config.settings import CELERY_BEAT_SCHEDULE as _PRODUCTION_SCHEDULE

_every = timedelta(seconds=float(os.environ.get("BEAT_EVERY_SECONDS", "1")))
CELERY_BEAT_SCHEDULE = {name: {**entry, "schedule": _every}
                        for name, entry in _PRODUCTION_SCHEDULE.items()}
