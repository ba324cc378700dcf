"""A checked file of more than IMPORT_INLINE_MAX_ROWS rows is imported by an "import" job: the page polls
the job's progress until it shows the counts, or the row errors of an import that stored nothing; a job
imports its file at most once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse

from agreements.imports.checked import checked_file_read, checked_file_save
from agreements.imports.services import import_run
from agreements.models import Agreement, Obligation
from jobs.imports.background import import_job_request
from jobs.models import BackgroundJob
from jobs.runner import job_run
from tests.agreements.factories import AgreementFactory
from tests.imports.test_import import counts, xlsx

pytestmark = pytest.mark.django_db

# good_rows(): 2 partners, 1 agreement, 2 parties, 1 obligation, 2 risk shares, 2 benefit shares.
ROWS = 10
CREATED = {"partners": 2, "agreements": 1, "parties": 2, "obligations": 1, "risks": 1, "benefits": 1}


@pytest.fixture
def threshold(settings):
    settings.IMPORT_INLINE_MAX_ROWS = 5
    return 5


def checked_key(client, data=None):
    """Upload a file through the page (the dry run) and return the key of the checked file."""
    response = client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile("d.xlsx", data or xlsx())}
    )
    assert response.status_code == 200, response.content.decode()
    return response.context["key"]


def test_large_file_goes_to_a_job_whose_page_polls_until_it_shows_the_counts(
    client, staff_user, threshold, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    dry_run = client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile("d.xlsx", xlsx())}
    )
    assert "impor berjalan di latar belakang" in dry_run.content.decode()
    key = dry_run.context["key"]
    before = counts()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("imports:apply"), {"key": key})
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.requested_by) == ("import", "pending", staff_user)
    assert job.parameters == {"key": key, "name": "d.xlsx"}
    assert counts() == before  # nothing imported in the request

    page = client.get(response.url).content.decode()
    assert 'role="progressbar"' in page
    assert f'hx-get="{reverse("jobs:status", args=[job.pk])}"' in page and 'hx-trigger="every 2s"' in page

    for callback in callbacks:  # the commit: the job goes to the (eager) broker and runs
        callback()
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    assert job.outcome["created"] == CREATED and job.outcome["rows"] == ROWS
    assert Agreement.objects.filter(number="IMP/001/2026").exists()
    with pytest.raises(FileNotFoundError):  # the checked file is used up
        checked_file_read(key)

    status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "hx-get" not in status and "progressbar" not in status
    assert "Impor selesai: 10 baris diproses." in status
    assert 'Mitra baru</dt><dd class="col-sm-5">2</dd>' in status
    assert 'Kerja sama</dt><dd class="col-sm-5">1</dd>' in status
    # and the key cannot be applied a second time
    assert client.post(reverse("imports:apply"), {"key": key}).status_code == 404


def test_file_at_the_threshold_is_still_imported_in_the_request(client, staff_user, settings):
    settings.IMPORT_INLINE_MAX_ROWS = ROWS
    client.force_login(staff_user)
    response = client.post(reverse("imports:apply"), {"key": checked_key(client)})
    assert response.status_code == 200
    assert "Impor selesai" in response.content.decode()
    assert not BackgroundJob.objects.exists()
    assert Agreement.objects.filter(number="IMP/001/2026").exists()


def test_reused_partner_is_counted_on_the_job_page(
    client, staff_user, threshold, django_capture_on_commit_callbacks
):
    from tests.registry.factories import PartnerFactory

    PartnerFactory(name="PT. MAJU-JAYA")
    client.force_login(staff_user)
    key = checked_key(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:apply"), {"key": key})
    job = BackgroundJob.objects.get()
    assert job.outcome["created"]["partners"] == 1 and job.outcome["reused"] == {"partners": 1}
    status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert 'dipakai, tidak dibuat lagi)</dt><dd class="col-sm-5">1</dd>' in status
    assert "sudah terdaftar sebagai" in status


def test_failing_large_file_imports_nothing_and_the_job_shows_the_row_errors(
    client, staff_user, threshold, django_capture_on_commit_callbacks
):
    """Clean at the dry run, refused when applied: someone registered the same number meanwhile. The
    partners written before the refused row are rolled back too."""
    client.force_login(staff_user)
    key = checked_key(client)
    AgreementFactory(number="IMP/001/2026")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:apply"), {"key": key})
    assert response.status_code == 302
    job = BackgroundJob.objects.get()
    assert job.status == "failed" and job.outcome == {}
    assert counts() == before
    assert job.error.startswith(
        "Impor dibatalkan; tidak ada data yang disimpan.\nKerja Sama, baris 2: Nomor registrasi ini sudah dipakai kerja sama lain.\n"
    )
    status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert (
        "Pekerjaan gagal." in status and "Kerja Sama, baris 2: Nomor registrasi ini sudah dipakai" in status
    )
    assert "hx-get" not in status
    with pytest.raises(FileNotFoundError):
        checked_file_read(key)


def test_a_job_imports_its_file_once(staff_user, django_capture_on_commit_callbacks):
    key = checked_file_save(xlsx())
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_request(key=key, name="d.xlsx", actor=staff_user)
    job.refresh_from_db()
    assert job.status == "done"
    after = counts()
    outcome = job.outcome

    assert job_run(job.pk) == "skipped"  # a duplicate message: the job is done
    # The sweep revives a job whose worker died after the import committed: the outcome is there.
    BackgroundJob.objects.filter(pk=job.pk).update(status="pending", progress=0)
    assert job_run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.outcome, job.progress) == (outcome, 100)
    assert counts() == after

    # A second job for the same (single-use) key finds the file gone and imports nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = import_job_request(key=key, name="d.xlsx", actor=staff_user)
    again.refresh_from_db()
    assert again.status == "failed" and "tidak ada lagi (sudah diimpor atau dihapus)" in again.error
    assert counts() == after


def test_rights_are_checked_again_when_the_job_runs(staff_user, django_capture_on_commit_callbacks):
    key = checked_file_save(xlsx())
    before = counts()
    staff_user.groups.clear()
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_request(key=key, name="d.xlsx", actor=staff_user)
    job.refresh_from_db()
    assert job.status == "failed" and job.error == "Pengguna tidak berhak mengimpor data."
    assert counts() == before


def test_only_the_requester_and_staff_see_the_import_job(
    client, staff_user, opd_user, partner_user, django_capture_on_commit_callbacks
):
    from tests.accounts.factories import UserFactory

    key = checked_file_save(xlsx())
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_request(key=key, name="d.xlsx", actor=staff_user)
    urls = [reverse("jobs:detail", args=[job.pk]), reverse("jobs:status", args=[job.pk])]
    for outsider in (opd_user, partner_user):
        client.force_login(outsider)
        assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(UserFactory(roles=["staff"]))
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_import_reports_rising_progress_ending_at_100(staff_user):
    seen = []
    result = import_run("d.xlsx", xlsx(), staff_user, dry_run=False, progress=seen.append)
    assert result.applied
    assert seen == sorted(set(seen)) and seen[0] > 0 and seen[-1] == 100 and len(seen) == ROWS + 1


@pytest.mark.django_db(transaction=True)
def test_progress_is_readable_by_the_polling_page_while_the_import_transaction_runs(staff_user):
    """The import is one transaction, yet a separate connection (the page's request) reads the job's
    progress half-way through: 5 of the 10 rows are handled when the obligation row is written."""
    read_while_running = []

    def read_progress(execute, sql, params, many, context):
        # The obligation rows are written in bulk (no post_save): watch for their INSERT instead.
        if sql.startswith('INSERT INTO "agreements_obligation" '):
            other = connections.create_connection(DEFAULT_DB_ALIAS)
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT progress, status FROM jobs_backgroundjob WHERE kind = 'import'")
                    read_while_running.append(cursor.fetchone())
            finally:
                other.close()
        return execute(sql, params, many, context)

    with connections[DEFAULT_DB_ALIAS].execute_wrapper(read_progress):
        # no surrounding transaction: the job is committed, sent and run at once (eager broker)
        job = import_job_request(key=checked_file_save(xlsx()), name="d.xlsx", actor=staff_user)
    # SQLite allows one writer at a time: there the progress waits for the end (see job_set_progress).
    half_way = 50 if connections[DEFAULT_DB_ALIAS].vendor == "postgresql" else 0
    assert read_while_running == [(half_way, "running")]
    assert Obligation.objects.filter(agreement__number="IMP/001/2026").exists()
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)


def test_polled_status_partial_answers_in_a_fixed_number_of_queries(
    client, staff_user, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Polled every 2 s: session, user, the job (its counts are on the row, no file is read)."""
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_request(key=checked_file_save(xlsx()), name="d.xlsx", actor=staff_user)
    client.force_login(staff_user)
    url = reverse("jobs:status", args=[job.pk])
    client.get(url)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert "Impor selesai" in response.content.decode()
