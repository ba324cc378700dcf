"""The single daily run becomes the daily pipeline in beat's database schedule: mark overdue, move ended
agreements to evaluation, claim reminders. The claim takes over the daily run's row (its time, whether
it is enabled, its last run), and the two steps before it run 10 and 5 minutes earlier (06:50 and
06:55 with the default 07:00). Reversible: back to one daily run at the claim's time."""

from django.db import migrations

DAILY_RUN = "notifications.daily_run"
CLAIM = "notifications.reminders_claim"
EARLIER_STEPS = (
    ("notifications.mark_overdue", "Tandai kewajiban yang terlambat (harian)", 10),
    ("notifications.move_ended", "Pindahkan kerja sama yang berakhir ke tahap evaluasi (harian)", 5),
)
DEFAULT = {"minute": "0", "hour": "7", "timezone": "Asia/Jakarta"}


def _earlier(crontab, minutes):
    """(hour, minute) `minutes` before a once-a-day crontab's time, not before midnight."""
    if not (crontab and crontab.hour.isdigit() and crontab.minute.isdigit()):
        crontab_hour, crontab_minute = int(DEFAULT["hour"]), int(DEFAULT["minute"])
    else:
        crontab_hour, crontab_minute = int(crontab.hour), int(crontab.minute)
    total = max(crontab_hour * 60 + crontab_minute - minutes, 0)
    return str(total // 60), str(total % 60)


def forward(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    claim = PeriodicTask.objects.filter(task=CLAIM).first()
    if claim is None:
        claim = PeriodicTask.objects.filter(task=DAILY_RUN).select_related("crontab").first()
        if claim is None:
            crontab, _ = CrontabSchedule.objects.get_or_create(
                day_of_week="*", day_of_month="*", month_of_year="*", **DEFAULT
            )
            claim = PeriodicTask(
                name="Pengingat harian (jatuh tempo, kerja sama dan naskah berakhir)", crontab=crontab
            )
        claim.task = CLAIM
        claim.save()
    zone = claim.crontab.timezone if claim.crontab else DEFAULT["timezone"]
    for task, name, minutes in EARLIER_STEPS:
        if PeriodicTask.objects.filter(task=task).exists():
            continue
        hour, minute = _earlier(claim.crontab, minutes)
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*", timezone=zone
        )
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab, enabled=claim.enabled)


def backward(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[task for task, _name, _minutes in EARLIER_STEPS]).delete()
    PeriodicTask.objects.filter(task=CLAIM).update(task=DAILY_RUN)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_delivery_attempts_and_message"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forward, backward)]
