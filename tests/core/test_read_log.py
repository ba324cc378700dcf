"""The audit of reads: downloads leave one row each (who, when, which object and version, from where),
refused ones none; staff see the latest on the agreement page and in a read-only admin; rows older
than the retention period are pruned; and no admin page rewrites history."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from simple_history.admin import SimpleHistoryAdmin

from agreements import services
from agreements.choices import DocumentType, Visibility
from agreements.models import Agreement, Document
from core.admin_helpers import HistoryAdmin
from core.audit import read_log_prune
from core.models import ReadLog
from core.tasks import READ_LOG_PRUNE, prune_read_log
from jobs.choices import JobKind, JobStatus
from jobs.models import AgreementSummary, BackgroundJob
from tests.agreements.builders import pdf_upload
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.agreements.pages import agreement_page

pytestmark = pytest.mark.django_db

LONG_AGENT = "Mozilla/5.0 (X11; Linux x86_64) " + "x" * 500


def _document(actor, agreement, visibility, title="Naskah PKS"):
    return services.document_upload(
        agreement=agreement,
        actor=actor,
        upload=pdf_upload("asli.pdf"),
        title=title,
        doc_type=DocumentType.SIGNED_COPY,
        visibility=visibility,
    )


def _download(client, document, **extra):
    return client.get(reverse("agreements:document_download", args=[document.pk]), **extra)


def test_staff_download_leaves_one_row_with_reader_address_object_and_version(client, staff_user):
    document = _document(staff_user, AgreementFactory(), Visibility.INTERNAL)
    client.force_login(staff_user)
    response = _download(client, document, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT=LONG_AGENT)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    row = ReadLog.objects.get()
    assert row.user == staff_user
    assert row.ip_address == "203.0.113.7"
    assert (row.content_type, row.object_id, row.target) == (
        ContentType.objects.get_for_model(Document),
        document.pk,
        document,
    )
    assert (row.label, row.version, row.sha256) == ("Naskah PKS", "1", document.sha256)
    assert len(row.sha256) == 64
    assert row.user_agent == LONG_AGENT[:300]
    assert timezone.now() - row.read_at < timedelta(minutes=1)


def test_partner_download_of_a_shared_document_is_recorded(client, staff_user, partner, partner_user):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, partner=partner)
    shared = _document(staff_user, agreement, Visibility.PARTIES)
    client.force_login(partner_user)
    assert _download(client, shared).status_code == 200
    row = ReadLog.objects.get()
    assert (row.user, row.target, row.ip_address) == (partner_user, shared, "127.0.0.1")


def test_refused_and_missing_downloads_write_nothing(client, staff_user, partner, partner_user):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, partner=partner)
    internal = _document(staff_user, agreement, Visibility.INTERNAL)
    elsewhere = _document(staff_user, AgreementFactory(), Visibility.PARTIES)
    client.force_login(partner_user)
    assert _download(client, internal).status_code == 404
    assert _download(client, elsewhere).status_code == 404
    assert client.get(reverse("agreements:document_download", args=[999999])).status_code == 404
    client.force_login(staff_user)
    internal.file.delete(save=False)  # the row exists, its file does not: 404, and nothing read
    assert _download(client, internal).status_code == 404
    assert not ReadLog.objects.exists()


def test_anonymous_download_of_a_public_document_is_not_recorded(client, staff_user):
    agreement = AgreementFactory(is_public=True)
    public = _document(staff_user, agreement, Visibility.PUBLIC)
    assert _download(client, public).status_code == 200
    assert not ReadLog.objects.exists()


def test_forwarded_address_is_believed_only_behind_trusted_proxies(client, staff_user, settings):
    document = _document(staff_user, AgreementFactory(), Visibility.INTERNAL)
    client.force_login(staff_user)
    forged = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.9, 192.0.2.44"}
    _download(client, document, **forged)
    assert ReadLog.objects.get().ip_address == "10.0.0.2"  # TRUSTED_PROXY_COUNT = 0: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    _download(client, document, **forged)
    # One proxy of ours appended what it saw (192.0.2.44); the entry before it is the client's claim.
    assert ReadLog.objects.first().ip_address == "192.0.2.44"
    settings.TRUSTED_PROXY_COUNT = 2
    _download(client, document, **forged)
    assert ReadLog.objects.first().ip_address == "198.51.100.9"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: the header is not believed
    _download(client, document, **forged)
    assert ReadLog.objects.first().ip_address == "10.0.0.2"


def test_summary_and_job_downloads_are_recorded_with_version_and_checksum(client, staff_user, tmp_path):
    agreement = AgreementFactory()
    summary = AgreementSummary(agreement=agreement, version=3, audience="internal", sha256="a" * 64, size=8)
    summary.file.save("ringkasan.pdf", pdf_upload("ringkasan.pdf"), save=False)
    summary.save()
    job = BackgroundJob(
        kind=JobKind.AGREEMENT_SUMMARY,
        requested_by=staff_user,
        status=JobStatus.DONE,
        result_name="ringkasan.pdf",
        result_sha256="b" * 64,
        parameters={"agreement_id": agreement.pk},
    )
    job.result_file.save("hasil.pdf", pdf_upload("hasil.pdf"), save=False)
    job.save()
    client.force_login(staff_user)
    assert client.get(reverse("jobs:summary_download", args=[summary.pk])).status_code == 200
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200
    assert client.get(reverse("jobs:summary_download", args=[999999])).status_code == 404
    job_row, summary_row = ReadLog.objects.all()
    assert (summary_row.target, summary_row.version, summary_row.sha256) == (summary, "3", "a" * 64)
    assert summary_row.label == summary.download_name
    assert (job_row.target, job_row.label, job_row.sha256) == (job, "ringkasan.pdf", "b" * 64)


def test_agreement_page_lists_the_latest_downloads_to_staff_and_the_portal_does_not(
    client, staff_user, partner, partner_user
):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, partner=partner)
    shared = _document(staff_user, agreement, Visibility.PARTIES, title="Naskah bersama")
    client.force_login(partner_user)
    _download(client, shared, REMOTE_ADDR="198.51.100.23")
    portal = client.get(reverse("portal:agreement", args=[agreement.pk]))
    assert portal.status_code == 200
    assert "Naskah bersama" in portal.content.decode()
    assert "Riwayat unduhan" not in portal.content.decode()
    assert "198.51.100.23" not in portal.content.decode()

    client.force_login(staff_user)
    html = agreement_page(client, agreement, "dokumen")
    section = html[html.index('id="riwayat-unduhan"') :]
    section = section[: section.index("</details>")]
    assert "Riwayat unduhan" in section
    assert "mitra_uji" in section or str(partner_user) in section
    assert "198.51.100.23" in section and "Naskah bersama" in section


def test_the_list_is_limited_to_the_latest_ten(client, staff_user):
    agreement = AgreementFactory()
    document = _document(staff_user, agreement, Visibility.INTERNAL)
    client.force_login(staff_user)
    for n in range(12):
        _download(client, document, REMOTE_ADDR=f"192.0.2.{n + 1}")
    html = agreement_page(client, agreement, "dokumen")
    section = html[html.index('id="riwayat-unduhan"') :]
    section = section[: section.index("</details>")]
    assert "192.0.2.12<" in section and "192.0.2.3<" in section
    assert "192.0.2.2<" not in section and "192.0.2.1<" not in section


def test_prune_removes_only_rows_older_than_the_retention_period(staff_user, settings):
    settings.READ_LOG_RETENTION_DAYS = 30
    agreement = AgreementFactory()
    now = timezone.now()
    ages = {"lama": 31, "batas": 29, "baru": 0}
    for label, days in ages.items():
        ReadLog.objects.create(
            user=staff_user,
            content_type=ContentType.objects.get_for_model(Agreement),
            object_id=agreement.pk,
            label=label,
            read_at=now - timedelta(days=days),
        )
    assert read_log_prune(now=now) == 1
    assert set(ReadLog.objects.values_list("label", flat=True)) == {"batas", "baru"}
    settings.READ_LOG_RETENTION_DAYS = 10
    assert prune_read_log.delay().get() == 1  # the beat task, run eagerly
    assert set(ReadLog.objects.values_list("label", flat=True)) == {"baru"}
    ReadLog.objects.filter(label="baru").update(read_at=now - timedelta(days=11))
    call_command("read_log_prune", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not ReadLog.objects.exists()


def test_pruning_runs_daily_from_beat():
    task = PeriodicTask.objects.get(task=READ_LOG_PRUNE)
    assert task.enabled and task.crontab is not None
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("15", "3", "*")


def test_admin_lists_reads_but_never_adds_changes_or_deletes(client, admin_user, staff_user):
    document = _document(staff_user, AgreementFactory(), Visibility.INTERNAL)
    client.force_login(staff_user)
    _download(client, document)
    row = ReadLog.objects.get()
    client.force_login(admin_user)
    changelist = client.get(reverse("admin:core_readlog_changelist"))
    assert changelist.status_code == 200 and "Naskah PKS" in changelist.content.decode()
    assert client.get(reverse("admin:core_readlog_changelist"), {"q": "staf_uji"}).status_code == 200
    page = client.get(reverse("admin:core_readlog_change", args=[row.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:core_readlog_add")).status_code == 403
    assert client.post(reverse("admin:core_readlog_change", args=[row.pk]), {"label": "x"}).status_code == 403
    assert (
        client.post(reverse("admin:core_readlog_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    )
    assert ReadLog.objects.get().label == "Naskah PKS"


def test_every_admin_with_history_keeps_it_read_only():
    with_history = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert len(with_history) > 10
    assert all(isinstance(model_admin, HistoryAdmin) for model_admin in with_history), [
        type(a).__name__ for a in with_history if not isinstance(a, HistoryAdmin)
    ]


def test_posting_to_an_agreements_history_form_changes_nothing(client, admin_user):
    agreement = AgreementFactory(title="Judul lama")
    agreement.title = "Judul sekarang"
    agreement.save()
    old = agreement.history.order_by("history_id").first()
    url = reverse("admin:agreements_agreement_simple_history", args=[agreement.pk, old.history_id])
    client.force_login(admin_user)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # no "revert" button
    form = page.context["adminform"].form
    data = {name: ("" if value is None else value) for name in form.fields if (value := form[name].value())}
    data["related_units"] = []
    assert data["title"] == "Judul lama"
    history_rows = agreement.history.count()
    response = client.post(url, data)
    assert response.status_code == 405
    agreement.refresh_from_db()
    assert agreement.title == "Judul sekarang"
    assert agreement.history.count() == history_rows
