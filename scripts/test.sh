#!/usr/bin/env bash
# The whole suite, as CI runs it: ruff, migrations check, translations, then pytest on PostgreSQL and
# Redis (found or started by scripts/services.sh, stopped again on exit).
#
#   PYTEST_WORKERS=N       pytest-xdist workers; default 2 (one per core: 794 s against 1,405 s in one
#                          process on this 2-core machine, README "Test figures"); 0 runs one process
#   PYTEST_ARGS="-k x"     extra pytest arguments
#   KEMITRAAN_FORCE_OWN_SERVICES=1   start throwaway PostgreSQL/Redis even if shared ones answer
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export DJANGO_SETTINGS_MODULE=kemitraan.settings.test

# shellcheck source=scripts/services.sh
source scripts/services.sh
trap services_down EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

_t0=$SECONDS
step() {
    printf '\n==> %s\n' "$*"
    _step_start=$SECONDS
}
done_step() { printf '    (%ss)\n' "$((SECONDS - _step_start))"; }

step "ruff check ."
ruff check .
done_step

step "ruff format --check ."
ruff format --check .
done_step

step "lint-imports (the layers of docs/decisions/0050-layers.md)"
lint-imports
done_step

step "services (PostgreSQL, Redis)"
services_up
echo "    DATABASE_URL=$DATABASE_URL"
echo "    REDIS_URL=$REDIS_URL"
done_step

step "manage.py makemigrations --check --dry-run"
python manage.py makemigrations --check --dry-run
done_step

# .mo files are not committed: compile them when there are translations.
if [ -n "$(find . -path ./.venv -prune -o -path ./var -prune -o -type d -name locale -print -quit)" ]; then
    step "manage.py compilemessages"
    python manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules
    done_step
fi

workers=${PYTEST_WORKERS:-2}
pytest_args=()
[ "$workers" != 0 ] && pytest_args+=(-n "$workers")
# shellcheck disable=SC2206  # word splitting of PYTEST_ARGS is intended
pytest_args+=(${PYTEST_ARGS:-})

step "pytest ${pytest_args[*]}"
set +e
pytest "${pytest_args[@]}"
rc=$?
set -e
done_step
if [ "$rc" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure." >&2
fi
printf '\nmake test: %s in %ss\n' "$([ "$rc" -eq 0 ] && echo passed || echo "FAILED (pytest exit $rc)")" "$((SECONDS - _t0))"
exit "$rc"
