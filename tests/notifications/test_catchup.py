"""Daily tasks missed while nothing was running are made up, in order, when a worker starts."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from notifications.catchup import catch_up_daily_tasks, daily_tasks_missed, send_missed
from notifications.tasks import MARK_OVERDUE, MOVE_ENDED, REMINDERS_CLAIM

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(hour, minute=0, day=25):
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=JAKARTA)


@pytest.fixture
def schedule():
    """The pipeline as the migration leaves it: 06:50, 06:55, 07:00, none run yet."""
    tasks = {
        row.task: row
        for row in PeriodicTask.objects.filter(task__in=[MARK_OVERDUE, MOVE_ENDED, REMINDERS_CLAIM])
    }
    assert {name: (t.crontab.hour, t.crontab.minute) for name, t in tasks.items()} == {
        MARK_OVERDUE: ("6", "50"),
        MOVE_ENDED: ("6", "55"),
        REMINDERS_CLAIM: ("7", "0"),
    }
    PeriodicTask.objects.filter(pk__in=[t.pk for t in tasks.values()]).update(last_run_at=None)
    return tasks


def _missed(now):
    return [t.task for t in daily_tasks_missed(now)]


def test_missed_only_after_each_scheduled_time_without_a_run(schedule):
    assert _missed(at(6, 49)) == []
    assert _missed(at(6, 52)) == [MARK_OVERDUE]
    assert _missed(at(7, 1)) == [MARK_OVERDUE, MOVE_ENDED, REMINDERS_CLAIM]
    claim = schedule[REMINDERS_CLAIM]
    claim.last_run_at = at(7, 0, day=24)  # yesterday's run
    claim.save(update_fields=["last_run_at"])
    assert REMINDERS_CLAIM in _missed(at(9))
    claim.last_run_at = at(7, 0)  # today's run went out
    claim.save(update_fields=["last_run_at"])
    assert _missed(at(9)) == [MARK_OVERDUE, MOVE_ENDED]


def test_a_schedule_that_is_not_once_a_day_is_left_to_beat(schedule):
    crontab = CrontabSchedule.objects.create(minute="*/5", hour="*", timezone="Asia/Jakarta")
    PeriodicTask.objects.filter(task=MARK_OVERDUE).update(crontab=crontab)
    PeriodicTask.objects.filter(task=MOVE_ENDED).update(enabled=False)
    assert _missed(at(9)) == [REMINDERS_CLAIM]


def test_catch_up_runs_each_missed_task_once_and_records_it(schedule):
    from tests.notifications.factories import reminder_world

    w = reminder_world(due_in_days=-1)  # due yesterday: the catch-up marks it and sends the overdue mails
    nine = timezone.localtime().replace(hour=9, minute=0)
    assert catch_up_daily_tasks(now=nine) == [MARK_OVERDUE, MOVE_ENDED, REMINDERS_CLAIM]
    w.occurrence.refresh_from_db()
    assert w.occurrence.status == "overdue"
    assert len(mail.outbox) == 4
    assert all(m.subject.startswith("Terlambat") for m in mail.outbox)
    assert set(
        PeriodicTask.objects.filter(pk__in=[t.pk for t in schedule.values()]).values_list(
            "last_run_at", flat=True
        )
    ) == {nine}
    # The next worker start (or a second worker starting at the same moment): already done today.
    assert catch_up_daily_tasks(now=nine.replace(hour=10)) == []
    assert len(mail.outbox) == 4


def test_of_two_workers_starting_together_one_sends(schedule):
    nine = timezone.localtime().replace(hour=9, minute=0)
    missed = daily_tasks_missed(nine)
    # The other worker records its run of the claim between this one's check and its update.
    PeriodicTask.objects.filter(task=REMINDERS_CLAIM).update(last_run_at=nine)
    assert send_missed(missed, nine) == [MARK_OVERDUE, MOVE_ENDED]


def test_the_schedule_migration_goes_back_to_one_daily_run_and_keeps_an_admins_time(schedule):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("notifications.migrations.0004_daily_pipeline_schedule")
    migration.backward(apps, None)
    assert list(
        PeriodicTask.objects.filter(task__startswith="notifications.").values_list("task", flat=True)
    ) == ["notifications.daily_run"]
    # An admin had moved the daily run to 08:30 and switched it off.
    crontab = CrontabSchedule.objects.create(minute="30", hour="8", timezone="Asia/Jakarta")
    PeriodicTask.objects.filter(task="notifications.daily_run").update(crontab=crontab, enabled=False)
    migration.forward(apps, None)
    rows = {t.task: t for t in PeriodicTask.objects.filter(task__startswith="notifications.")}
    assert {name: (t.crontab.hour, t.crontab.minute, t.enabled) for name, t in rows.items()} == {
        MARK_OVERDUE: ("8", "20", False),
        MOVE_ENDED: ("8", "25", False),
        REMINDERS_CLAIM: ("8", "30", False),
    }
