"""The race harness of tests/races.py: each call in its own thread and transaction, one
outcome per call in the order given."""

import threading

import pytest
from django.db import connection

from logistics.core.errors import NotAllowed
from tests.races import codes, race


def refused():
    raise NotAllowed("Only the protocol office.")


def broken():
    raise KeyError("programme")


@pytest.mark.django_db(transaction=True)
def test_each_call_gives_its_outcome_in_the_order_given():
    outcomes = race(broken, refused, lambda: "booked", refusals=(NotAllowed,))
    assert isinstance(outcomes[1], NotAllowed)
    assert codes(outcomes) == ["KeyError('programme')", "not_allowed", "booked"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("atomic", [True, False])
def test_each_call_runs_in_its_own_thread_and_transaction_or_in_autocommit(atomic):
    def where():
        return threading.get_ident(), connection.in_atomic_block

    outcomes = race(where, where, atomic=atomic)
    assert len({thread for thread, _ in outcomes} | {threading.get_ident()}) == 3
    assert [in_transaction for _, in_transaction in outcomes] == [atomic, atomic]
