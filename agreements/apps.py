from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Kerja sama")

    def ready(self):
        # Loaded once the app registry is ready: all three import models.
        from . import (
            admin_process,  # noqa: F401 — registers the admin of the law's steps and rules
            shown,
        )
        from .panels import register  # the page's panels name models too

        register()
        shown.connect()
