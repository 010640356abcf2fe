"""The settings gunicorn runs with in the scan bench (tests/bench/scans.py): the project's,
with a URL configuration that also mounts the bench's bare view. Nothing of it is in the
production URLs."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
