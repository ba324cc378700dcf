"""Default reminder policy rows and the daily run at 07:00 Asia/Jakarta in beat's database schedule,
created only when absent so that an admin's changes survive later migrations."""

from django.db import migrations

DEFAULT_OFFSETS = {
    "occurrence_before": [30, 7, 1, 0],
    "occurrence_after": [1, 7],
    "agreement_end": [90, 60, 30, 7, 0],
    "instrument_end": [90, 60, 30, 7, 0],
}
DAILY_RUN = "notifications.daily_run"


def create(apps, schema_editor):
    ReminderPolicy = apps.get_model("notifications", "ReminderPolicy")
    for kind, offsets in DEFAULT_OFFSETS.items():
        ReminderPolicy.objects.get_or_create(kind=kind, defaults={"offsets": offsets})
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if not PeriodicTask.objects.filter(task=DAILY_RUN).exists():
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute="0", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Jakarta"
        )
        PeriodicTask.objects.create(
            name="Pengingat harian (jatuh tempo, kerja sama dan naskah berakhir)",
            task=DAILY_RUN,
            crontab=crontab,
        )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=DAILY_RUN).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(create, remove)]
