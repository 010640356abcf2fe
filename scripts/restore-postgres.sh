#!/usr/bin/env bash
# Restore a backup made by scripts/backup-postgres.sh into an EMPTY PostgreSQL database
# (created beforehand: createdb NAME) and an empty MEDIA_ROOT. Refuses a database that has
# tables or a media folder that has files, rather than mix two states. Run the application
# with the same keys as the backed-up one (FIELD_ENCRYPTION_KEYS, ID_INDEX_KEY,
# BADGE_SIGNING_KEY), then `manage.py migrate` if the code is newer than the backup.
# Usage: DATABASE_URL=postgres://.../new MEDIA_ROOT=/srv/accord/media scripts/restore-postgres.sh DIR
set -euo pipefail

src=${1:?usage: scripts/restore-postgres.sh BACKUP_DIRECTORY}
: "${DATABASE_URL:?set DATABASE_URL to the empty database to restore into}"
media=${MEDIA_ROOT:-var/media}
tool() {
  command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n1
}
pg_restore=$(tool pg_restore)
psql=$(tool psql)
[ -n "$pg_restore" ] && [ -n "$psql" ] || { echo "pg_restore and psql are needed" >&2; exit 1; }

(cd "$src" && sha256sum --check --quiet SHA256SUMS) || {
  echo "$src: the backup's files do not match their sums" >&2; exit 1; }
tables=$("$psql" --dbname="$DATABASE_URL" -At -c \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
[ "$tables" = 0 ] || { echo "The database has $tables tables: restore into an empty one" >&2; exit 1; }
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
  echo "$media is not empty: restore into an empty media folder" >&2; exit 1
fi

# All or nothing: one transaction, stopped at the first error.
"$pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
echo "Restored $src into the database and $media"
