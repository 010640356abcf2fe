"""Callers at the same moment, each with its own database connection: the harness of the
concurrency tests. A test that races needs `@pytest.mark.django_db(transaction=True)`, so
that the rows it made are committed where the callers' connections can read them."""

import threading
import time
from contextlib import nullcontext

from django.db import connection, connections, transaction

# Seconds: how long the first caller waits for the others (a broken barrier is reported as
# the outcome, not a hang), and how long the race may take in all.
MEET_TIMEOUT = 10
FINISH_TIMEOUT = 30


def race(*calls, refusals=(), atomic=True):
    """Run each zero-argument callable at the same moment in its own thread, connection and
    transaction, and return one outcome per call, in the order given: what the call
    returned; the exception, if it is one of `refusals` (the domain error a loser is meant
    to get); or the repr of any other exception, so that the test's assertion shows it.

    On PostgreSQL the callers meet inside their transactions, after a first statement has
    connected and begun them: each then runs its checks before any has written, the moment
    a lock or a constraint is there for. On SQLite they meet just before: its BEGIN
    IMMEDIATE makes a second writer wait at the start of its transaction until the first
    commits, so a caller waiting inside for the others would wait for one that cannot come.

    With atomic=False each call runs in autocommit, as in a request or a task, opening its
    own transactions: the callers meet just before the calls."""
    meet_inside = atomic and connection.vendor != "sqlite"
    barrier = threading.Barrier(len(calls), timeout=MEET_TIMEOUT)
    outcomes = [None] * len(calls)

    def run(n, call):
        try:
            if not meet_inside:
                barrier.wait()
            with transaction.atomic() if atomic else nullcontext():
                if meet_inside:
                    connection.cursor().execute("SELECT 1")
                    barrier.wait()
                outcomes[n] = call()
        except refusals as refusal:
            outcomes[n] = refusal
        except Exception as error:  # the outcome: the test's assertion shows it
            outcomes[n] = repr(error)
        finally:
            connections.close_all()  # this thread's own

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + FINISH_TIMEOUT
    for n, thread in enumerate(threads):
        thread.join(timeout=max(0, deadline - time.monotonic()))
        if thread.is_alive():
            raise AssertionError(f"call {n} still running after {FINISH_TIMEOUT} s")
    return outcomes


def codes(outcomes):
    """The outcomes as a test compares them: each refusal by its code, the rest as they are."""
    return [outcome.code if isinstance(outcome, Exception) else outcome for outcome in outcomes]
