#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: a fresh cluster in a temporary
# directory, listening on 127.0.0.1 on a free port, stopped and deleted afterwards.
# Usage: scripts/with-postgres.sh COMMAND...   (DATABASE_URL is set for the command)
set -euo pipefail

bindir=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/accord-pg.XXXXXX)

# PostgreSQL refuses to run as root: as root, run the server as the postgres user.
as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$data"
  as=(runuser -u postgres --)
fi

stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$data/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap stop EXIT

"${as[@]}" "$bindir/initdb" -D "$data/db" -U accord --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as[@]}" "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -o \
  "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null

"$bindir/createdb" -h 127.0.0.1 -p "$port" -U accord accord
export DATABASE_URL="postgres://accord@127.0.0.1:$port/accord"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway)"
"$@"
