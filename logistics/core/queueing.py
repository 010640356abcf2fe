"""Queue a Celery task once the current transaction commits (never inside it), and keep
the messages the broker refused until it takes them.

The one way services queue work: by the task's name (the name its messages carry), never
by importing the tasks, which are leaves that import the services.

A broker that is down (Redis stopped, unreachable, or hung) must not fail or hold a staff
page whose work is already committed: the publish gives up within the broker timeouts of
config/settings.py, the message is kept as an UnsentTask row, and the `resend-unsent-tasks`
sweep publishes it again once the broker answers. Each task claims its own work in the
database, so a message sent twice (the first publish reached Redis but its reply did not)
does its work once.
"""

import logging
from smtplib import SMTPException

from celery import current_app
from django import db
from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a broker that is down, unreachable or hung raises from a publish: kombu wraps most
# connection errors in OperationalError; a few reach us raw, from the socket or redis-py.
BROKER_DOWN = (OperationalError, RedisError, OSError)

# Errors worth retrying: the mail server or the network, not our templates or data.
TRANSIENT_ERRORS = (SMTPException, OSError)
# Every mail task retries on the mail server's or the database's transient errors: five
# retries, 1, 2, 4, 8 and 16 minutes apart (with jitter), about half an hour of trouble
# before it is given up.
MAIL_RETRIES = {
    "max_retries": 5,
    "autoretry_for": (*TRANSIENT_ERRORS, db.OperationalError),
    "retry_backoff": 60,
    "retry_backoff_max": 16 * 60,
    "retry_jitter": True,
}


def attempt_of(task):
    """A bound mail task's run as logistics.core.mail reads it: whether it is the `final`
    attempt (no retry left), and whether the broker `redelivered` its message (acks_late:
    the worker that had it died, maybe mid-send)."""
    return {"final": task.request.retries >= task.max_retries,
            "redelivered": bool((task.request.delivery_info or {}).get("redelivered"))}


# Rows re-published per pass: a day of a busy office's mails in a few passes.
RESEND_CHUNK = 500


# Beyond this many, messages are queued as one that the worker splits: publishing costs about
# a millisecond each (a file on the development broker, a round trip to Redis).
SPLIT_BY_WORKER_AFTER = 20


def task_named(name):
    """The task registered as `name`. The tasks' modules are imported the first time (the
    web process has not needed them before): Celery's autodiscovery runs on this signal."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def queue_after_commit(name, *args):
    """The task `name` with `args`, after commit; kept for the sweep if the broker refuses
    it."""
    task = task_named(name)
    publish_after_commit(lambda: task.delay(*args), task=task, args=args)


def queue_each_after_commit(name, ids, *, splitter):
    """The task `name` for each of `ids` after commit: queued here when they are few, else
    as one message of `splitter`, whose worker queues them (enqueue_each)."""
    ids = list(ids)
    if not ids:
        return
    task_named(name)  # an unknown name fails here, in the service, not after commit
    split = task_named(splitter)

    def publish():
        if len(ids) > SPLIT_BY_WORKER_AFTER:
            split.delay(ids)
        else:
            enqueue_each(name, ids)

    publish_after_commit(publish, task=split, args=(ids,))


def enqueue_each(name, ids):
    """The task `name` for every id, now, on one broker connection."""
    task = task_named(name)
    with task.app.producer_or_acquire() as producer:
        for pk in ids:
            task.apply_async((pk,), producer=producer)


def publish_after_commit(publish, *, task, args):
    """After commit, call `publish()`, which sends one or more messages to the broker; if it
    fails, keep `task(*args)` (the message that does the same work) for the sweep."""

    def queue():
        if task.app.conf.task_always_eager:
            publish()  # no broker: the task runs here (tests, `make run` without a worker)
            return
        try:
            publish()
        except BROKER_DOWN as error:
            keep_unsent(task.name, args, error)

    queue.__qualname__ = f"queue {task.name}"  # Django logs a robust failure by this name
    # Robust: another error (a bug, or the database gone too) is logged, and the page whose
    # work is committed still answers.
    transaction.on_commit(queue, robust=True)


def keep_unsent(name, args, error):
    """Record a refused message. The log line names the task and the error's type only: a
    task's arguments may include a recipient's address (the programme-change mail)."""
    from logistics.core.models.queueing import UnsentTask

    logger.warning("Broker refused %s (%s); kept for the resend sweep.", name,
                   type(error).__name__)
    UnsentTask.objects.create(task=name, args=list(args),
                              error=f"{type(error).__name__}: {error}"[:500])


def unsent_tasks_resend(*, limit=RESEND_CHUNK):
    """Publish the kept messages, oldest first, deleting each one the broker takes; stop at
    the first refusal (the broker is still down: the next pass tries again). Rows another
    sweep holds are skipped. Returns how many left the table."""
    from logistics.core.models.queueing import UnsentTask

    sent = []
    with transaction.atomic():
        rows = list(UnsentTask.objects.select_for_update(skip_locked=True)
                    .order_by("pk")[:limit])
        for row in rows:
            task = current_app.tasks.get(row.task)
            if task is None:  # renamed or removed since: nothing can run it any more
                logger.error("Unsent task %s has no handler; dropped.", row.task)
                sent.append(row.pk)
                continue
            try:
                task.apply_async(tuple(row.args))
            except BROKER_DOWN as error:
                logger.warning("Broker still refuses messages (%s).", type(error).__name__)
                break
            sent.append(row.pk)
        UnsentTask.objects.filter(pk__in=sent).delete()
    return len(sent)
