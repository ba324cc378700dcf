"""Thin Celery tasks of the daily pipeline (beat, Asia/Jakarta): mark overdue occurrences (06:50), move
ended agreements to evaluation (06:55), claim today's reminders (07:00) — each idempotent — and send
each claimed mail in a task of its own, retried with backoff while the mail server is away.

`day` (ISO date) only for re-running a past day by hand.
"""

from datetime import date

from celery import shared_task

from agreements.services import agreements_move_ended_to_evaluation, occurrences_mark_overdue

from . import services

MARK_OVERDUE = "notifications.mark_overdue"
MOVE_ENDED = "notifications.move_ended"
REMINDERS_CLAIM = "notifications.reminders_claim"
DELIVERY_SEND = "notifications.delivery_send"
# A mail server away for a while: 5 retries, 30 s doubling up to 30 min apart (about an hour in all).
SEND_RETRIES = 5


def _day(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None


@shared_task(name=MARK_OVERDUE, ignore_result=True, acks_late=True)
def mark_overdue(day: str | None = None) -> int:
    return occurrences_mark_overdue(_day(day))


@shared_task(name=MOVE_ENDED, ignore_result=True, acks_late=True)
def move_ended(day: str | None = None) -> int:
    return agreements_move_ended_to_evaluation(_day(day))


@shared_task(name=REMINDERS_CLAIM, ignore_result=True, acks_late=True)
def reminders_claim(day: str | None = None) -> dict:
    """Claim today's reminders (committed when the service returns), then one send task per mail."""
    result = services.reminders_claim(_day(day))
    for delivery_id in result.pop("to_send"):
        delivery_send.delay(delivery_id)
    return result


@shared_task(
    bind=True,
    name=DELIVERY_SEND,
    ignore_result=True,
    acks_late=True,
    autoretry_for=services.MAIL_UNAVAILABLE,
    max_retries=SEND_RETRIES,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
)
def delivery_send(self, delivery_id: int) -> str:
    return services.delivery_send(delivery_id, final=self.request.retries >= self.max_retries)


# The daily tasks in the order beat runs them (catch-up on worker start keeps it).
DAILY_TASKS = {MARK_OVERDUE: mark_overdue, MOVE_ENDED: move_ended, REMINDERS_CLAIM: reminders_claim}
