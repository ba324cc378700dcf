"""The daily pruning of the read log in beat's database schedule (03:15 local time), created only when
absent; an operator may move or disable it in the admin."""

from django.db import migrations

PRUNE = "core.read_log_prune"


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(task=PRUNE).exists():
        return
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="3",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.create(
        name="Hapus catatan unduhan yang melewati masa simpan (harian)", task=PRUNE, crontab=nightly
    )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=PRUNE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_read_log"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(create, remove)]
