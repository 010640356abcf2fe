"""The programme officer who builds and publishes the programme in these tests (the root
conftest's `officer` is the accreditation office's)."""

import pytest

from logistics.core.enums import Role
from tests.factories.plan import user_with_role


@pytest.fixture
def officer(db):
    return user_with_role(Role.PROGRAMME, username="programme")
