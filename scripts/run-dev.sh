#!/usr/bin/env bash
# `make run`: the web server, a Celery worker and Celery beat in the foreground together.
# Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
export DEBUG="${DEBUG:-true}"
host="${HOST:-127.0.0.1}"
port="${PORT:-8000}"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

mkdir -p var
.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 --without-gossip --without-mingle &
pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule &
pids+=($!)
$py manage.py runserver --noreload "$host:$port" &
pids+=($!)

sleep 2
# Beat's first sweep is at the next ten minutes; run one now so the demo's reminders show up.
$py manage.py send_reminders >/dev/null 2>&1 || echo "The first reminder sweep failed; beat will retry."
cat <<MSG

  Accord is running: http://$host:$port/
  Demo logins (password: accord-demo, development only):
    secretariat   the secretariat: everything in the plan, imports
    steering      the steering committee: reads all, gets escalations and digests
    focal.mofa    a focal point of the Ministry of Foreign Affairs (also focal.mps, focal.nca)
    observer      reads only
    protocol      the protocol office: delegations, arrivals, signing, speakers, bilaterals
                  (liaison officers: liaison.an, liaison.binh ...)
    programme     the programme office: rooms, sessions, side-event review
                  (also reviewer.thao, reviewer.kien)
    accreditation the accreditation office: outlets, applications, badges, checkpoints
    vetting       security vetting: clears or flags applicants, sees ID document numbers
    gate          a gate operator: the scanner page at the checkpoints
  Mail (reminders, digests) is written to var/mail/. API docs: http://$host:$port/api/docs/
  Ctrl-C stops the web server, the worker and beat.

MSG
wait -n "${pids[@]}"
