from celery.signals import worker_ready
from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import sees_everything

from .links import register_link


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifikasi dan pengingat")

    def ready(self):
        # Imported here: they read models (beat's, the agreements'), which load only once the app registry
        # is ready.
        from agreements.signals import occurrence_event

        from .catchup import catch_up_daily_tasks
        from .notices import occurrence_event_received

        worker_ready.connect(
            catch_up_daily_tasks, dispatch_uid="notifications.catch_up_daily_tasks", weak=False
        )
        # The agreements app is below this one and cannot register with it: its internal page here.
        register_link("agreement", internal_agreement_page)
        register_link("occurrence", internal_occurrence_page)
        occurrence_event.connect(occurrence_event_received, dispatch_uid="notifications.occurrence_notices")


def internal_agreement_page(user, agreement):
    """Readers who see every agreement (staff, managers, admins) open its internal page."""
    if user is not None and sees_everything(user):
        return reverse("agreements:detail", args=[agreement.pk])
    return None


def internal_occurrence_page(user, occurrence):
    """Readers who see every agreement open an occurrence on its agreement's internal page."""
    if user is not None and sees_everything(user):
        return reverse("agreements:detail", args=[occurrence.obligation.agreement_id])
    return None
