"""A job's progress reaches the polling page even while the handler's transaction is open."""

import time

import pytest
from django.db import connection, transaction

from jobs.models import BackgroundJob
from jobs.services import job_set_progress

pytestmark = pytest.mark.django_db(transaction=True)


class _Abandon(Exception):
    pass


def test_progress_inside_a_transaction_outlives_its_rollback():
    job = BackgroundJob.objects.create(kind="import", status="running")
    with pytest.raises(_Abandon), transaction.atomic():
        job_set_progress(job.pk, 40)
        raise _Abandon
    job.refresh_from_db()
    assert job.progress == (40 if connection.vendor == "postgresql" else 0)


def test_progress_is_given_up_not_waited_for_when_the_caller_holds_the_job_row():
    job = BackgroundJob.objects.create(kind="import", status="running")
    started = time.monotonic()
    with transaction.atomic():
        BackgroundJob.objects.select_for_update().get(pk=job.pk)
        job_set_progress(job.pk, 40)
    assert time.monotonic() - started < 5
    job.refresh_from_db()
    assert job.progress == 0
