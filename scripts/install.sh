#!/usr/bin/env bash
# Installs what Python needs from the committed uv.lock into .venv (uv is pip-installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
export UV_PYTHON_DOWNLOADS=never

if uv --version >/dev/null 2>&1; then
    uv=(uv)
else
    if ! "$PYTHON" -m uv --version >/dev/null 2>&1; then
        echo "[install] pip install uv" >&2
        "$PYTHON" -m pip install --quiet uv || "$PYTHON" -m pip install --quiet --user uv
    fi
    uv=("$PYTHON" -m uv)
fi
"${uv[@]}" sync --frozen --python "$PYTHON" "$@"
