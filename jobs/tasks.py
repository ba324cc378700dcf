"""Thin Celery tasks of the outbox: load by id, call a service."""

from celery import shared_task

from . import services


@shared_task(name="jobs.run_job", ignore_result=True, acks_late=True)
def run_job(job_id: int) -> str:
    return services.job_run(job_id)


@shared_task(name="jobs.sweep", ignore_result=True)
def sweep() -> int:
    return services.jobs_sweep()
