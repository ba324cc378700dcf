"""The daily pipeline's send step against a real SMTP server: each claimed mail is sent by a task of
its own, retried while the server answers "try later" or is away, recorded as failed with the error
after the last retry, and never sent twice. Claims are exactly once and written in bulk."""

import datetime
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from agreements.models import Agreement
from notifications import services, tasks
from notifications.choices import DeliveryStatus
from notifications.models import Notification, ReminderDelivery
from tests.worker.servers import free_port, refusing_smtp_server, smtp_server

from .factories import reminder_world, reminder_world_extra, run_day

pytestmark = [pytest.mark.smtp, pytest.mark.django_db]
RECIPIENTS = ["budi@tani.test", "mitra@tani.test", "petugas@distan.test"]


def smtp_on(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=5,
    )


@pytest.fixture
def eager_retries():
    """Eager tasks run their retries at once (the countdown is not waited for), but only when the eager
    run does not propagate errors: with task_eager_propagates (the test settings) Celery raises the
    first Retry to the caller instead. Errors are then kept on the rows, which the tests read."""
    from kemitraan.celery import app

    saved = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = saved


def unfolded(header) -> str:
    """A header as one line again: a long one is folded (CRLF + space) in transit (RFC 5322 §2.2.3)."""
    return re.sub(r"\r?\n(?=[ \t])", "", str(header))


def test_a_server_that_says_try_later_is_retried_then_the_error_is_recorded(eager_retries):
    reminder_world(due_in_days=7)
    with refusing_smtp_server("451 4.3.0 Coba lagi nanti") as (port, server), smtp_on(port):
        result = run_day()
    assert result["emails"] == 3
    attempts = 1 + tasks.SEND_RETRIES
    assert server.refused == 3 * attempts  # every retry really reached the server
    deliveries = ReminderDelivery.objects.filter(status=DeliveryStatus.FAILED)
    assert sorted(d.email for d in deliveries) == RECIPIENTS
    for delivery in deliveries:
        assert delivery.attempts == attempts
        assert delivery.error == "451 4.3.0 Coba lagi nanti"
        assert delivery.sent_at is None
    # In the app the reminder arrived all the same.
    assert Notification.objects.count() == 2


def test_a_refusal_is_not_retried():
    reminder_world(due_in_days=7)
    with refusing_smtp_server("554 5.7.1 Ditolak") as (port, server), smtp_on(port):
        run_day()
    assert server.refused == 3
    assert set(ReminderDelivery.objects.exclude(email="").values_list("status", "attempts", "error")) == {
        (DeliveryStatus.FAILED, 1, "554 5.7.1 Ditolak")
    }


def test_a_server_that_is_away_is_retried_and_the_connection_error_recorded(eager_retries):
    reminder_world(due_in_days=7)
    with smtp_on(free_port()):  # nothing listens there
        run_day()
    deliveries = list(ReminderDelivery.objects.exclude(email=""))
    assert len(deliveries) == 3
    for delivery in deliveries:
        assert delivery.status == DeliveryStatus.FAILED
        assert delivery.attempts == 1 + tasks.SEND_RETRIES
        assert "refused" in delivery.error.lower()


def test_a_retry_that_finds_the_server_back_sends_once():
    reminder_world(due_in_days=7)
    with refusing_smtp_server("421 4.7.0 Sibuk") as (port, _server), smtp_on(port):
        claimed = services.reminders_claim()
        for delivery_id in claimed["to_send"]:
            with pytest.raises(Exception, match="Sibuk"):
                services.delivery_send(delivery_id)  # what the task retries
    assert set(ReminderDelivery.objects.exclude(email="").values_list("status", "attempts")) == {
        (DeliveryStatus.RETRYING, 1)
    }
    with smtp_server() as (port, received), smtp_on(port):
        for delivery_id in claimed["to_send"]:
            assert tasks.delivery_send.delay(delivery_id).get() == "sent"
    assert sorted(to for rcpts, _m in received for to in rcpts) == RECIPIENTS
    assert set(ReminderDelivery.objects.exclude(email="").values_list("status", "attempts", "error")) == {
        (DeliveryStatus.SENT, 2, "")
    }


def test_a_send_task_that_runs_twice_sends_one_mail():
    reminder_world(due_in_days=7)
    claimed = services.reminders_claim()
    one = claimed["to_send"][0]
    with smtp_server() as (port, received), smtp_on(port):
        assert tasks.delivery_send.delay(one).get() == "sent"
        assert tasks.delivery_send.delay(one).get() == "skipped"  # redelivered, or sent by a second claim
    assert len(received) == 1
    delivery = ReminderDelivery.objects.get(pk=one)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)
    assert delivery.sent_at is not None


def test_a_delivery_being_sent_is_not_taken_again():
    reminder_world(due_in_days=7)
    one = services.reminders_claim()["to_send"][0]
    ReminderDelivery.objects.filter(pk=one).update(status=DeliveryStatus.SENDING)
    with smtp_server() as (port, received), smtp_on(port):
        assert services.delivery_send(one) == "skipped"
    assert received == []


def test_claiming_twice_makes_one_delivery_per_recipient():
    reminder_world(due_in_days=7)
    first = services.reminders_claim()
    second = services.reminders_claim()
    assert (first["deliveries"], second["deliveries"]) == (3, 0)
    assert ReminderDelivery.objects.count() == 3
    assert Notification.objects.count() == 2
    # The second claim hands the mails still waiting to send tasks again (a lost task is made up for);
    # the send step takes each once.
    assert sorted(second["to_send"]) == sorted(first["to_send"])


def test_a_delivery_left_pending_by_a_lost_task_is_sent_by_the_next_claim():
    reminder_world(due_in_days=7)
    services.reminders_claim()  # claimed, but its send tasks never reached the broker
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with smtp_server() as (port, received), smtp_on(port):
        run_day(tomorrow)
    assert sorted(to for rcpts, _m in received for to in rcpts) == RECIPIENTS


@pytest.mark.parametrize("extra_worlds", [0, 20])
def test_claim_writes_statuses_in_bulk(django_assert_num_queries, extra_worlds):
    """The claim's queries do not grow with its deliveries: 3, or 23 with 20 more agreements."""
    reminder_world(due_in_days=7)
    for _ in range(extra_worlds):
        reminder_world_extra()
    with django_assert_num_queries(CLAIM_QUERIES) as captured:
        result = services.reminders_claim()
    assert result["deliveries"] == 3 + extra_worlds
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 2  # the deliveries with their statuses, then the in-app notifications
    assert not [q for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    statuses = dict(ReminderDelivery.objects.values_list("email", "status"))
    assert statuses["budi@tani.test"] == DeliveryStatus.PENDING  # a mail for its send task
    assert set(statuses.values()) == {DeliveryStatus.PENDING}


# reminders_due's reads (the policy, two kinds of occurrence, agreements and instruments ending, the
# partners' members and contacts, the units' members, the staff), the deliveries already there,
# preferences, roles and scopes (the links go to pages each reader may open), then a savepoint, the insert of the deliveries with their statuses, the
# notifications, the release, and the deliveries still waiting for a send task.
CLAIM_QUERIES = 18


def test_a_title_with_a_line_break_is_reminded_on_one_line():
    w = reminder_world(due_in_days=7)
    w.obligation.title = "Laporan\r\ntriwulan\nkedua"
    w.obligation.save(update_fields=["title"])
    with smtp_server() as (port, received), smtp_on(port):
        run_day()
    assert sorted(to for rcpts, _m in received for to in rcpts) == RECIPIENTS
    for _rcpts, message in received:
        subject = unfolded(message["Subject"])
        assert subject.startswith('Pengingat: kewajiban "Laporan triwulan kedua" jatuh tempo dalam 7 hari')
        assert "\n" not in subject and "\r" not in subject
    assert set(ReminderDelivery.objects.exclude(email="").values_list("status", "error")) == {
        (DeliveryStatus.SENT, "")
    }
    assert set(Notification.objects.values_list("title", flat=True)) == {unfolded(received[0][1]["Subject"])}


def test_an_agreement_title_with_a_line_break_is_reminded_of_its_end():
    w = reminder_world(due_in_days=100, end_in_days=30)
    Agreement.objects.filter(pk=w.agreement.pk).update(title="Kawasan\r\nAgrowisata")
    with smtp_server() as (port, received), smtp_on(port):
        run_day()
    assert sorted(to for rcpts, _m in received for to in rcpts) == sorted([*RECIPIENTS, "staf@pemkab.test"])
    for _rcpts, message in received:
        assert unfolded(message["Subject"]).startswith(
            'Kerja sama "Kawasan Agrowisata" berakhir dalam 30 hari'
        )


def test_daily_run_runs_the_three_steps_in_one_process_and_leaves_the_mails_to_send_tasks():
    reminder_world(due_in_days=-1)  # due yesterday, not yet marked
    result = services.daily_run()
    assert result == {"overdue": 1, "moved": 0, "reminders": 1, "deliveries": 4, "emails": 4, "waiting": 4}
    assert set(ReminderDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
