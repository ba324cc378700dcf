"""Thin Celery tasks of the outbox: load by id, call a service."""

from celery import shared_task

from . import runner, services


@shared_task(name=services.RUN_JOB, ignore_result=True, acks_late=True)
def run_job(job_id: int) -> str:
    return runner.job_run(job_id)


@shared_task(name="jobs.sweep", ignore_result=True)
def sweep() -> int:
    return services.jobs_sweep()
