"""Thin Celery tasks of core: the daily pruning of the read log."""

from celery import shared_task

from .audit import read_log_prune

READ_LOG_PRUNE = "core.read_log_prune"


@shared_task(name=READ_LOG_PRUNE, ignore_result=True)
def prune_read_log() -> int:
    return read_log_prune()
