# shellcheck shell=bash
# PostgreSQL and Redis for `make test`.
#
# Source this file, then call `services_up` (exports DATABASE_URL and REDIS_URL) and
# arrange for `services_down` to run on exit. Or call it directly:
#   scripts/services.sh run .venv/bin/pytest tests/registry   # a command with the services up
#   scripts/services.sh packages                              # only the Debian packages
#
#   * PostgreSQL: the server answering on 127.0.0.1:5432 (trust login as postgres) is used when there
#     is one, with a database of its own per run; otherwise a throwaway cluster is initialised in a
#     temporary directory (trust auth, 127.0.0.1, port 55432 or the next free one, fsync off) and
#     removed afterwards.
#   * Redis: the server answering on 127.0.0.1:6379 is used (database 15) when there is one; otherwise
#     a throwaway `redis-server` (no persistence) on port 56379 or the next free one.
#   * As root, missing Debian packages the suite needs are installed (apt-get); otherwise the apt
#     command is printed.
#
# KEMITRAAN_FORCE_OWN_SERVICES=1 ignores the shared servers and always starts throwaway ones.
# A shared server is never stopped: only what this script started is.

_svc_log() { printf '[services] %s\n' "$*" >&2; }

_svc_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

_svc_free_port() {
    local port=$1
    while _svc_port_open "$port"; do port=$((port + 1)); done
    echo "$port"
}

_svc_initdb() {
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V -r); do
        echo "$candidate"
        return 0
    done
    command -v initdb 2>/dev/null
}

services_packages() {
    # Debian packages the suite needs: browser tests, PDFs, Redis, PostgreSQL, translations, fonts, and
    # the PostgreSQL client tools (pg_dump, pg_restore: manage.py backup / restore and their test).
    local wanted=(chromium libharfbuzz-subset0 poppler-utils redis-server gettext fonts-dejavu-core)
    [ -n "$(_svc_initdb)" ] || wanted+=(postgresql)
    command -v pg_dump >/dev/null && command -v pg_restore >/dev/null || wanted+=(postgresql-client)
    local missing=() pkg
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        _svc_log "installing ${missing[*]}"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        _svc_log "missing Debian packages; install them with:"
        _svc_log "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    fi
}

_svc_shared_postgres() {
    [ "${KEMITRAAN_FORCE_OWN_SERVICES:-0}" = 1 ] && return 1
    command -v pg_isready >/dev/null && command -v psql >/dev/null || return 1
    pg_isready -q -h 127.0.0.1 -p 5432 -t 2 || return 1
    psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -w -tAc 'select 1' >/dev/null 2>&1
}

_svc_start_postgres() {
    local initdb bindir port dir as_pg=()
    initdb=$(_svc_initdb)
    [ -n "$initdb" ] || { _svc_log "no initdb found (apt-get install postgresql)"; return 1; }
    bindir=$(dirname "$initdb")
    port=$(_svc_free_port "${KEMITRAAN_PG_PORT:-55432}")
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kemitraan-pg.XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        # initdb refuses to run as root.
        chown postgres: "$dir"
        as_pg=(runuser -u postgres --)
    fi
    "${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; return 1; }
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
    KEMITRAAN_OWN_PG_DIR=$dir
    KEMITRAAN_OWN_PG_BIN=$bindir
    KEMITRAAN_PG_PORT_USED=$port
    _svc_log "started a throwaway PostgreSQL on 127.0.0.1:$port ($dir)"
}

_svc_shared_redis() {
    [ "${KEMITRAAN_FORCE_OWN_SERVICES:-0}" = 1 ] && return 1
    command -v redis-cli >/dev/null || return 1
    [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]
}

_svc_start_redis() {
    local port dir i
    command -v redis-server >/dev/null || { _svc_log "no redis-server (apt-get install redis-server)"; return 1; }
    port=$(_svc_free_port "${KEMITRAAN_REDIS_PORT:-56379}")
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kemitraan-redis.XXXXXX")
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    for i in $(seq 1 100); do
        [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && break
        [ "$i" -eq 100 ] && { cat "$dir/redis.log" >&2; return 1; }
        sleep 0.05
    done
    KEMITRAAN_OWN_REDIS_DIR=$dir
    KEMITRAAN_REDIS_PORT_USED=$port
    _svc_log "started a throwaway Redis on 127.0.0.1:$port"
}

services_up() {
    local pg_port redis_port redis_db=${KEMITRAAN_REDIS_DB:-15}
    services_packages
    if _svc_shared_postgres; then
        pg_port=5432
        # A database of our own on the shared server, so that parallel runs do not collide
        # (pytest-django derives test_<name>[_gwN] from it).
        KEMITRAAN_PG_DB="kemitraan_$$"
        _svc_log "using the PostgreSQL on 127.0.0.1:5432 (database $KEMITRAAN_PG_DB)"
    else
        _svc_start_postgres || return 1
        pg_port=$KEMITRAAN_PG_PORT_USED
        KEMITRAAN_PG_DB=kemitraan
    fi
    KEMITRAAN_PG_PORT=$pg_port
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -w -q -c "CREATE DATABASE \"$KEMITRAAN_PG_DB\"" >/dev/null ||
        return 1
    if _svc_shared_redis; then
        redis_port=6379
        _svc_log "using the Redis on 127.0.0.1:6379 (database $redis_db)"
    else
        _svc_start_redis || return 1
        redis_port=$KEMITRAAN_REDIS_PORT_USED
    fi
    export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/$KEMITRAAN_PG_DB"
    export REDIS_URL="redis://127.0.0.1:$redis_port/$redis_db"
    # Only REDIS_URL: the settings derive the broker and result store from it. Celery itself lets the
    # CELERY_BROKER_URL / CELERY_RESULT_BACKEND environment variables override any configuration, which
    # would send a test's tasks to this Redis even when the test points its app at a Redis of its own.
    unset CELERY_BROKER_URL CELERY_RESULT_BACKEND
    KEMITRAAN_SERVICES_UP=1
}

services_down() {
    if [ -n "${KEMITRAAN_OWN_PG_DIR:-}" ]; then
        local as_pg=()
        [ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
        "${as_pg[@]}" "$KEMITRAAN_OWN_PG_BIN/pg_ctl" -D "$KEMITRAAN_OWN_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$KEMITRAAN_OWN_PG_DIR"
        _svc_log "stopped the throwaway PostgreSQL"
        KEMITRAAN_OWN_PG_DIR=
    elif [ -n "${KEMITRAAN_PG_DB:-}" ]; then
        # Shared server: drop this run's database and any test databases left by an interrupted run.
        local db
        for db in $(psql -h 127.0.0.1 -p "$KEMITRAAN_PG_PORT" -U postgres -d postgres -w -tAc \
            "select datname from pg_database where datname ~ '^(test_)?${KEMITRAAN_PG_DB}(_gw[0-9]+)?\$'" 2>/dev/null); do
            psql -h 127.0.0.1 -p "$KEMITRAAN_PG_PORT" -U postgres -d postgres -w -q \
                -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
        done
        KEMITRAAN_PG_DB=
    fi
    if [ -n "${KEMITRAAN_OWN_REDIS_DIR:-}" ]; then
        redis-cli -h 127.0.0.1 -p "$KEMITRAAN_REDIS_PORT_USED" shutdown nosave >/dev/null 2>&1 || true
        rm -rf "$KEMITRAAN_OWN_REDIS_DIR"
        _svc_log "stopped the throwaway Redis"
        KEMITRAAN_OWN_REDIS_DIR=
    fi
    KEMITRAAN_SERVICES_UP=0
}

# Called directly rather than sourced: `scripts/services.sh packages`.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        packages) services_packages ;;
        run)
            shift
            [ $# -gt 0 ] || set -- "${SHELL:-bash}"
            trap services_down EXIT
            trap 'exit 130' INT
            trap 'exit 143' TERM
            services_up
            "$@"
            ;;
        *)
            echo "usage: source scripts/services.sh; services_up; trap services_down EXIT" >&2
            echo "       scripts/services.sh run COMMAND...   # COMMAND with DATABASE_URL/REDIS_URL set" >&2
            echo "       scripts/services.sh packages   # install (as root) or list missing Debian packages" >&2
            exit 2
            ;;
    esac
fi
