from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Pekerjaan latar belakang")

    def ready(self):
        # Imported in ready(): the app registry must be loaded before models and signals are.
        from agreements.panels import AGREEMENT_PAGE
        from agreements.signals import stage_changed
        from core.panels import Panel

        from . import tasks  # noqa: F401 — registers the tasks that services send by name
        from .services import summary_requested_after_stage_change

        stage_changed.connect(summary_requested_after_stage_change, dispatch_uid="jobs.summary_on_stage")
        AGREEMENT_PAGE.register(
            Panel(name="summary", template="jobs/partials/summary_panel.html", place="ringkasan", order=10)
        )
