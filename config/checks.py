"""Checks of what settings alone cannot refuse: for a deployment (`manage.py check --deploy`),
and for the database that `migrate` is about to change (a check tagged `database`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.caches, deploy=True)
def one_machine_without_redis(app_configs, **kwargs):
    """Without REDIS_URL the broker is a folder and the cache is each process's memory: fine
    on one machine, wrong on several (docs/OPERATIONS.md, "Running on several machines").
    Nothing tells how many machines there are, so this warns rather than refuses."""
    if settings.REDIS_URL:
        return []
    return [Warning(
        "REDIS_URL is not set: the Celery broker is the folder ACCORD_VAR_DIR/broker and the "
        "cache (rate limits, the login throttle) is each process's own memory.",
        hint="Fine on one machine. On several machines (or several gunicorn processes "
             "counting one rate limit) set REDIS_URL on every machine to one Redis.",
        id="accord.W001")]


@register(Tags.database)
def stopped_inside_a_squash(app_configs, databases=None, **kwargs):
    """A squashed migration stands for a chain whose files are gone. A database that applied
    the whole chain takes it as applied and one that applied none runs it; one that stopped
    part-way would be neither, and Django would then say "no migrations to apply" over a
    stale schema. `migrate` runs this check first, so it refuses instead."""
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    errors = []
    for alias in databases or ():
        recorder = MigrationRecorder(connections[alias])
        if not recorder.has_table():
            continue
        applied = recorder.applied_migrations()
        for key, migration in MigrationLoader(None).disk_migrations.items():
            done = [name for name in migration.replaces if name in applied]
            if done and len(done) < len(migration.replaces):
                last = max(done, key=lambda name: name[1])
                errors.append(Error(
                    f"The database '{alias}' stopped at {last[0]}.{last[1]}, part-way through "
                    f"the migrations that {key[0]}.{key[1]} replaces.",
                    hint="Migrate it first with the last release before the squash (commit "
                         "fe3acfb), then with this one (docs/OPERATIONS.md, \"Upgrading past "
                         "the squash\").",
                    id="accord.E001"))
    return errors
