"""Fixtures of the hostile-input tests: API clients holding keys of given scopes, and the
Hypothesis profile."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase
from rest_framework.test import APIClient

from accreditation.keys.services import api_key_create


@pytest.fixture
def key_client(db):
    """`key_client("read", "scan", ..., address=...)`: a client holding a new key with those
    scopes (on `client.key`), calling from `address`."""

    def make(*scopes, name="integration", address="127.0.0.1"):
        key, raw = api_key_create(name=name, scopes=list(scopes))
        client = APIClient(REMOTE_ADDR=address)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        client.key = key
        return client

    return make


# Hypothesis: a few examples per property in `make test` (the suite stays fast), the same
# ones every run, with no example database in the tree; ACCORD_HYPOTHESIS_PROFILE=
# hostile-thorough hunts longer and remembers failures in var/hypothesis. No deadline:
# examples that go through the database vary in time with the machine.
# Its caches (and the thorough profile's examples) under var/, not in the source tree.
set_hypothesis_home_dir(Path(django_settings.VAR_DIR) / "hypothesis")
settings.register_profile(
    "hostile", max_examples=int(os.environ.get("ACCORD_HYPOTHESIS_EXAMPLES", "20")),
    deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example])
settings.register_profile(
    "hostile-thorough", settings.get_profile("hostile"), max_examples=500, derandomize=False,
    database=DirectoryBasedExampleDatabase(Path(django_settings.VAR_DIR) / "hypothesis" /
                                           "examples"))
settings.load_profile(os.environ.get("ACCORD_HYPOTHESIS_PROFILE", "hostile"))
