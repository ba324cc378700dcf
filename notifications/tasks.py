"""Thin Celery tasks of the notifications app."""

from datetime import date

from celery import shared_task

from . import services


@shared_task(name="notifications.daily_run", ignore_result=True, acks_late=True)
def daily_run(day: str | None = None) -> dict:
    """The daily run (beat, 07:00 Asia/Jakarta). `day` (ISO date) only for re-running a past day."""
    return services.daily_run(date.fromisoformat(day) if day else None)
