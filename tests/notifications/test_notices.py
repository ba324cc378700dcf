"""Notices of verdicts and of new evidence, in the app and by e-mail over a real SMTP server: the
partner's people hear of a verification or a rejection (with its comment), staff of evidence waiting
for them; preferences turn the e-mail off (never the in-app notice); each change is told once."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from agreements.choices import OccurrenceStatus
from agreements.services import occurrence_reject, occurrence_submit, occurrence_verify
from notifications.choices import DeliveryStatus, ItemType
from notifications.models import Notification, NotificationPreference, ReminderDelivery
from notifications.notices import occurrence_notices_claim
from tests.portal.files import pdf_upload
from tests.worker.servers import smtp_server

from .factories import reminder_world

pytestmark = [pytest.mark.smtp, pytest.mark.django_db]
PARTNER_SIDE = ["budi@tani.test", "mitra@tani.test", "petugas@distan.test"]


def smtp_on(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=5,
    )


def parts(message) -> dict:
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }


def submitted(w, commit):
    with commit(execute=True):
        return occurrence_submit(
            occurrence=w.occurrence, actor=w.partner_user, note="Laporan lengkap", files=[pdf_upload()]
        )


def test_new_evidence_reaches_staff_not_the_submitter(django_capture_on_commit_callbacks):
    w = reminder_world(due_in_days=7)
    with smtp_server() as (port, received), smtp_on(port):
        item = submitted(w, django_capture_on_commit_callbacks)
    assert [rcpts for rcpts, _m in received] == [["staf@pemkab.test"]]
    message = received[0][1]
    assert message["Subject"].startswith('Bukti baru menunggu verifikasi: "Laporan triwulan"')
    body = parts(message)
    assert "Laporan lengkap" in body["text/plain"] and "PT Tani Makmur" in body["text/html"]
    queue = f"http://127.0.0.1:8000/portal/verifikasi/?agreement={w.agreement.pk}"
    assert queue in body["text/plain"]
    assert '<html lang="id">' in body["text/html"]
    (notice,) = Notification.objects.all()
    assert (notice.user, notice.link) == (w.staff, queue.removeprefix("http://127.0.0.1:8000"))
    assert item.status == OccurrenceStatus.SUBMITTED


def test_a_rejection_with_its_comment_reaches_the_partner_side(django_capture_on_commit_callbacks):
    w = reminder_world(due_in_days=7)
    item = submitted(w, django_capture_on_commit_callbacks)
    with smtp_server() as (port, received), smtp_on(port), django_capture_on_commit_callbacks(execute=True):
        occurrence_reject(occurrence=item, actor=w.staff, note="Tanda tangan direktur belum ada")
    assert sorted(to for rcpts, _m in received for to in rcpts) == PARTNER_SIDE
    links = {}
    for rcpts, message in received:
        assert message["Subject"].startswith('Bukti "Laporan triwulan"')
        assert "ditolak" in message["Subject"]
        body = parts(message)
        assert "Tanda tangan direktur belum ada" in body["text/plain"]
        assert "Tanda tangan direktur belum ada" in body["text/html"]
        links[rcpts[0]] = body["text/plain"]
    page = f"http://127.0.0.1:8000/portal/jatuh-tempo/{item.pk}/bukti/"
    assert all(page in text for text in links.values())  # the occurrence page, where they submit again
    in_app = Notification.objects.filter(title__contains="ditolak")
    assert sorted(n.user.username for n in in_app) == ["mitra_tani", "petugas_distan"]
    assert {n.body for n in in_app} == {"Tanda tangan direktur belum ada"}


def test_a_verification_reaches_the_partner_side(django_capture_on_commit_callbacks):
    w = reminder_world(due_in_days=7)
    item = submitted(w, django_capture_on_commit_callbacks)
    with smtp_server() as (port, received), smtp_on(port), django_capture_on_commit_callbacks(execute=True):
        occurrence_verify(occurrence=item, actor=w.staff, note="Diterima")
    assert sorted(to for rcpts, _m in received for to in rcpts) == PARTNER_SIDE
    assert all("diverifikasi" in m["Subject"] for _r, m in received)


def test_preferences_turn_the_mail_off_but_not_the_notice(django_capture_on_commit_callbacks):
    w = reminder_world(due_in_days=7)
    NotificationPreference.objects.create(user=w.partner_user, email_occurrence_verdict=False)
    NotificationPreference.objects.create(user=w.officer, email_occurrence_before=False)
    item = submitted(w, django_capture_on_commit_callbacks)
    with smtp_server() as (port, received), smtp_on(port), django_capture_on_commit_callbacks(execute=True):
        occurrence_verify(occurrence=item, actor=w.staff)
    assert sorted(to for rcpts, _m in received for to in rcpts) == ["budi@tani.test", "petugas@distan.test"]
    delivery = ReminderDelivery.objects.get(user=w.partner_user)
    assert (delivery.status, delivery.body_text) == (DeliveryStatus.IN_APP_ONLY, "")
    assert Notification.objects.filter(user=w.partner_user, title__contains="diverifikasi").exists()


def test_each_change_is_told_once_and_a_new_rejection_again(django_capture_on_commit_callbacks):
    w = reminder_world(due_in_days=7)
    item = submitted(w, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        item = occurrence_reject(occurrence=item, actor=w.staff, note="Kurang lampiran")
    record = item.history.order_by("-history_id").first()
    assert occurrence_notices_claim(item.pk, "rejected", record.history_id) == []  # a retry tells no one
    told = ReminderDelivery.objects.filter(item_type=ItemType.OCCURRENCE_EVENT)
    assert told.count() == 1 + 3  # staff of the submission, the partner's side of the rejection
    item = submitted(w, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_reject(occurrence=item, actor=w.staff, note="Masih kurang")
    assert told.count() == 2 * (1 + 3)


def test_an_overdue_rejected_occurrence_keeps_being_reminded(django_capture_on_commit_callbacks):
    """After a rejection the reminders go on: before the date, and after it as overdue."""
    from .factories import run_day

    w = reminder_world(due_in_days=7)
    item = submitted(w, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_reject(occurrence=item, actor=w.staff, note="Kurang lampiran")
    assert run_day()["deliveries"] == 3  # 7 days before, like any open occurrence
    later = timezone.localdate() + datetime.timedelta(days=8)
    result = run_day(later)
    assert result["overdue"] == 1 and result["deliveries"] == 4  # a day late: escalated to staff too
    item.refresh_from_db()
    assert item.status == OccurrenceStatus.OVERDUE


def test_an_officer_of_an_opd_outside_the_agreement_is_sent_to_a_page_they_may_open(
    client, django_capture_on_commit_callbacks
):
    """An obligation may name a responsible OPD that neither leads the agreement nor is related to
    it: its officers are told, and their link opens their portal home rather than a 404."""
    from accounts.roles import Role
    from tests.accounts.factories import UserFactory
    from tests.registry.factories import MembershipFactory, OrganisationUnitFactory

    w = reminder_world(due_in_days=7)
    dishub = OrganisationUnitFactory(name="Dinas Perhubungan")
    outsider = UserFactory(username="petugas_dishub", email="dishub@pemkab.test", roles=[Role.OPD_OFFICER])
    MembershipFactory(user=outsider, organisation_unit=dishub)
    w.obligation.responsible_unit = dishub
    w.obligation.save(update_fields=["responsible_unit"])
    item = submitted(w, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_reject(occurrence=item, actor=w.staff, note="Kurang lampiran")
    notice = Notification.objects.get(user=outsider)
    assert notice.link == "/portal/"
    client.force_login(outsider)
    assert client.get(reverse("portal:agreement", args=[w.agreement.pk])).status_code == 404
    assert client.get(notice.link).status_code == 200
    partner_notice = Notification.objects.get(user=w.partner_user, title__contains="ditolak")
    assert partner_notice.link == f"/portal/jatuh-tempo/{item.pk}/bukti/"
