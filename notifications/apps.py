from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifikasi dan pengingat")

    def ready(self):
        from celery.signals import worker_ready

        from .catchup import catch_up_daily_run

        worker_ready.connect(catch_up_daily_run, dispatch_uid="notifications.catch_up_daily_run", weak=False)
