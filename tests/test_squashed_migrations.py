"""Each app's migrations are squashed into one that replaces the old chain. A database that
ran the whole old chain must find nothing to do; one that stopped part-way must be refused
with a clear error, not told "no migrations to apply" over a stale schema."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.db.migrations import RunPython
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from logistics.delegations.models import Country

# The last step of each old chain, as deployed databases record it.
OLD_ENDS = {"logistics": ("0023_outbox", 23), "accreditation": ("0019_mail_language", 19)}


def _squashes():
    loader = MigrationLoader(None)
    return {app: migration for (app, _name), migration in loader.disk_migrations.items()
            if migration.replaces and app in OLD_ENDS}


def _as_the_old_chain_left_it():
    """The rows a database that ran the old chain has: the old names, not the squash's."""
    recorder = MigrationRecorder(connection)
    for app, migration in _squashes().items():
        recorder.migration_qs.filter(app=app, name=migration.name).delete()
        for replaced_app, name in migration.replaces:
            recorder.record_applied(replaced_app, name)


def _plan():
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def test_each_squash_replaces_its_whole_old_chain():
    squashes = _squashes()
    assert sorted(squashes) == sorted(OLD_ENDS)
    for app, (last, count) in OLD_ENDS.items():
        names = [name for replaced_app, name in squashes[app].replaces if replaced_app == app]
        assert len(names) == count and names[-1] == last
        assert [int(name[:4]) for name in names] == list(range(1, count + 1))


def test_a_database_at_the_end_of_the_old_chain_has_nothing_to_run(db):
    _as_the_old_chain_left_it()
    assert _plan() == []
    call_command("migrate", verbosity=0, skip_checks=False)  # the checks pass and nothing runs


@pytest.mark.parametrize("app", sorted(OLD_ENDS))
def test_a_database_stopped_part_way_is_refused_with_where_it_stopped(db, app):
    _as_the_old_chain_left_it()
    last, _count = OLD_ENDS[app]
    MigrationRecorder(connection).migration_qs.filter(app=app, name=last).delete()
    with pytest.raises(SystemCheckError) as refused:
        call_command("migrate", verbosity=0, skip_checks=False)
    message = str(refused.value)
    assert "accord.E001" in message
    before = [name for a, name in _squashes()[app].replaces if a == app][-2]
    assert f"stopped at {app}.{before}, part-way" in message
    assert "fe3acfb" in message


def test_the_squash_gives_a_new_database_the_countries(db):
    """What the old chain's data steps gave a new database (the states, their groups, the
    committee's own names), the squash's one data step gives."""
    Country.objects.all().delete()
    [load] = [operation.code for operation in _squashes()["logistics"].operations
              if isinstance(operation, RunPython)]
    load(apps, None)
    assert Country.objects.filter(un_member=True).count() == 193
    assert Country.objects.filter(un_member=False).count() == 2
    assert Country.objects.get(code="PS").names["ar"] == "دولة فلسطين"
