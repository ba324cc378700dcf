"""Reminder mails arrive in a real SMTP server: recipients, subject, body (text and HTML), count."""

import pytest
from django.test import override_settings

from tests.worker.servers import smtp_server

from .factories import reminder_world, run_day

pytestmark = [pytest.mark.smtp, pytest.mark.django_db]


def test_reminders_arrive_by_smtp_once_each():
    w = reminder_world(due_in_days=7)
    with (
        smtp_server() as (port, received),
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ),
    ):
        run_day()
        run_day()  # a second run (a retry, another worker) sends nothing
    assert sorted(to for rcpts, _m in received for to in rcpts) == [
        "budi@tani.test",
        "mitra@tani.test",
        "petugas@distan.test",
    ]
    for _rcpts, message in received:
        assert message["Subject"].startswith(
            'Pengingat: kewajiban "Laporan triwulan" jatuh tempo dalam 7 hari'
        )
        parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
                 if not part.is_multipart()}  # fmt: skip
        assert set(parts) == {"text/plain", "text/html"}
        assert w.agreement.title in parts["text/plain"]
        assert "KS/PENGINGAT/2026" in parts["text/html"]
    links = {
        rcpts[0]: next(p for p in m.walk() if p.get_content_type() == "text/plain")
        .get_payload(decode=True)
        .decode()
        for rcpts, m in received
    }
    assert f"http://127.0.0.1:8000/portal/kerja-sama/{w.agreement.pk}/" in links["mitra@tani.test"]
    # An OPD officer reads agreements in the portal (the internal page is for those who see all).
    assert f"http://127.0.0.1:8000/portal/kerja-sama/{w.agreement.pk}/" in links["petugas@distan.test"]
    assert f"http://127.0.0.1:8000/portal/kerja-sama/{w.agreement.pk}/" in links["budi@tani.test"]
