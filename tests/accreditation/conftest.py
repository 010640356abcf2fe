import pytest

from logistics.enums import Role
from tests.factories import user_with_role
from tests.factories.accreditation import OutletFactory, categories


@pytest.fixture
def officer(db):
    """An officer of the accreditation office."""
    return user_with_role(Role.ACCREDITATION, username="accreditation")


@pytest.fixture
def vetter(db):
    """A security vetting officer: the only role that reads ID numbers."""
    return user_with_role(Role.VETTING, username="vetting")


@pytest.fixture
def gate(db):
    """A gate operator."""
    return user_with_role(Role.GATE, username="gate")


@pytest.fixture
def cats(event):
    """The event's default categories by letter code (P press, D delegate, ...)."""
    return categories(event)


@pytest.fixture
def outlet(event):
    return OutletFactory(event=event, name="Vietnam News Agency")
