from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kemitraan"

    def ready(self):
        from . import checks  # noqa: F401 — registers the project's system checks
