from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Mitra dan perangkat daerah")

    def ready(self):
        # Loaded once the app registry is ready: both import models.
        from . import (
            admin_legality,  # noqa: F401 — registers the admin of partners' legality checks
            register_cache,
        )
        from .legality_pages import register

        register()
        register_cache.connect()
