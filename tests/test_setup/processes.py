"""Starting and stopping the project's real processes (manage.py, celery) from tests."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
BIN_DIR = Path(sys.executable).parent
MANAGE = str(BASE_DIR / "manage.py")

# Variables that would point a subprocess at the suite's PostgreSQL and Redis instead of its own.
SERVICE_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "TEST_DB_NAME",
    "KEMITRAAN_TEST_TMP",
)


def clean_env(**overrides: str) -> dict[str, str]:
    """The current environment without service URLs, plus the given variables."""
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env["PATH"] = f"{BIN_DIR}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(BASE_DIR)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(overrides)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], env: dict[str, str], log: Path, cwd: Path = BASE_DIR) -> subprocess.Popen:
    """Start a process in a session of its own (so that stopping it stops its children), output to log."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    """TERM the process group, then KILL it if it has not gone after `timeout` seconds."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(5)


def wait_for(condition: Callable[[], object], timeout: float, what: str, process=None, log=None):
    """Poll `condition` every 0.1 s until it returns something truthy; fail after `timeout` seconds
    (or at once if `process` has exited), showing the end of `log`."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        ended = process is not None and process.poll() is not None
        if ended or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            state = f"exited with {process.returncode}" if ended else f"not after {timeout}s"
            raise AssertionError(f"{what}: {state}\n{tail}")
        time.sleep(0.1)


def run(
    args: list[str], env: dict[str, str], timeout: float = 120, cwd: Path = BASE_DIR
) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
