"""The programme officer who builds and publishes the programme in these tests (the root
conftest's `officer` is the accreditation office's)."""

from logistics.core.enums import Role
from tests.factories.plan import staff_fixture

officer = staff_fixture(Role.PROGRAMME, "programme")
