"""No job is lost when the broker is down: the request succeeds, the job waits as pending, the sweep
sends it once Redis is back, and a real worker runs it to done. The Redis here is the test's own."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction

from jobs.choices import JobKind, JobStatus
from jobs.models import AgreementSummary, BackgroundJob
from jobs.services import job_request, jobs_sweep
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.worker.celery_app import project_app_on
from tests.worker.servers import RedisServer, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_job_survives_broker_outage_and_sweep_sends_it(staff_user):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, order=1)
    redis = RedisServer()
    redis.start()
    try:
        with project_app_on(redis.url) as app:
            redis.stop()  # the broker goes down
            started = time.monotonic()
            with transaction.atomic():
                job = job_request(JobKind.AGREEMENT_SUMMARY, {"agreement_id": agreement.pk}, staff_user)
            assert time.monotonic() - started < 10  # the request did not hang on the broker
            job.refresh_from_db()
            assert job.status == JobStatus.PENDING
            assert jobs_sweep(older_than_seconds=0) == 0  # still down: stays pending
            job.refresh_from_db()
            assert job.status == JobStatus.PENDING

            redis.start()  # the broker is back, on the same port
            assert jobs_sweep(older_than_seconds=0) == 1
            job.refresh_from_db()
            assert job.status == JobStatus.QUEUED
            with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
                wait_until(
                    lambda: BackgroundJob.objects.get(pk=job.pk).status in (JobStatus.DONE, JobStatus.FAILED),
                    60,
                    "the worker to finish the job",
                )
            job.refresh_from_db()
            assert job.status == JobStatus.DONE, job.error
            assert AgreementSummary.objects.filter(agreement=agreement).count() == 3  # one per audience
            assert jobs_sweep(older_than_seconds=0) == 0  # nothing left to send
    finally:
        redis.stop()
