"""A real Celery worker process on the suite's own services (`make test`: PostgreSQL and Redis),
started with the `worker_env` fixture that later worker tests build on."""

import sys

import pytest
from celery import Celery
from django.conf import settings

from accounts.models import User

from .processes import BIN_DIR, MANAGE, free_port, run, start, stop, wait_for

pytestmark = pytest.mark.worker

COUNT_USERS = "from accounts.models import User; print(User.objects.filter(username='lihat-saya').count())"


def test_worker_env_shares_the_test_database(worker_env):
    User.objects.create_user("lihat-saya")
    result = run([sys.executable, MANAGE, "shell", "-c", COUNT_USERS], worker_env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"


def test_real_worker_answers_ping_through_the_broker(worker_env, tmp_path):
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.fail("needs Redis: run `make test` (the embedded broker has its own smoke test)")
    # A sender of its own, on a connection of its own: other tests reconfigure the project's app and
    # kombu's shared pools; this one must not depend on what they leave behind.
    sender = Celery(
        "kemitraan-test-sender", broker=settings.CELERY_BROKER_URL, backend=settings.CELERY_RESULT_BACKEND
    )
    log = tmp_path / "worker.log"
    worker = start(
        [str(BIN_DIR / "celery"), "-A", "kemitraan", "worker", "--pool=solo", "--loglevel=info",
         "--without-gossip", "--without-mingle", "--hostname", f"test-{free_port()}@%h"],
        worker_env, log,
    )  # fmt: skip
    try:
        wait_for(lambda: "ready" in log.read_text(), 60, "celery worker", worker, log)
        with sender.connection_for_write() as connection:
            result = sender.send_task("kemitraan.ping", connection=connection)
        assert result.get(timeout=30) == "pong"
    finally:
        stop(worker)
        sender.close()
