"""A file of more than IMPORT_INLINE_MAX_ROWS rows is checked by an "import_check" job and imported by
an "import" job: their pages poll the job's progress until they show the dry run (every row's problems,
or the button that imports), then the counts or the row errors of an import that stored nothing; a job
imports its file at most once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse

from agreements.imports.services import import_run
from agreements.models import Agreement
from jobs.imports.background import import_job_run
from jobs.imports.services import import_apply, import_receive
from jobs.models import BackgroundJob, CheckedImport
from jobs.runner import job_run
from tests.agreements.factories import AgreementFactory
from tests.imports.test_import import counts, good_rows, xlsx

pytestmark = pytest.mark.django_db

# good_rows(): 2 partners, 1 agreement, 2 parties, 1 obligation, 2 risk shares, 2 benefit shares.
ROWS = 10
CREATED = {"partners": 2, "agreements": 1, "parties": 2, "obligations": 1, "risks": 1, "benefits": 1}


@pytest.fixture
def threshold(settings):
    settings.IMPORT_INLINE_MAX_ROWS = 5
    return 5


def upload(client, data=None, execute=None):
    """Upload a file through the page; with `execute` (django_capture_on_commit_callbacks), a large
    file's check job runs after the request commits."""
    post = lambda: client.post(  # noqa: E731
        reverse("imports:upload"), {"file": SimpleUploadedFile("d.xlsx", data or xlsx())}
    )
    if execute is None:
        return post()
    with execute(execute=True):
        return post()


def checked_key(client, data=None):
    """Upload a small file through the page (the dry run in the request) and return its key."""
    response = upload(client, data)
    assert response.status_code == 200, response.content.decode()
    return response.context["key"]


def test_large_file_is_checked_by_a_job_whose_page_shows_the_button_then_imports_in_another_job(
    client, staff_user, threshold, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    before = counts()
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(client)
    check = BackgroundJob.objects.get()
    checked = CheckedImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[check.pk])
    assert (check.kind, check.status, check.parameters) == ("import_check", "pending", {"import": checked.pk})
    assert (checked.state, checked.check_job, checked.rows) == ("checking", check, ROWS)
    page = client.get(response.url).content.decode()
    assert 'role="progressbar"' in page and 'hx-trigger="every 2s"' in page

    for callback in callbacks:  # the commit: the check job goes to the (eager) broker and runs
        callback()
    check.refresh_from_db()
    checked.refresh_from_db()
    assert (check.status, check.progress, checked.state) == ("done", 100, "checked")
    assert checked.result["created"] == CREATED and counts() == before
    status = client.get(reverse("jobs:status", args=[check.pk])).content.decode()
    assert "hx-get" not in status and "Semua baris valid" in status
    assert f'name="key" value="{checked.key}"' in status
    assert 'Mitra baru</dt><dd class="col-sm-5">2</dd>' in status

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("imports:apply"), {"key": checked.key})
    job = BackgroundJob.objects.get(kind="import")
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.parameters, job.requested_by) == ("pending", {"import": checked.pk}, staff_user)
    checked.refresh_from_db()
    assert (checked.state, checked.apply_job) == ("applying", job)
    assert counts() == before  # nothing imported in the request
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    checked.refresh_from_db()
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    assert checked.state == "applied" and checked.result["created"] == CREATED
    assert job.outcome["created"] == CREATED and job.outcome["rows"] == ROWS
    assert Agreement.objects.filter(number="IMP/001/2026").exists()

    status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "hx-get" not in status and "progressbar" not in status
    assert "Impor selesai: 10 baris diproses." in status
    assert 'Kerja sama</dt><dd class="col-sm-5">1</dd>' in status
    # Applying again starts no job and imports nothing: the first one's result.
    after = counts()
    again = client.post(reverse("imports:apply"), {"key": checked.key})
    assert again.status_code == 200 and "sudah diimpor sebelumnya" in again.content.decode()
    assert again.context["result"]["created"] == CREATED
    assert BackgroundJob.objects.filter(kind="import").count() == 1 and counts() == after


def test_large_dry_run_with_problems_shows_every_row_problem_on_the_job_page(
    client, staff_user, threshold, django_capture_on_commit_callbacks
):
    rows = good_rows()
    rows["Kerja Sama"][0][5] = "kemarin"
    rows["Mitra"][1][2] = "luar angkasa"
    client.force_login(staff_user)
    response = upload(client, xlsx(rows), execute=django_capture_on_commit_callbacks)
    check = BackgroundJob.objects.get()
    assert response.url == reverse("jobs:detail", args=[check.pk])
    checked = CheckedImport.objects.get()
    assert checked.state == "refused"
    page = client.get(response.url).content.decode()
    assert "Berkas belum dapat diimpor" in page
    assert "Tanggal &#x27;kemarin&#x27; tidak valid" in page and "tanggal_mulai" in page
    assert "Nilai &#x27;luar angkasa&#x27; tidak dikenal" in page
    assert 'name="key"' not in page
    # a refused file cannot be applied
    assert client.post(reverse("imports:apply"), {"key": checked.key}).status_code == 302
    checked.refresh_from_db()
    assert checked.state == "refused" and not BackgroundJob.objects.filter(kind="import").exists()


def test_file_at_the_threshold_is_still_checked_and_imported_in_the_request(client, staff_user, settings):
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
    upload(client, execute=django_capture_on_commit_callbacks)
    key = CheckedImport.objects.get().key
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:apply"), {"key": key})
    job = BackgroundJob.objects.get(kind="import")
    assert job.outcome["created"]["partners"] == 1 and job.outcome["reused"] == {"partners": 1}
    status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert 'dipakai, tidak dibuat lagi)</dt><dd class="col-sm-5">1</dd>' in status
    assert "sudah terdaftar sebagai" in status


def test_failing_large_file_imports_nothing_and_the_job_shows_the_row_errors(
    client, staff_user, threshold, django_capture_on_commit_callbacks
):
    """Clean at the dry run, refused when applied: someone registered the same number meanwhile. The
    partners before the refused row are not written either."""
    client.force_login(staff_user)
    upload(client, execute=django_capture_on_commit_callbacks)
    checked = CheckedImport.objects.get()
    AgreementFactory(number="IMP/001/2026")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:apply"), {"key": checked.key})
    assert response.status_code == 302
    job = BackgroundJob.objects.get(kind="import")
    assert job.status == "failed" and job.outcome == {}
    assert counts() == before
    expected = (
        "Impor dibatalkan; tidak ada data yang disimpan.\n"
        "Kerja Sama, baris 2, kolom nomor: Nomor registrasi ini sudah dipakai kerja sama lain."
    )
    assert job.error == expected
    checked.refresh_from_db()
    assert (checked.state, checked.error) == ("failed", expected)
    assert checked.result["problems"][0]["message"] == "Nomor registrasi ini sudah dipakai kerja sama lain."
    status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert (
        "Pekerjaan gagal." in status and "baris 2, kolom nomor: Nomor registrasi ini sudah dipakai" in status
    )
    assert "hx-get" not in status
    page = client.get(reverse("imports:detail", args=[checked.key])).content.decode()
    assert "Impor gagal" in page and "Nomor registrasi ini sudah dipakai kerja sama lain." in page


def test_a_job_imports_its_file_once(staff_user, settings, django_capture_on_commit_callbacks):
    settings.IMPORT_INLINE_MAX_ROWS = 5
    with django_capture_on_commit_callbacks(execute=True):
        checked = import_receive(name="d.xlsx", data=xlsx(), actor=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        applied = import_apply(checked, staff_user)
    job = applied.checked.apply_job
    job.refresh_from_db()
    assert job.status == "done" and applied.now
    after = counts()
    outcome = job.outcome

    assert job_run(job.pk) == "skipped"  # a duplicate message: the job is done
    # The sweep revives a job whose worker died after the import committed: the file is applied.
    BackgroundJob.objects.filter(pk=job.pk).update(status="pending", progress=0)
    assert job_run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.outcome, job.progress) == (outcome, 100)
    assert counts() == after

    # Another job for the same file (however it came about) imports nothing: it shows the import's result.
    other = BackgroundJob.objects.create(
        kind="import", parameters={"import": checked.pk}, requested_by=staff_user
    )
    assert job_run(other.pk) == "done"
    other.refresh_from_db()
    assert other.outcome == outcome and counts() == after
    # While the file is still checked, a job it was not given refuses it.
    fresh = import_receive(name="e.xlsx", data=xlsx(), actor=staff_user)
    CheckedImport.objects.filter(pk=fresh.pk).update(state="checked")
    stray = BackgroundJob.objects.create(
        kind="import", parameters={"import": fresh.pk}, requested_by=staff_user
    )
    assert job_run(stray.pk) == "failed"
    stray.refresh_from_db()
    assert "tidak diserahkan kepada pekerjaan ini" in stray.error and counts() == after
    # And a job of the old kind, naming a file by a key no row has, neither.
    legacy = BackgroundJob.objects.create(kind="import", parameters={"key": "0" * 32, "name": "d.xlsx"})
    assert job_run(legacy.pk) == "failed"
    legacy.refresh_from_db()
    assert "tidak ada lagi (sudah diimpor atau dihapus)" in legacy.error


def test_a_job_that_died_before_committing_imports_when_it_runs_again(staff_user, settings):
    """The worker died inside the import's transaction: nothing committed, the row still says applying
    for this job, and the revived job imports it (once)."""
    settings.IMPORT_INLINE_MAX_ROWS = 5
    checked = import_receive(name="d.xlsx", data=xlsx(), actor=staff_user)
    import_check_now(checked)
    job = BackgroundJob.objects.create(
        kind="import", parameters={"import": checked.pk}, requested_by=staff_user
    )
    CheckedImport.objects.filter(pk=checked.pk).update(state="applying", apply_job=job)
    before = counts()
    import_job_run(job, lambda pct: None)
    checked.refresh_from_db()
    assert checked.state == "applied" and counts() != before
    after = counts()
    import_job_run(job, lambda pct: None)
    assert counts() == after


def import_check_now(checked):
    from jobs.imports.services import import_check

    return import_check(checked)


def test_rights_are_checked_again_when_the_job_runs(staff_user, settings, django_capture_on_commit_callbacks):
    settings.IMPORT_INLINE_MAX_ROWS = 5
    checked = import_check_now(import_receive(name="d.xlsx", data=xlsx(), actor=staff_user))
    before = counts()
    staff_user.groups.clear()
    with django_capture_on_commit_callbacks(execute=True):
        applied = import_apply(checked, staff_user)
    job = applied.checked.apply_job
    job.refresh_from_db()
    assert job.status == "failed" and job.error == "Pengguna tidak berhak mengimpor data."
    applied.checked.refresh_from_db()
    assert applied.checked.state == "failed"
    assert counts() == before


def test_only_the_requester_and_staff_see_the_import_job(
    client, staff_user, opd_user, partner_user, settings, django_capture_on_commit_callbacks
):
    from tests.accounts.factories import UserFactory

    settings.IMPORT_INLINE_MAX_ROWS = 5
    checked = import_check_now(import_receive(name="d.xlsx", data=xlsx(), actor=staff_user))
    with django_capture_on_commit_callbacks(execute=True):
        job = import_apply(checked, staff_user).checked.apply_job
    urls = [reverse("jobs:detail", args=[job.pk]), reverse("jobs:status", args=[job.pk])]
    for outsider in (opd_user, partner_user):
        client.force_login(outsider)
        assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(UserFactory(roles=["staff"]))
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_import_reports_rising_progress_ending_at_100(staff_user):
    for dry_run in (True, False):
        seen = []
        result = import_run("d.xlsx", xlsx(), staff_user, dry_run=dry_run, progress=seen.append)
        assert result.applied is not dry_run
        assert seen == sorted(set(seen)) and seen[0] > 0 and seen[-1] == 100 and len(seen) >= 5, seen


@pytest.mark.django_db(transaction=True)
def test_progress_is_readable_by_the_polling_page_while_the_import_transaction_runs(staff_user, settings):
    """The import is one transaction, yet a separate connection (the page's request) reads the job's
    progress while the agreements' rows are being written."""
    settings.IMPORT_INLINE_MAX_ROWS = 5
    checked = import_check_now(import_receive(name="d.xlsx", data=xlsx(), actor=staff_user))
    read_while_running = []

    def read_progress(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "agreements_obligation"'):
            other = connections.create_connection(DEFAULT_DB_ALIAS)
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT progress, status FROM jobs_backgroundjob WHERE kind = 'import'")
                    read_while_running.append(cursor.fetchone())
                    cursor.execute("SELECT count(*) FROM agreements_agreement")
                    read_while_running.append(cursor.fetchone())
            finally:
                other.close()
        return execute(sql, params, many, context)

    # no surrounding transaction: the job is committed, sent and run at once (eager broker)
    with connections[DEFAULT_DB_ALIAS].execute_wrapper(read_progress):
        checked = import_apply(checked, staff_user).checked
    (progress, status), (agreements,) = read_while_running
    assert status == "running" and 50 <= progress < 100 and agreements == 0  # not committed yet
    job = checked.apply_job
    job.refresh_from_db()
    assert (job.status, job.progress, checked.state) == ("done", 100, "applied")


def test_polled_status_partial_answers_in_a_fixed_number_of_queries(
    client, staff_user, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Polled every 2 s: session, user, the job (its counts are on the row, no file is read)."""
    settings.IMPORT_INLINE_MAX_ROWS = 5
    checked = import_check_now(import_receive(name="d.xlsx", data=xlsx(), actor=staff_user))
    with django_capture_on_commit_callbacks(execute=True):
        job = import_apply(checked, staff_user).checked.apply_job
    client.force_login(staff_user)
    url = reverse("jobs:status", args=[job.pk])
    client.get(url)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert "Impor selesai" in response.content.decode()
