"""The embedded defaults of `make run`: SQLite (WAL) and the file-system broker, with a real Celery
worker and the development server, in a temporary KEMITRAAN_VAR_DIR. CI runs on PostgreSQL and Redis,
so this test is what keeps the embedded path working."""

import json
import sqlite3
import sys
import urllib.error
import urllib.request
from contextlib import closing

import pytest

from .processes import BIN_DIR, MANAGE, clean_env, free_port, run, start, stop, wait_for

pytestmark = pytest.mark.worker

SEND_PING = (
    "import django; django.setup();"
    "from kemitraan.celery import app;"
    "print(app.send_task('kemitraan.ping').get(timeout=60))"
)


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return None


def test_embedded_defaults_round_trip(tmp_path):
    var = tmp_path / "var"
    # What scripts/run.sh prepares before starting the processes.
    for folder in ("broker/out", "broker/processed", "celery-results"):
        (var / folder).mkdir(parents=True)
    env = clean_env(DJANGO_SETTINGS_MODULE="kemitraan.settings.local", KEMITRAAN_VAR_DIR=str(var))
    python = sys.executable

    worker_log, web_log = tmp_path / "worker.log", tmp_path / "web.log"
    port = free_port()
    processes = []
    try:
        # Every process runs from the var folder, as in scripts/run.sh: the file-system transport keeps
        # its exchange tables in ./control.
        worker = start(
            [str(BIN_DIR / "celery"), "-A", "kemitraan", "worker", "--pool=solo", "--loglevel=info",
             "--without-gossip", "--without-mingle", "--hostname", f"smoke-{port}@%h"],
            env, worker_log, cwd=var,
        )  # fmt: skip
        processes.append(worker)
        web = start([python, MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload"], env, web_log, cwd=var)
        processes.append(web)

        # Both start while migrate runs (the worker and healthz need no tables): SQLite in WAL mode
        # takes a reader next to the writer.
        migrate = run([python, MANAGE, "migrate", "--noinput"], env, timeout=300, cwd=var)
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr

        database = var / "kemitraan.sqlite3"
        assert database.exists()
        with closing(sqlite3.connect(database)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert connection.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 0

        wait_for(lambda: "ready" in worker_log.read_text(), 60, "celery worker", worker, worker_log)
        ping = run([python, "-c", SEND_PING], env, timeout=90, cwd=var)
        assert ping.returncode == 0, ping.stdout + ping.stderr + worker_log.read_text()[-3000:]
        assert ping.stdout.strip().splitlines()[-1] == "pong"
        assert list((var / "celery-results").iterdir()), "the result went to the file:// backend"

        url = f"http://127.0.0.1:{port}/healthz"
        status, body = wait_for(lambda: _get(url), 60, "runserver", web, web_log)
        assert status == 200, body
        assert json.loads(body) == {"database": True, "broker": True}
    finally:
        for process in processes:
            stop(process)
