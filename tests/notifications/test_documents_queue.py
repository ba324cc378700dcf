"""Moving many ended agreements at once queues one summary job, on the documents queue, that renders
them in turn — not one PDF job per agreement on the default queue. A real Redis of the test's own
holds the messages, which are counted there; a real worker then renders every summary."""

import datetime

import pytest
import redis as redis_client
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from agreements.choices import Stage
from jobs.choices import JobKind, JobStatus
from jobs.models import AgreementSummary, BackgroundJob
from notifications import tasks
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.worker.celery_app import project_app_on
from tests.worker.servers import redis_server, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _ended_agreements(count):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    agreements = []
    for _ in range(count):
        agreement = AgreementFactory(
            stage=Stage.IMPLEMENTATION,
            start_date=yesterday - datetime.timedelta(days=365),
            end_date=yesterday,
        )
        AgreementPartyFactory(agreement=agreement, order=1)
        agreements.append(agreement)
    return agreements


def test_moving_five_ended_agreements_queues_one_document_task():
    agreements = _ended_agreements(5)
    with redis_server() as server, project_app_on(server.url) as app:
        queued = redis_client.Redis.from_url(server.url)
        # The beat task, run here as a worker runs it: each agreement moves in a transaction of its
        # own, and each commit sends what it asked for to the broker.
        assert tasks.move_ended() == 5
        assert queued.llen("documents") == 1
        assert queued.llen("celery") == 0  # nothing for the default queue
        job = BackgroundJob.objects.get()
        assert job.kind == JobKind.AGREEMENT_SUMMARY
        assert job.status == JobStatus.QUEUED
        assert job.parameters["agreement_ids"] == [a.pk for a in agreements]

        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
            wait_until(
                lambda: BackgroundJob.objects.get(pk=job.pk).status in (JobStatus.DONE, JobStatus.FAILED),
                120,
                "the worker to render the summaries",
            )
        job.refresh_from_db()
        assert job.status == JobStatus.DONE, job.error
        rendered = set(AgreementSummary.objects.values_list("agreement_id", flat=True))
        assert rendered == {a.pk for a in agreements}

        # A stage change after the job was taken starts a job of its own.
        late = _ended_agreements(1)[0]
        assert tasks.move_ended() == 1
        assert queued.llen("documents") == 1
        assert BackgroundJob.objects.exclude(pk=job.pk).get().parameters["agreement_ids"] == [late.pk]
        queued.close()
