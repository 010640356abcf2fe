"""What the delegation tests share: uploads kept in the test's own folder (tests that
check the stored files ask for `media`, on disk and in a bucket), and the protocol
officer who runs the delegations desk."""

import pytest

from logistics.core.enums import Role
from tests.factories.plan import user_with_role


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def protocol(db):
    return user_with_role(Role.PROTOCOL, username="protocol", first_name="Lan",
                          last_name="Pham")
