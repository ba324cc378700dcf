"""A checked file is imported once, whatever happens to its *Impor sekarang* button: two requests at
the same moment (a double click, two tabs of one session), two workers running its job, a second
apply later. Each thread below has its own database connection (transaction=True tests: what one
commits, the other sees), and they start together at a barrier."""

import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from jobs.imports.background import import_job_run
from jobs.imports.services import import_apply, import_check, import_receive
from jobs.models import BackgroundJob, CheckedImport
from registry.models import Partner
from tests.imports.test_import import counts, xlsx

PARTNERS = 120


def partner_file(count=PARTNERS):
    rows = [
        [f"PT Serentak {n}", "", "swasta", "private_company", f"88{n:08d}", "", "", "", ""]
        for n in range(count)
    ]
    return xlsx({"Mitra": rows})


def at_once(*calls):
    """Run the calls in threads released together; returns their results in order (or raises the
    first exception one of them raised)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 — handed to the test below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


def same_session(client):
    """A second client on the first one's session: a second tab, or the same button clicked twice."""
    twin = Client()
    twin.cookies = client.cookies
    return twin


@pytest.mark.django_db(transaction=True)
def test_two_applies_at_once_of_a_small_file_import_each_row_once(staff_user, settings):
    settings.IMPORT_INLINE_MAX_ROWS = 500
    client = Client()
    client.force_login(staff_user)
    response = client.post(reverse("imports:upload"), {"file": _upload(partner_file())})
    assert response.status_code == 200, response.content.decode()
    key = response.context["key"]
    twin = same_session(client)

    first, second = at_once(
        lambda: client.post(reverse("imports:apply"), {"key": key}),
        lambda: twin.post(reverse("imports:apply"), {"key": key}),
    )
    assert Partner.objects.filter(name__startswith="PT Serentak").count() == PARTNERS
    assert [first.status_code, second.status_code] == [200, 200]
    pages = sorted(r.content.decode() for r in (first, second))
    assert sum("Impor selesai: 120 baris diproses." in page for page in pages) == 1
    assert sum("sudah diimpor sebelumnya" in page for page in pages) == 1
    # both answer with the same result: that of the one import
    assert first.context["result"] == second.context["result"]
    assert first.context["result"]["created"] == {"partners": PARTNERS}
    checked = CheckedImport.objects.get()
    assert checked.state == "applied" and checked.result["created"] == {"partners": PARTNERS}


@pytest.mark.django_db(transaction=True)
def test_two_applies_at_once_of_a_large_file_start_one_job_that_imports_once(staff_user, settings):
    """The background path: the broker is eager here, so the winning request runs the job itself."""
    settings.IMPORT_INLINE_MAX_ROWS = 50
    client = Client()
    client.force_login(staff_user)
    response = client.post(reverse("imports:upload"), {"file": _upload(partner_file())})
    checked = CheckedImport.objects.get()
    assert response.url == reverse("jobs:detail", args=[checked.check_job_id])
    checked.refresh_from_db()
    assert checked.state == "checked"
    twin = same_session(client)

    first, second = at_once(
        lambda: client.post(reverse("imports:apply"), {"key": checked.key}),
        lambda: twin.post(reverse("imports:apply"), {"key": checked.key}),
    )
    job = BackgroundJob.objects.get(kind="import")
    imported = 0
    for answer in (first, second):
        if answer.status_code == 302:  # the job's page (with a worker, both answers are this)
            assert answer.url == reverse("jobs:detail", args=[job.pk])
            continue
        # the eager job finished within the winning request, and before the other one looked
        page = answer.content.decode()
        assert answer.status_code == 200 and answer.context["result"]["created"] == {"partners": PARTNERS}
        imported += "Impor selesai: 120 baris diproses." in page
        assert imported or "sudah diimpor sebelumnya" in page
    assert imported <= 1
    job.refresh_from_db()
    assert job.status == "done" and job.outcome["created"] == {"partners": PARTNERS}
    assert Partner.objects.filter(name__startswith="PT Serentak").count() == PARTNERS


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_import_job_import_once(staff_user, settings):
    """A job revived by the sweep while its first worker was only slow: both run the handler at once.
    The first locks the file's row; the second waits, then finds it applied."""
    settings.IMPORT_INLINE_MAX_ROWS = 50
    checked = import_check(import_receive(name="d.xlsx", data=partner_file(), actor=staff_user))
    job = BackgroundJob.objects.create(
        kind="import", parameters={"import": checked.pk}, requested_by=staff_user
    )
    CheckedImport.objects.filter(pk=checked.pk).update(state="applying", apply_job=job)

    at_once(lambda: import_job_run(job, lambda pct: None), lambda: import_job_run(job, lambda pct: None))
    assert Partner.objects.filter(name__startswith="PT Serentak").count() == PARTNERS
    checked.refresh_from_db()
    assert checked.state == "applied"


@pytest.mark.django_db(transaction=True)
def test_an_apply_interrupted_before_commit_leaves_the_file_to_be_applied_again(staff_user, settings):
    """The request died inside the import (here: the database refused its last write). Its claim rolled
    back with it, so the file is still checked, nothing was imported, and the next apply imports it."""
    settings.IMPORT_INLINE_MAX_ROWS = 500
    checked = import_receive(name="d.xlsx", data=partner_file(10), actor=staff_user)
    assert checked.state == "checked"
    before = counts()

    def die(execute, sql, params, many, context):
        if sql.startswith('UPDATE "jobs_checkedimport"') and "applied" in params:
            raise KeyboardInterrupt  # not an Exception: nothing catches it, as when a worker is killed
        return execute(sql, params, many, context)

    with pytest.raises(KeyboardInterrupt), connection.execute_wrapper(die):
        import_apply(checked, staff_user)
    checked.refresh_from_db()
    assert checked.state == "checked" and counts() == before
    applied = import_apply(checked, staff_user)
    assert applied.now and applied.checked.state == "applied"
    assert Partner.objects.filter(name__startswith="PT Serentak").count() == 10


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("mitra.xlsx", data)
