"""The outbox: request a job in the caller's transaction, enqueue it after commit, sweep what the
broker missed, and run it exactly once (DESIGN.md §2, jobs/)."""

import logging
from datetime import timedelta

from celery import signature
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from .choices import JobKind, JobStatus
from .models import BackgroundJob

log = logging.getLogger(__name__)

RUN_JOB = "jobs.run_job"

# How long a job may stay pending before the sweep sends it again (the broker may have been down).
SWEEP_AFTER_SECONDS = 30
# A job running longer than this is taken for abandoned (its worker died); the largest report takes
# seconds, so this leaves a wide margin.
STALE_RUNNING_SECONDS = 30 * 60


def job_request(kind: str, params: dict | None = None, actor=None) -> BackgroundJob:
    """Record a job in the caller's transaction; it is sent to the broker once that commits.

    If the broker cannot be reached the request still succeeds: the job stays pending and the sweep
    sends it later.
    """
    if kind not in JobKind.values:
        raise ValueError(f"unknown job kind {kind!r}")
    job = BackgroundJob.objects.create(kind=kind, parameters=params or {}, requested_by=actor)
    transaction.on_commit(lambda: job_enqueue(job.pk))
    return job


def job_enqueue(job_id: int) -> bool:
    """Send a pending job to the broker; True when sent. A broker outage leaves it pending."""
    stamp = timezone.now()
    updated = BackgroundJob.objects.filter(pk=job_id, status=JobStatus.PENDING)
    try:
        # Marked queued first: an eager or very fast worker must find it queued, not pending.
        if not updated.update(status=JobStatus.QUEUED, enqueued_at=stamp):
            return False
        # By name: the task module imports the runner, which imports this module (jobs/apps.py loads
        # the tasks at start-up, so the name is always registered).
        signature(RUN_JOB, args=[job_id]).apply_async(retry=False)
    except Exception as exc:  # kombu OperationalError, redis ConnectionError, OSError…
        log.warning("broker unreachable, job %s stays pending for the sweep: %s", job_id, exc)
        BackgroundJob.objects.filter(pk=job_id, status=JobStatus.QUEUED, enqueued_at=stamp).update(
            status=JobStatus.PENDING
        )
        return False
    BackgroundJob.objects.filter(pk=job_id).update(attempts=F("attempts") + 1)
    return True


def jobs_sweep(older_than_seconds: int = SWEEP_AFTER_SECONDS) -> int:
    """Send again every job still pending after `older_than_seconds`; returns how many were sent.

    A job left running by a worker that died long ago goes back to pending first: its redelivered
    message would otherwise find it "running" and skip it.
    """
    now = timezone.now()
    BackgroundJob.objects.filter(
        status=JobStatus.RUNNING, started_at__lt=now - timedelta(seconds=STALE_RUNNING_SECONDS)
    ).update(status=JobStatus.PENDING, progress=0)
    cutoff = now - timedelta(seconds=older_than_seconds)
    ids = list(
        BackgroundJob.objects.filter(status=JobStatus.PENDING, created_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    return sum(1 for pk in ids if job_enqueue(pk))


def job_set_progress(job_id: int, percent: int) -> None:
    """Record a job's progress where the page polling it can read it at once.

    A handler that works inside one long transaction (an all-or-nothing import) would hide its progress
    until it commits, so inside a transaction the progress goes through a connection of its own (on
    PostgreSQL; SQLite lets one writer at a time, so there it is skipped and the job shows 100 at the end).
    """
    percent = max(0, min(100, int(percent)))
    if not connection.in_atomic_block:
        BackgroundJob.objects.filter(pk=job_id).update(progress=percent)
        return
    if connection.vendor != "postgresql":
        return
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with side.cursor() as cursor:
            # Progress is best effort: should the caller's transaction hold the job's row, waiting for
            # it would wait for ourselves.
            cursor.execute("SET lock_timeout = '1s'")
            table = side.ops.quote_name(BackgroundJob._meta.db_table)
            cursor.execute(f"UPDATE {table} SET progress = %s WHERE id = %s", [percent, job_id])
    except DatabaseError as exc:
        log.warning("progress of job %s not recorded: %s", job_id, exc)
    finally:
        side.close()


def summary_request(agreement, actor=None) -> BackgroundJob:
    """Ask for a new version of an agreement's PDF summary (both audiences)."""
    return job_request(JobKind.AGREEMENT_SUMMARY, {"agreement_id": agreement.pk}, actor)


def summary_requested_after_stage_change(sender=None, agreement_ids=(), **kwargs) -> BackgroundJob:
    """Receiver of agreements.signals.stage_changed (sent inside the stage change's transaction, for one
    agreement or a batch the daily run moved together).

    Stage changes coalesce: while a stage summary job waits (pending or queued, not yet taken by a
    worker), the agreements join its list instead of queueing a job of their own, so that a catch-up
    moving many ended agreements queues one job that renders them in turn (in slices: see
    `stage_summaries_continue`). The job row is locked, and only a job still waiting is extended, so an
    agreement never joins a job already running; the row joins the stage change's transaction and a
    new job goes to the broker once it commits. A fixed number of queries however many agreements."""
    agreement_ids = list(agreement_ids)
    waiting = (
        BackgroundJob.objects.select_for_update()
        .filter(kind=JobKind.AGREEMENT_SUMMARY, status__in=[JobStatus.PENDING, JobStatus.QUEUED])
        .filter(parameters__reason="stage", requested_by__isnull=True)
        .order_by("pk")
        .first()
    )
    if waiting is not None:
        ids = waiting.parameters.get("agreement_ids", [])
        listed = set(ids)
        agreement_ids = [pk for pk in agreement_ids if pk not in listed]
        if not agreement_ids:
            return waiting
        waiting.parameters = {**waiting.parameters, "agreement_ids": [*ids, *agreement_ids]}
        still_waiting = BackgroundJob.objects.filter(
            pk=waiting.pk, status__in=[JobStatus.PENDING, JobStatus.QUEUED]
        ).update(parameters=waiting.parameters)
        if still_waiting:
            return waiting
    return _stage_summaries_request(agreement_ids)


def _stage_summaries_request(agreement_ids) -> BackgroundJob:
    return job_request(
        JobKind.AGREEMENT_SUMMARY,
        {"agreement_id": agreement_ids[0], "agreement_ids": agreement_ids, "reason": "stage"},
    )


# A stage job renders this many summaries (a few seconds), then hands the rest to a job of its own at
# the back of the documents queue: a user's download requested meanwhile waits one slice, not a
# catch-up's thousands.
STAGE_SLICE = 20


def stage_summaries_continue(job) -> list[int]:
    """The ids `job` renders now: at most STAGE_SLICE. The rest leave its list for a new stage job (or
    join the one already waiting), so every agreement stays in exactly one job's list."""
    ids = job.parameters.get("agreement_ids") or [job.parameters["agreement_id"]]
    if len(ids) <= STAGE_SLICE:
        return ids
    now, rest = ids[:STAGE_SLICE], ids[STAGE_SLICE:]
    with transaction.atomic():
        job.parameters = {**job.parameters, "agreement_ids": now}
        BackgroundJob.objects.filter(pk=job.pk).update(parameters=job.parameters)
        summary_requested_after_stage_change(agreement_ids=rest)
    return now
