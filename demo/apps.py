from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data (`manage.py seed_demo`): above every domain app, so it may call all their services."""

    name = "demo"
    verbose_name = "Data demo"
