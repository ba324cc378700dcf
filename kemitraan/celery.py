"""The project's Celery app, configured from Django settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemitraan.settings.local")

app = Celery("kemitraan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="kemitraan.ping")
def ping():
    """A no-op round trip used by health checks and the embedded smoke test."""
    return "pong"
