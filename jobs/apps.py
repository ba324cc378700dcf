from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Pekerjaan latar belakang")

    def ready(self):
        from agreements.signals import stage_changed

        from .services import summary_requested_after_stage_change

        stage_changed.connect(summary_requested_after_stage_change, dispatch_uid="jobs.summary_on_stage")
