#!/usr/bin/env bash
# Back up Accord: the PostgreSQL database (pg_dump, custom format) and the uploaded files
# (a tar of MEDIA_ROOT: photos, ID scans, credentials, badge batches), into a new directory
# with their SHA-256 sums. ID numbers stay encrypted in the dump: the keys
# (FIELD_ENCRYPTION_KEYS, ID_INDEX_KEY, BADGE_SIGNING_KEY) are NOT in the backup; keep them
# apart, as a restore without them cannot read ID numbers or sign badges.
# Usage: DATABASE_URL=postgres://... MEDIA_ROOT=/srv/accord/media scripts/backup-postgres.sh DIR
set -euo pipefail

dest=${1:?usage: scripts/backup-postgres.sh DIRECTORY (a new directory)}
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
media=${MEDIA_ROOT:-var/media}
tool() {  # the client of the newest PostgreSQL installed, when it is not on PATH
  command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n1
}
pg_dump=$(tool pg_dump)
[ -n "$pg_dump" ] || { echo "pg_dump is not installed" >&2; exit 1; }
[ -e "$dest" ] && { echo "$dest exists: give a new directory" >&2; exit 1; }

# Written beside the destination and renamed at the end: a failed backup leaves no
# directory that looks complete.
partial="$dest.partial.$$"
trap 'rm -rf "$partial"' EXIT
mkdir -p "$partial"
# One consistent snapshot of the database (pg_dump reads in one transaction). Without owners
# or grants, so that it restores under any role.
"$pg_dump" --format=custom --compress=6 --no-owner --no-privileges \
  --dbname="$DATABASE_URL" --file="$partial/database.dump"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$partial/media.tar.gz" .
else
  tar -czf "$partial/media.tar.gz" -T /dev/null
fi
(cd "$partial" && sha256sum database.dump media.tar.gz > SHA256SUMS)
mv "$partial" "$dest"
trap - EXIT
echo "Backed up to $dest: $(du -sh "$dest" | cut -f1)"
