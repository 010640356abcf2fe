"""State delegations the programme's and the bilaterals' tests meet with: France, Ghana and
Viet Nam, each with its country. A test module that needs a delegation of another shape
under one of these names defines its own, which takes precedence."""

import pytest

from tests.factories.delegations import country
from tests.factories.signing import StateDelegationFactory


@pytest.fixture
def france(event):
    return StateDelegationFactory(event=event, country=country("FR"))


@pytest.fixture
def ghana(event):
    return StateDelegationFactory(event=event, country=country("GH"))


@pytest.fixture
def vietnam(event):
    return StateDelegationFactory(event=event, country=country("VN"))
