"""Running a job: claim it, call its kind's handler, store its result or its error."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.utils import timezone

from .choices import JobStatus
from .handlers import HANDLERS
from .models import BackgroundJob
from .services import job_set_progress

log = logging.getLogger(__name__)


def job_run(job_id: int) -> str:
    """Run a job once. A job another worker already took (running) or finished is left alone."""
    claimed = BackgroundJob.objects.filter(
        pk=job_id, status__in=[JobStatus.PENDING, JobStatus.QUEUED]
    ).update(status=JobStatus.RUNNING, started_at=timezone.now(), progress=0)
    if not claimed:
        return "skipped"
    job = BackgroundJob.objects.get(pk=job_id)
    try:
        result = HANDLERS[job.kind](job, lambda pct: job_set_progress(job.pk, pct))
    except Exception as exc:
        log.exception("job %s failed", job_id)
        BackgroundJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            error=str(exc)[:2000] or exc.__class__.__name__,
            finished_at=timezone.now(),
        )
        return "failed"
    if result is not None:
        content, name = result
        job.result_sha256 = hashlib.sha256(content).hexdigest()
        job.result_name = name
        job.result_file.save(name, ContentFile(content), save=False)
    job.status = JobStatus.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save(
        update_fields=["result_file", "result_name", "result_sha256", "status", "progress", "finished_at"]
    )
    return "done"
