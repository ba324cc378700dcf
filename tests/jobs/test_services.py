"""The outbox service with the broker in eager mode (tests' settings)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.choices import JobKind, JobStatus
from jobs.models import BackgroundJob
from jobs.runner import job_run
from jobs.services import job_request, jobs_sweep

pytestmark = pytest.mark.django_db


def test_request_is_written_in_the_callers_transaction_and_sent_after_commit(
    manager_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        job = job_request(JobKind.REPORT_OVERDUE, {"format": "xlsx"}, manager_user)
        assert BackgroundJob.objects.get(pk=job.pk).status == JobStatus.PENDING
    assert len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1 and job.result_name.endswith(".xlsx")


def test_unknown_kind_is_refused(manager_user):
    with pytest.raises(ValueError):
        job_request("nothing", {}, manager_user)


def test_failed_job_records_the_error(opd_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_request(JobKind.REPORT_PORTFOLIO, {}, opd_user)  # no right to reports
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "tidak berhak" in job.error
    assert job_run(job.pk) == "skipped"


def test_sweep_sends_old_pending_jobs_and_revives_abandoned_running_ones(manager_user):
    fresh = BackgroundJob.objects.create(kind=JobKind.REPORT_OVERDUE, requested_by=manager_user)
    old = BackgroundJob.objects.create(kind=JobKind.REPORT_OVERDUE, requested_by=manager_user)
    BackgroundJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    abandoned = BackgroundJob.objects.create(
        kind=JobKind.REPORT_OVERDUE,
        requested_by=manager_user,
        status=JobStatus.RUNNING,
        started_at=timezone.now() - timedelta(hours=2),
    )
    BackgroundJob.objects.filter(pk=abandoned.pk).update(created_at=timezone.now() - timedelta(hours=2))
    busy = BackgroundJob.objects.create(
        kind=JobKind.REPORT_OVERDUE,
        requested_by=manager_user,
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
    )
    assert jobs_sweep() == 2
    statuses = dict(BackgroundJob.objects.values_list("pk", "status"))
    assert statuses[fresh.pk] == JobStatus.PENDING  # younger than the sweep's delay
    assert statuses[old.pk] == JobStatus.DONE
    assert statuses[abandoned.pk] == JobStatus.DONE
    assert statuses[busy.pk] == JobStatus.RUNNING
