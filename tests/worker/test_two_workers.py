"""Exactly once with two separate `celery worker` processes on the test's own Redis and the test
PostgreSQL database, both claiming the day's reminders at the same time, then again (as a retry
would); the send tasks the claims fan out are spread over both, and each mail goes out once."""

from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from notifications.models import Notification, ReminderDelivery
from tests.notifications.factories import reminder_world, reminder_world_extra
from tests.worker.servers import redis_server, smtp_server, start_worker, stop_process, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]


def _database_url():
    s = connection.settings_dict
    assert connection.vendor == "postgresql", "two-worker test needs PostgreSQL"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _succeeded(log: Path, task: str = "notifications.reminders_claim") -> int:
    """How many runs of `task` this worker finished ("Task notifications.reminders_claim[…] succeeded")."""
    lines = log.read_text(errors="replace").splitlines()
    return sum(1 for line in lines if f"{task}[" in line and "succeeded in" in line)


def test_two_workers_send_each_reminder_exactly_once(tmp_path):
    reminder_world(due_in_days=7)
    # More items make each run long enough for the two to overlap.
    for _ in range(20):
        reminder_world_extra()
    expected = ReminderDelivery.objects.count()
    assert expected == 0

    with redis_server() as redis, smtp_server() as (smtp_port, received):
        env = {
            "DJANGO_SETTINGS_MODULE": "kemitraan.settings.local",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": redis.url,
            "CELERY_RESULT_BACKEND": redis.url.replace("/0", "/1"),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "KEMITRAAN_VAR_DIR": str(tmp_path / "var"),
            "DEBUG": "false",
        }
        logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
        workers = [start_worker(f"w{i}", env, log) for i, log in enumerate(logs, start=1)]
        try:
            for worker, log in zip(workers, logs, strict=True):
                wait_until(
                    lambda log=log, worker=worker: (
                        " ready." in log.read_text(errors="replace") or worker.poll() is not None
                    ),
                    60,
                    "a worker to be ready",
                )
                assert workers[0].poll() is None and worker.poll() is None, log.read_text(errors="replace")
            client = Celery(broker=redis.url, set_as_current=False)
            for _ in range(4):  # four claims at once over two workers: each takes at least one
                client.send_task("notifications.reminders_claim")
            wait_until(lambda: sum(_succeeded(log) for log in logs) >= 4, 90, "four claims")
            assert all(_succeeded(log) >= 1 for log in logs), "both workers must have claimed"
            wait_until(lambda: len(received) >= 3 + 20, 90, "the mails")
            deliveries = ReminderDelivery.objects.count()
            # The first world: partner user, contact, OPD officer; every extra world: its partner user.
            assert deliveries == 3 + 20
            # A retry later sends nothing either.
            client.send_task("notifications.reminders_claim")
            wait_until(lambda: sum(_succeeded(log) for log in logs) >= 5, 60, "the retried claim")
            # Every send task the claims fanned out has run (a mail the other worker sent is skipped).
            wait_until(
                lambda: not ReminderDelivery.objects.exclude(status__in=["sent", "in_app_only"]).exists(),
                60,
                "every delivery settled",
            )
            assert sum(_succeeded(log, "notifications.delivery_send") for log in logs) >= 3 + 20
            client.close()
        finally:
            for worker in workers:
                stop_process(worker)
    assert ReminderDelivery.objects.count() == 3 + 20
    recipients = [to for rcpts, _m in received for to in rcpts]
    assert len(recipients) == len(set(recipients)) == 3 + 20
    assert {"mitra@tani.test", "budi@tani.test", "petugas@distan.test"} <= set(recipients)
    assert Notification.objects.count() == 2 + 20
