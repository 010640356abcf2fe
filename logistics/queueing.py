"""Queue a Celery task once the current transaction commits (never inside it)."""

from django.db import transaction


def queue_after_commit(task, *args):
    """`task.delay(*args)` after commit. Robust: a broker that is down loses this message
    only, logged; whatever it was for stays pending in the database for a later sweep."""

    def queue():
        task.delay(*args)

    queue.__qualname__ = f"queue {task.name}"  # Django logs a robust failure by this name
    transaction.on_commit(queue, robust=True)
