"""The import jobs: "import_check" (the dry run of a large file) and "import" (applying it), both with
progress. What each does to the checked file is jobs.imports.services'; here the job's side: who runs
it, what its page shows (`outcome`), and when it fails."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from accounts.permissions import can

from ..choices import ImportState
from ..models import BackgroundJob, CheckedImport
from .services import import_apply_in_job, import_check, import_refuse_check


class ImportRefused(Exception):
    """The import wrote nothing; the message says why (in the worker's language, the default
    Indonesian): the file's problems, or the reason it could not run."""


def _requester(job):
    return get_user_model().objects.filter(pk=job.requested_by_id).first()


def _show(job, checked):
    """What the job's page shows: the file's key and its result (on the job row, so that the polled
    status needs no other query)."""
    outcome = {"key": checked.key, "name": checked.name, "state": checked.state, **checked.result}
    BackgroundJob.objects.filter(pk=job.pk).update(outcome=outcome)


def import_check_job_run(job: BackgroundJob, progress) -> None:
    """The "import_check" job's handler: the dry run of the file, leaving it checked or refused."""
    checked = CheckedImport.objects.filter(pk=job.parameters.get("import")).first()
    if checked is None:
        raise ImportRefused(_("Berkas yang diperiksa tidak ada lagi; unggah ulang."))
    if checked.state == ImportState.CHECKING and not can(_requester(job), "import.run"):
        import_refuse_check(checked, _("Pengguna tidak berhak mengimpor data."))
        checked.refresh_from_db()
    checked = import_check(checked, progress=progress)
    _show(job, checked)


def import_job_run(job: BackgroundJob, progress) -> None:
    """The "import" job's handler. Raises (and the job fails) when nothing was imported."""
    checked = import_apply_in_job(job, _requester(job), progress)
    if checked is None:
        reason = _("Berkas yang diperiksa tidak ada lagi (sudah diimpor atau dihapus); unggah ulang.")
        raise ImportRefused("\n".join([_("Impor dibatalkan; tidak ada data yang disimpan."), reason]))
    if checked.state == ImportState.APPLIED:
        _show(job, checked)
        return
    if checked.state == ImportState.FAILED:
        raise ImportRefused(checked.error)
    # The request gave the file to one job only: this one is not it.
    raise ImportRefused(_("Berkas ini tidak diserahkan kepada pekerjaan ini; tidak ada yang diimpor."))
