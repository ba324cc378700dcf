"""Beat does not make up a crontab run it missed while nothing was running (a laptop closed at 07:00,
a server restarted). When a worker starts after a daily task's scheduled time and that task has not
run today, it is sent once, in the pipeline's order; every step being idempotent (and the claim
exactly-once), a run too many changes nothing. Two workers starting together send it once: the one
whose update of the task's last run wins sends."""

import logging
from datetime import datetime, time

from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from .tasks import DAILY_TASKS

log = logging.getLogger(__name__)


def _missed(task, now) -> bool:
    crontab = task.crontab
    if crontab is None or not (crontab.hour.isdigit() and crontab.minute.isdigit()):
        return False  # not a once-a-day schedule: beat's own rhythm is enough
    zone = crontab.timezone
    local_now = now.astimezone(zone)
    scheduled = datetime.combine(local_now.date(), time(int(crontab.hour), int(crontab.minute)), tzinfo=zone)
    return local_now >= scheduled and (task.last_run_at is None or task.last_run_at < scheduled)


def daily_tasks_missed(now=None) -> list:
    """The enabled daily tasks (PeriodicTask rows) whose time passed today without a run, in order."""
    now = now or timezone.now()
    tasks = {
        t.task: t
        for t in PeriodicTask.objects.filter(task__in=DAILY_TASKS, enabled=True).select_related("crontab")
    }
    return [tasks[name] for name in DAILY_TASKS if name in tasks and _missed(tasks[name], now)]


def catch_up_daily_tasks(now=None, **kwargs) -> list[str]:
    """celery.signals.worker_ready receiver; returns the names of the tasks it sent."""
    try:
        now = now or timezone.now()
        sent = send_missed(daily_tasks_missed(now), now)
        if sent:
            log.info("daily tasks missed today, sent now: %s", ", ".join(sent))
        return sent
    except Exception:  # a worker must start even when this check cannot run
        log.exception("daily tasks catch-up failed")
        return []


def send_missed(missed, now) -> list[str]:
    """Send each of `missed` (PeriodicTask rows as read) unless another worker recorded a run of it
    since: the update of its last run is conditional on the value read."""
    sent = []
    for task in missed:
        same = (
            {"last_run_at__isnull": True} if task.last_run_at is None else {"last_run_at": task.last_run_at}
        )
        if PeriodicTask.objects.filter(pk=task.pk, **same).update(last_run_at=now):
            DAILY_TASKS[task.task].delay()
            sent.append(task.task)
    return sent
