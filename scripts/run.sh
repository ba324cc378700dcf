#!/usr/bin/env bash
# `make run`: migrate, seed the demo data into an empty database, then serve the web app, a Celery
# worker for the default queue, a Celery worker for the documents queue (PDFs, reports, imports) and
# Celery beat on the embedded defaults (SQLite and the file-system broker under var/).
# Ctrl-C (or SIGTERM) stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/.venv/bin:$PATH"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-kemitraan.settings.local}
export PYTHONUNBUFFERED=1

# shellcheck source=scripts/serve_env.sh
. "$ROOT/scripts/serve_env.sh"
VAR_DIR=$(realpath -m "${KEMITRAAN_VAR_DIR:-$ROOT/var}")
export KEMITRAAN_VAR_DIR=$VAR_DIR

# The process commands. docker-compose.yml runs the same workers and beat (tests/test_setup checks).
WEB_CMD="python $ROOT/manage.py runserver $HOST:$PORT"
WORKER_CMD="celery -A kemitraan worker --pool=solo --loglevel=info -Q celery -n default@%h"
DOCUMENTS_WORKER_CMD="celery -A kemitraan worker --pool=solo --loglevel=info -Q documents -n documents@%h"
BEAT_CMD="celery -A kemitraan beat --scheduler django_celery_beat.schedulers:DatabaseScheduler --loglevel=info"

# The file-system broker and result backend need their folders.
mkdir -p "$VAR_DIR/broker/out" "$VAR_DIR/broker/processed" "$VAR_DIR/celery-results"

# Everything runs from the var folder: the file-system transport keeps its exchange tables in
# ./control, and web, workers and beat must share them (and not litter the checkout). Both workers
# read the one data folder: the transport files each message under its queue's name.
cd "$VAR_DIR"

# Every issued PDF is sealed (docs/decisions/0056). Without an organisation certificate from the
# environment, a DEMO certificate made on first start under var/signing/ seals them.
if [ -z "${KEMITRAAN_SIGNING_P12:-}" ]; then
    export KEMITRAAN_SIGNING_P12="$VAR_DIR/signing/demo-segel.p12"
    python "$ROOT/manage.py" ensure_demo_certificate "$KEMITRAAN_SIGNING_P12"
    KEMITRAAN_SIGNING_PASSPHRASE=$(cat "$KEMITRAAN_SIGNING_P12.passphrase")
    export KEMITRAAN_SIGNING_PASSPHRASE
fi

python "$ROOT/manage.py" migrate --noinput
python "$ROOT/manage.py" seed_demo --if-empty

pids=()
stop_all() {
    trap - EXIT
    # A second Ctrl-C stops waiting for a warm shutdown.
    local force=0
    trap 'force=1' INT TERM
    local pid
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    # Give them up to 10 s (a worker finishes its current task), then insist.
    for _ in $(seq 1 100); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] || [ "$force" = 1 ] && break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    echo "[run] stopped" >&2
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

# Each process gets a process group of its own (setsid), so stopping one group stops its children
# too (runserver's autoreloader, for one).
start() {
    setsid "$@" </dev/null &
    pids+=($!)
}
# shellcheck disable=SC2086  # the commands are split into words on purpose
{
    start $WEB_CMD
    start $WORKER_CMD
    start $DOCUMENTS_WORKER_CMD
    start $BEAT_CMD
}

cat <<BANNER

  Kemitraan is starting on $URL
  (web: runserver, workers: celery --pool=solo for the default and the documents queue,
   beat: DatabaseScheduler; Ctrl-C stops them all)

  Demo logins (password: kemitraan-demo)
    admin     Admin
    staf      Staf Bagian Kerja Sama
    pimpinan  Pimpinan / TKKSD
    opd       Petugas Perangkat Daerah
    mitra     Pengguna Mitra

BANNER

# Whichever process ends first ends the others.
set +e
wait -n "${pids[@]}"
rc=$?
set -e
echo "[run] a process exited (status $rc); stopping the others" >&2
exit "$rc"
