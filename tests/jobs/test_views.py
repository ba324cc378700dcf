"""Job pages: the summary panel and its downloads under scoping, reports only for report.view."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from agreements.models import Agreement
from jobs.choices import Audience, JobKind, JobStatus
from jobs.models import AgreementSummary, BackgroundJob, IssuedDocument
from jobs.runner import job_run
from jobs.services import job_request
from jobs.summary import summary_make
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, RiskFactory
from tests.registry.factories import MembershipFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def summarised(partner, unit):
    agreement = AgreementFactory(lead_unit=unit)
    AgreementPartyFactory(agreement=agreement, partner=partner, order=1)
    RiskFactory(agreement=agreement, event="RISIKO-INTERNAL", shared_with_parties=False)
    rows = summary_make(agreement.pk)
    return agreement, {r.audience: r for r in rows}


def _download(client, row):
    return client.get(reverse("jobs:summary_download", args=[row.pk]))


@pytest.mark.pdf
def test_summary_downloads_are_scoped(client, summarised, staff_user, partner_user, opd_user):
    agreement, rows = summarised
    client.force_login(staff_user)
    assert _download(client, rows[Audience.INTERNAL]).status_code == 200
    assert _download(client, rows[Audience.PARTIES]).status_code == 200
    assert _download(client, rows[Audience.GOVERNMENT]).status_code == 200
    # An officer of the lead OPD reads the government's version (internal items, no internal notes),
    # and the parties' one, but never the internal version.
    client.force_login(opd_user)
    assert _download(client, rows[Audience.INTERNAL]).status_code == 404
    assert _download(client, rows[Audience.GOVERNMENT]).status_code == 200
    assert _download(client, rows[Audience.PARTIES]).status_code == 200
    client.force_login(partner_user)  # a party's user gets only the parties' version
    assert _download(client, rows[Audience.INTERNAL]).status_code == 404
    assert _download(client, rows[Audience.GOVERNMENT]).status_code == 404
    response = _download(client, rows[Audience.PARTIES])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    outsider = UserFactory(roles=[Role.PARTNER])
    MembershipFactory(user=outsider, partner=PartnerFactory())
    client.force_login(outsider)
    assert _download(client, rows[Audience.PARTIES]).status_code == 404
    assert client.get(reverse("jobs:summary_panel", args=[agreement.pk])).status_code == 404


@pytest.mark.pdf
def test_panel_shows_links_by_audience_and_polls_while_active(
    client, summarised, staff_user, partner_user, opd_user
):
    agreement, rows = summarised
    client.force_login(partner_user)
    html = client.get(reverse("jobs:summary_panel", args=[agreement.pk])).content.decode()
    assert reverse("jobs:summary_download", args=[rows[Audience.PARTIES].pk]) in html
    assert reverse("jobs:summary_download", args=[rows[Audience.INTERNAL].pk]) not in html
    assert reverse("jobs:summary_download", args=[rows[Audience.GOVERNMENT].pk]) not in html
    assert "Buat ringkasan PDF" not in html
    client.force_login(opd_user)
    html = client.get(reverse("jobs:summary_panel", args=[agreement.pk])).content.decode()
    assert reverse("jobs:summary_download", args=[rows[Audience.GOVERNMENT].pk]) in html
    assert "Ringkasan untuk pemerintah daerah" in html
    assert reverse("jobs:summary_download", args=[rows[Audience.INTERNAL].pk]) not in html
    BackgroundJob.objects.create(
        kind=JobKind.AGREEMENT_SUMMARY, parameters={"agreement_id": agreement.pk}, status=JobStatus.QUEUED
    )
    client.force_login(staff_user)
    html = client.get(reverse("jobs:summary_panel", args=[agreement.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Dalam antrean" in html
    for audience in (Audience.INTERNAL, Audience.GOVERNMENT, Audience.PARTIES):
        assert reverse("jobs:summary_download", args=[rows[audience].pk]) in html


@pytest.mark.pdf
def test_summary_request_from_agreement_page(
    client, staff_user, partner_user, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, order=1)
    url = reverse("jobs:summary_request", args=[agreement.pk])
    client.force_login(partner_user)
    assert client.post(url).status_code == 404  # not their agreement
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert AgreementSummary.objects.filter(agreement=agreement).count() == 3  # one per audience
    job = BackgroundJob.objects.get(kind=JobKind.AGREEMENT_SUMMARY)
    assert job.status == JobStatus.DONE and job.requested_by == staff_user


def test_reports_page_only_for_report_viewers(client, manager_user, partner_user, opd_user):
    url = reverse("jobs:reports")
    for user in (partner_user, opd_user):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(reverse("jobs:report_request", args=["report_portfolio"])).status_code == 403
    client.force_login(manager_user)
    html = client.get(url).content.decode()
    for kind in (
        "report_portfolio",
        "report_ending",
        "report_overdue",
        "report_evaluations",
        "report_yearly",
        "report_dprd",
    ):
        assert reverse("jobs:report_request", args=[kind]) in html


def test_report_request_bad_input_changes_nothing(client, manager_user):
    client.force_login(manager_user)
    response = client.post(
        reverse("jobs:report_request", args=["report_ending"]),
        {"report_ending-days": "0", "report_ending-format": "pdf"},
    )
    assert response.status_code == 400
    assert not BackgroundJob.objects.exists()


@pytest.mark.pdf
def test_report_job_status_and_download(client, manager_user, staff_user, django_capture_on_commit_callbacks):
    client.force_login(manager_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("jobs:report_request", args=["report_portfolio"]),
            {"report_portfolio-format": "xlsx", "report_portfolio-stage": ""},
        )
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (
        job.status == JobStatus.DONE and job.result_name == "portofolio.xlsx" and len(job.result_sha256) == 64
    )
    status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert reverse("jobs:download", args=[job.pk]) in status and "every 2s" not in status
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
    other = UserFactory(roles=[Role.OPD_OFFICER])
    client.force_login(other)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def _report_file(kind, parameters, owner):
    """A finished report job with its stored file, as the worker leaves it."""
    from django.core.files.base import ContentFile

    job = BackgroundJob(kind=kind, parameters=parameters, requested_by=owner, status=JobStatus.DONE)
    job.result_name = f"{kind}.pdf"
    job.result_file.save(job.result_name, ContentFile(b"%PDF-"), save=False)
    job.finished_at = timezone.now()
    job.save()
    return job


def test_reports_page_query_count_does_not_grow(client, manager_user, django_assert_num_queries):
    client.force_login(manager_user)
    _report_file(JobKind.REPORT_PORTFOLIO, {"stage": "implementation"}, manager_user)
    client.get(reverse("jobs:reports"))
    # session, user, roles, recent files, badge count
    with django_assert_num_queries(5):
        client.get(reverse("jobs:reports"))
    for _ in range(12):
        _report_file(JobKind.REPORT_YEARLY, {"year": 2025, "semester": 1}, manager_user)
    with django_assert_num_queries(5):
        html = client.get(reverse("jobs:reports")).content.decode()
    assert html.count(">Unduh report_") == 10


@pytest.mark.pdf
def test_reports_page_links_each_generated_pdf_to_its_verification_page(client, manager_user):
    job = job_request(JobKind.REPORT_PORTFOLIO, {"format": "pdf"}, manager_user)
    assert job_run(job.pk) == "done"
    _report_file(JobKind.REPORT_ENDING, {"format": "xlsx"}, manager_user)  # an XLSX: nothing to verify
    client.force_login(manager_user)
    html = client.get(reverse("jobs:reports")).content.decode()
    job.refresh_from_db()
    code = IssuedDocument.objects.get(sha256=job.result_sha256).code
    assert html.count("/verifikasi/") == 1 and reverse("verification:page", args=[code]) in html
    assert client.get(reverse("verification:page", args=[code])).status_code == 200


@pytest.mark.pdf
def test_panel_ids_are_plain_numbers_past_a_thousand(client, staff_user):
    """Element ids used as htmx targets must not get a thousands separator ("1.234")."""
    agreement = AgreementFactory()
    Agreement.objects.filter(pk=agreement.pk).update(id=123456)
    client.force_login(staff_user)
    html = client.get(reverse("jobs:summary_panel", args=[123456])).content.decode()
    assert 'id="summary-panel-123456"' in html


def test_agreement_page_loads_the_summary_panel(client, staff_user):
    agreement = AgreementFactory()
    client.force_login(staff_user)
    html = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert f'id="summary-panel-{agreement.pk}"' in html
    assert f'hx-get="{reverse("jobs:summary_panel", args=[agreement.pk])}" hx-trigger="load"' in html


def test_reports_page_says_what_each_report_holds_and_for_which_period(client, manager_user):
    client.force_login(manager_user)
    html = client.get(reverse("jobs:reports")).content.decode()
    assert "Surat pengantar dengan tanda tangan" in html and "Tahunan atau semester" in html
    assert "Persetujuan DPRD yang diberikan dalam periode dan yang menunggu keputusan" in html
    assert 'name="report_yearly-semester"' in html and "Semester II (Juli–Desember)" in html


def test_reports_page_keeps_the_last_ten_files_with_their_links(client, manager_user, staff_user):
    def done(kind, parameters, owner=manager_user):
        return _report_file(kind, parameters, owner)

    oldest = done(JobKind.REPORT_YEARLY, {"year": 2024, "format": "pdf"})
    newest = [done(JobKind.REPORT_YEARLY, {"year": 2025, "semester": 2, "format": "pdf"}) for _ in range(10)]
    someone_elses = done(JobKind.REPORT_DPRD, {"year": 2025}, owner=staff_user)
    BackgroundJob.objects.create(kind=JobKind.REPORT_PORTFOLIO, requested_by=manager_user)  # no file yet
    client.force_login(manager_user)
    html = client.get(reverse("jobs:reports")).content.decode()
    for job in newest:
        assert reverse("jobs:download", args=[job.pk]) in html
    assert reverse("jobs:download", args=[oldest.pk]) not in html
    assert reverse("jobs:download", args=[someone_elses.pk]) not in html
    assert "Tahun: 2025 · Periode: Semester II (Juli–Desember)" in html
    assert "Periksa keaslian" not in html  # no verification link until a file carries one


def test_periodic_report_with_a_period_that_does_not_exist_changes_nothing(client, manager_user):
    client.force_login(manager_user)
    cases = (
        ("2025", "3", "Masukkan pilihan yang valid. 3 bukan salah satu dari pilihan yang tersedia."),
        ("1999", "", "Pastikan nilai ini lebih besar dari atau sama dengan 2000."),
        ("dua ribu", "1", "Masukkan keseluruhan angka bilangan."),
    )
    for year, semester, message in cases:
        response = client.post(
            reverse("jobs:report_request", args=["report_yearly"]),
            {"report_yearly-year": year, "report_yearly-semester": semester, "report_yearly-format": "pdf"},
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not BackgroundJob.objects.exists()


def test_the_report_signatory_is_on_the_rules_page_and_a_bad_nip_is_refused(client, staff_user):
    from django.core.exceptions import ValidationError

    from agreements.models import ProcessRules

    rules = ProcessRules.current()
    rules.report_signatory_nip = "1968-05"
    with pytest.raises(ValidationError) as refused:
        rules.full_clean()
    assert refused.value.message_dict["report_signatory_nip"] == ["NIP terdiri atas 18 angka."]
    assert ProcessRules.objects.get().report_signatory_nip == ""
    client.force_login(staff_user)
    html = client.get(reverse("agreements:rules")).content.decode()
    for field in ("report_letterhead_unit", "report_place", "report_signatory_name", "report_signatory_title",
                  "report_signatory_nip"):  # fmt: skip
        assert f'data-rule="{field}"' in html
