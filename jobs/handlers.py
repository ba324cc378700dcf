"""What each kind of job does. A handler gets the job and a progress callback, and returns
(content, file name) for a downloadable result, or None when it stores its own output."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from accounts.permissions import can

from .choices import JobKind
from .imports.background import import_check_job_run, import_job_run
from .reports import BUILDERS, report_make
from .services import stage_summaries_continue
from .summary import summary_make


def agreement_summary(job, progress):
    """One agreement's summary, or (stage changes coalesced, jobs.services) a slice of several in turn."""
    ids = stage_summaries_continue(job)
    for done, agreement_id in enumerate(ids):
        summary_make(
            agreement_id, job=job, progress=lambda pct, done=done: progress((100 * done + pct) // len(ids))
        )
    return None


def report(job, progress):
    user = get_user_model().objects.filter(pk=job.requested_by_id).first()
    # Rights are checked again when the job runs: a role may have been withdrawn meanwhile.
    if not can(user, "report.view"):
        raise PermissionError(_("Pengguna tidak berhak melihat laporan."))
    progress(10)
    return report_make(job.kind, user, job.parameters)


HANDLERS = {
    JobKind.AGREEMENT_SUMMARY: agreement_summary,
    JobKind.IMPORT: import_job_run,  # stores its counts on the job, no file
    JobKind.IMPORT_CHECK: import_check_job_run,  # the dry run of a large file, its result on the job
    **dict.fromkeys(BUILDERS, report),
}
