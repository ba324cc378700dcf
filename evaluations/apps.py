from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Monitoring dan evaluasi")

    def ready(self):
        # Panels import models, which load only once the app registry is ready.
        from .panels import register

        register()
