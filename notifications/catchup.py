"""Beat does not make up a crontab run it missed while nothing was running (a laptop closed at 07:00,
a server restarted). When a worker starts after today's scheduled time and the daily run has not
gone out today, it is sent once; being exactly-once, a run too many sends nothing twice."""

import logging
from datetime import datetime, time

from django.utils import timezone

log = logging.getLogger(__name__)
DAILY_RUN = "notifications.daily_run"


def daily_run_missed(now=None) -> bool:
    """True when today's scheduled daily run time has passed and no run was recorded since."""
    from django_celery_beat.models import PeriodicTask

    now = now or timezone.now()
    task = PeriodicTask.objects.filter(task=DAILY_RUN, enabled=True).select_related("crontab").first()
    if task is None or task.crontab is None:
        return False
    crontab = task.crontab
    if not (crontab.hour.isdigit() and crontab.minute.isdigit()):
        return False  # not a once-a-day schedule: beat's own rhythm is enough
    zone = crontab.timezone
    local_now = now.astimezone(zone)
    scheduled = datetime.combine(local_now.date(), time(int(crontab.hour), int(crontab.minute)), tzinfo=zone)
    return local_now >= scheduled and (task.last_run_at is None or task.last_run_at < scheduled)


def catch_up_daily_run(now=None, **kwargs) -> None:
    """celery.signals.worker_ready receiver."""
    from django_celery_beat.models import PeriodicTask

    from .tasks import daily_run

    try:
        now = now or timezone.now()
        if not daily_run_missed(now):
            return
        PeriodicTask.objects.filter(task=DAILY_RUN).update(last_run_at=now)
        daily_run.delay()
        log.info("daily run missed today: sent now")
    except Exception:  # a worker must start even when this check cannot run
        log.exception("daily run catch-up failed")
