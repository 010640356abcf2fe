"""scripts/backup-postgres.sh and scripts/restore-postgres.sh, as docs/OPERATIONS.md tells
an operator to run them: a backup of the test database and its uploads, restored into a new
database and an empty media folder, then read by the application itself (a `manage.py
shell` on the restored database): the same rows, an ID number that still decrypts, the
photo's bytes, a badge code that still verifies."""

import glob
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from accreditation.applications.models.applications import Application, Transition
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import badge_issue
from logistics.delegations.models import DelegationMember
from tests.factories.accreditation import approved, journalist
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.registration import photo_upload
from tests.plugins.live_services import database_url

BASE_DIR = Path(__file__).resolve().parents[2]
SCRIPTS = BASE_DIR / "scripts"

pytestmark = [pytest.mark.redis, pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the backup and restore scripts are for PostgreSQL (pg_dump, pg_restore); "
           "the PostgreSQL pass of `make test` runs this")]

# What the restored application reads back, printed as JSON by `manage.py shell`.
READ_BACK = """
import hashlib, json
from accreditation.badges import codes
from accreditation.applications.models.applications import Application, Transition
from accreditation.badges.models import Badge
from logistics.delegations.models import DelegationMember
application = Application.objects.get(reference={reference!r})
badge = Badge.objects.get(application=application)
decoded = codes.decode(codes.encode(badge))
print(json.dumps({{
    "counts": [Application.objects.count(), Badge.objects.count(), Transition.objects.count(),
               DelegationMember.objects.count()],
    "id_number": application.id_document_number,
    "member_id_number": DelegationMember.objects.get(pk={member}).id_document_number,
    "photo": hashlib.sha256(application.photo.read()).hexdigest(),
    "badge": decoded.badge_id if decoded else None,
}}))
"""


def _pg_tool(name):
    found = shutil.which(name) or max(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                                      default=None)
    assert found, f"{name} is not installed"
    return found


def _run(script, *args, env):
    result = subprocess.run([str(SCRIPTS / script), *args], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture
def restored_database(transactional_db):
    """A new, empty database beside the test database, dropped afterwards."""
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restored"
    admin = dict(connection.settings_dict, NAME="postgres")
    url = database_url(admin)

    def execute(sql):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql)

    execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(dict(connection.settings_dict, NAME=name))
    finally:
        execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_into_a_new_database(restored_database, event, cats, settings,
                                                  tmp_path):
    import os

    settings.MEDIA_ROOT = str(tmp_path / "media")
    application = journalist(event, id_document_number="B7654321",
                             photo=photo_upload(name="portrait.jpg"))
    approved(application)
    badge = badge_issue(application_id=application.pk)
    member = MemberFactory(delegation=DelegationFactory(event=event, country=country("FR")),
                           id_document_number="FR-0042-X")
    with application.photo.open("rb") as photo:
        photo_sha = hashlib.sha256(photo.read()).hexdigest()
    counts = [Application.objects.count(), Badge.objects.count(), Transition.objects.count(),
              DelegationMember.objects.count()]
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict),
           "MEDIA_ROOT": settings.MEDIA_ROOT}

    backup = tmp_path / "backup"
    _run("backup-postgres.sh", str(backup), env=env)
    assert sorted(path.name for path in backup.iterdir()) == [
        "SHA256SUMS", "database.dump", "media.tar.gz"]
    # The number is encrypted in the dump: its plain text appears nowhere in the data.
    data = subprocess.run([_pg_tool("pg_restore"), "--data-only", "--file=-",
                           str(backup / "database.dump")],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    assert application.reference in data and "B7654321" not in data

    media = tmp_path / "restored-media"
    env_restored = {**env, "DATABASE_URL": restored_database, "MEDIA_ROOT": str(media)}
    _run("restore-postgres.sh", str(backup), env=env_restored)
    # A second restore into the same, now full, database is refused.
    again = subprocess.run([str(SCRIPTS / "restore-postgres.sh"), str(backup)],
                           env=env_restored, capture_output=True, text=True, timeout=60)
    assert again.returncode != 0 and "restore into an empty one" in again.stderr

    shell = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         READ_BACK.format(reference=application.reference, member=member.pk)],
        cwd=BASE_DIR, capture_output=True, text=True, timeout=120,
        env={**env_restored, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "false"})
    assert shell.returncode == 0, shell.stderr[-3000:]
    found = json.loads(shell.stdout.strip().splitlines()[-1])
    assert found == {"counts": counts, "id_number": "B7654321",
                     "member_id_number": "FR-0042-X", "photo": photo_sha,
                     "badge": badge.pk}


def test_restore_refuses_a_damaged_backup(restored_database, tmp_path):
    import os

    backup = tmp_path / "backup"
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict),
           "MEDIA_ROOT": str(tmp_path / "media")}
    _run("backup-postgres.sh", str(backup), env=env)
    with (backup / "database.dump").open("ab") as dump:
        dump.write(b"tampered")
    result = subprocess.run([str(SCRIPTS / "restore-postgres.sh"), str(backup)],
                            env={**env, "DATABASE_URL": restored_database,
                                 "MEDIA_ROOT": str(tmp_path / "restored")},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "do not match" in result.stderr
    # Nothing was restored.
    import psycopg

    with psycopg.connect(restored_database) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone()[0] == 0
