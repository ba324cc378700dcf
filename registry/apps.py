from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Mitra dan perangkat daerah")

    def ready(self):
        # Loaded once the app registry is ready: all three import models.
        from . import (
            admin_legality,  # noqa: F401 — registers the admin of partners' legality checks
            register_cache,  # its receivers walk the registered models
        )
        from .legality_pages import register  # imports models, like the two above

        register()
        register_cache.connect()
