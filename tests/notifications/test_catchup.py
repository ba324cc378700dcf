"""A daily run missed while nothing was running is made up when a worker starts."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from notifications.catchup import catch_up_daily_run, daily_run_missed

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def daily_task():
    crontab, _ = CrontabSchedule.objects.get_or_create(minute="0", hour="7", timezone="Asia/Jakarta")
    task, _ = PeriodicTask.objects.update_or_create(
        task="notifications.daily_run", defaults={"name": "harian", "crontab": crontab, "last_run_at": None}
    )
    return task


def at(hour, minute=0, day=25):
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=JAKARTA)


def test_missed_only_after_the_scheduled_time_without_a_run(daily_task):
    assert not daily_run_missed(at(6, 59))
    assert daily_run_missed(at(7, 1))
    daily_task.last_run_at = at(7, 0, day=24)  # yesterday's run
    daily_task.save(update_fields=["last_run_at"])
    assert daily_run_missed(at(9))
    daily_task.last_run_at = at(7, 0)  # today's run went out
    daily_task.save(update_fields=["last_run_at"])
    assert not daily_run_missed(at(9))


def test_catch_up_runs_once_and_records_it(daily_task):
    from django.core import mail

    from tests.notifications.factories import reminder_world

    reminder_world(due_in_days=7)
    nine = timezone.localtime().replace(hour=9, minute=0)
    catch_up_daily_run(now=nine)  # eager in tests: the run happens now
    assert len(mail.outbox) == 3
    daily_task.refresh_from_db()
    assert daily_task.last_run_at == nine
    catch_up_daily_run(now=nine.replace(hour=10))  # the next worker start: already done today
    assert len(mail.outbox) == 3
