"""Large imports as a background job (kind "import"): the same all-or-nothing import, with progress.

The apply step hands a checked file of more than IMPORT_INLINE_MAX_ROWS rows to a job. The job records
its outcome on the job row inside the import's own transaction, so an import is applied at most once:
a second run of the job (a redelivered message, a job the sweep revived after its worker died) finds
the outcome, or finds the checked file gone, and imports nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import can
from agreements.imports.checked import checked_file_discard, checked_file_read
from agreements.imports.services import import_run

from ..choices import JobKind
from ..models import BackgroundJob
from ..services import job_request

# The job's error text is cut at 2,000 characters: list this many problems, then say how many more.
LISTED_PROBLEMS = 20


class ImportRefused(Exception):
    """The import found problems and wrote nothing; the message lists them (in the worker's language,
    the default Indonesian)."""

    def __init__(self, problems, reason=""):
        lines = [_("Impor dibatalkan; tidak ada data yang disimpan."), *([reason] if reason else [])]
        for problem in problems[:LISTED_PROBLEMS]:
            where = ", ".join(
                part
                for part in (
                    problem.sheet,
                    _("baris %(n)s") % {"n": problem.row} if problem.row else "",
                    _("kolom %(c)s") % {"c": problem.column} if problem.column else "",
                )
                if part
            )
            lines.append(f"{where}: {problem.message}" if where else str(problem.message))
        if len(problems) > LISTED_PROBLEMS:
            lines.append(_("… dan %(n)s masalah lain.") % {"n": len(problems) - LISTED_PROBLEMS})
        super().__init__("\n".join(lines))


class _AlreadyImported(Exception):
    pass


def runs_in_background(rows: int) -> bool:
    return rows > settings.IMPORT_INLINE_MAX_ROWS


def import_job_request(*, key: str, name: str, actor) -> BackgroundJob:
    """Ask for the checked file `key` to be imported in the background; the caller's transaction
    carries the job row, the broker gets it after commit."""
    return job_request(JobKind.IMPORT, {"key": key, "name": name}, actor)


def import_job_run(job: BackgroundJob, progress) -> None:
    """The "import" job's handler. Raises (and the job fails) when nothing was imported."""
    if job.outcome:
        return  # an earlier run of this job imported the file and committed
    user = get_user_model().objects.filter(pk=job.requested_by_id).first()
    # Rights are checked again when the job runs: a role may have been withdrawn meanwhile.
    if not can(user, "import.run"):
        raise PermissionError(_("Pengguna tidak berhak mengimpor data."))
    key, name = job.parameters["key"], job.parameters["name"]
    try:
        data = checked_file_read(key)
    except FileNotFoundError:
        reason = _("Berkas yang diperiksa tidak ada lagi (sudah diimpor atau dihapus); unggah ulang.")
        raise ImportRefused([], reason) from None
    try:
        with transaction.atomic():
            result = import_run(name, data, user, dry_run=False, progress=progress)
            if result.ok:
                # Written only if no other run of this job wrote it first (that run's import stands).
                recorded = BackgroundJob.objects.filter(pk=job.pk, outcome={}).update(
                    outcome=result.as_dict()
                )
                if not recorded:
                    raise _AlreadyImported
    except _AlreadyImported:
        return
    checked_file_discard(key)
    if not result.ok:
        raise ImportRefused(result.problems)
