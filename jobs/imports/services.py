"""A checked import file is applied at most once, in the request or in a job.

An upload becomes a CheckedImport row (checking) with the file in private storage. Its dry run runs in
the request for a small file and in an "import_check" job above IMPORT_INLINE_MAX_ROWS rows (counted
cheaply first, without reading a cell); it leaves the row checked or refused, with the counts or every
row's problems.

Applying claims the row with a conditional UPDATE (checked → applying) and writes the outcome on it in
the import's own transaction:

- small file, in the request: claim, import, record applied or failed — one transaction, so a second
  apply waits on the row and then answers with the first one's result (and if the first request died,
  its claim rolled back with it and the second one imports);
- large file: the request claims the row and records the job in one transaction; the job locks the row
  (`select_for_update`) before it imports, and records the outcome in the same transaction. A second
  run of the job (a redelivered message, the sweep reviving a job whose worker died) finds the row
  applied or failed and imports nothing.

Nothing else moves a row out of applying, and the import itself is all or nothing, so no file is ever
imported twice.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from agreements.imports.reading import count_rows
from agreements.imports.services import import_run

from ..choices import ImportState, JobKind
from ..models import CheckedImport
from ..services import job_request

log = logging.getLogger(__name__)

# How long a second apply of a small file waits for the first one before it shows "being imported".
WAIT_FOR_FIRST_APPLY = "20s"
LOCK_NOT_AVAILABLE = "55P03"


def runs_in_background(rows: int) -> bool:
    return rows > settings.IMPORT_INLINE_MAX_ROWS


def problem_lines(problems, limit=20) -> list[str]:
    """Problems (as stored: dicts of sheet, row, column, message) as lines of text."""
    lines = []
    for problem in problems[:limit]:
        where = ", ".join(
            part
            for part in (
                problem.get("sheet") or "",
                _("baris %(n)s") % {"n": problem["row"]} if problem.get("row") else "",
                _("kolom %(c)s") % {"c": problem["column"]} if problem.get("column") else "",
            )
            if part
        )
        lines.append(f"{where}: {problem['message']}" if where else str(problem["message"]))
    if len(problems) > limit:
        lines.append(_("… dan %(n)s masalah lain.") % {"n": len(problems) - limit})
    return lines


def _refusal_text(problems, reason="") -> str:
    lines = [_("Impor dibatalkan; tidak ada data yang disimpan."), *([reason] if reason else [])]
    return "\n".join([*lines, *problem_lines(problems)])


def _file_read(checked) -> bytes:
    with checked.file.open("rb") as handle:
        return handle.read()


# --- receiving and checking ----------------------------------------------------------------------


def import_receive(*, name: str, data: bytes, actor) -> CheckedImport:
    """Keep an uploaded file and check it: here for a small file, in a job for a large one (the row's
    `check_job` is then set, and the job's page shows its progress and then its result)."""
    checked = CheckedImport(
        name=name[:255], checked_by=actor, size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )
    checked.rows = count_rows(data)
    extension = ".xlsx" if data[:4] == b"PK\x03\x04" else ".csv"
    checked.file.save(f"upload{extension}", ContentFile(data), save=False)
    if runs_in_background(checked.rows):
        with transaction.atomic():
            checked.save()
            checked.check_job = job_request(JobKind.IMPORT_CHECK, {"import": checked.pk}, actor)
            checked.save(update_fields=["check_job"])
        return checked
    checked.save()
    import_check(checked, data=data)
    return checked


def import_check(checked: CheckedImport, *, data=None, progress=None) -> CheckedImport:
    """The dry run of a file still being checked: it becomes checked, or refused with its problems.
    A row in any other state is left as it is (a second run of the check job changes nothing)."""
    if checked.state == ImportState.CHECKING:
        data = _file_read(checked) if data is None else data
        result = import_run(checked.name, data, checked.checked_by, dry_run=True, progress=progress)
        CheckedImport.objects.filter(pk=checked.pk, state=ImportState.CHECKING).update(
            state=ImportState.CHECKED if result.ok else ImportState.REFUSED,
            rows=result.rows,
            result=result.as_dict(),
            checked_at=timezone.now(),
        )
    checked.refresh_from_db()
    return checked


def import_refuse_check(checked: CheckedImport, message: str) -> None:
    """A check that cannot run (the uploader lost the right to import): refused, with the reason."""
    CheckedImport.objects.filter(pk=checked.pk, state=ImportState.CHECKING).update(
        state=ImportState.REFUSED,
        result={"ok": False, "applied": False, "rows": checked.rows, "problems": [{"message": message}]},
        checked_at=timezone.now(),
    )


# --- applying ------------------------------------------------------------------------------------


@dataclass
class Applied:
    """What an apply did: `checked` as it stands afterwards; `now` when this call imported it (or,
    for a large file, handed it to its job); `busy` when the first apply was still running after the
    wait."""

    checked: CheckedImport
    now: bool = False
    busy: bool = False


def _record_failure(checked_id, *, problems=(), error) -> None:
    CheckedImport.objects.filter(pk=checked_id, state=ImportState.APPLYING).update(
        state=ImportState.FAILED,
        result={"ok": False, "applied": False, "problems": list(problems)},
        error=error[:4000],
        applied_at=timezone.now(),
    )


def _apply_claimed(checked: CheckedImport, actor, progress=None) -> None:
    """Import a file this transaction has claimed (state applying, row held), and record the outcome
    on the row in the same transaction: applied with the counts, or failed with the problems."""
    pk = checked.pk

    def record(result):
        updated = CheckedImport.objects.filter(pk=pk, state=ImportState.APPLYING).update(
            state=ImportState.APPLIED, result=result.as_dict(), error="", applied_at=timezone.now()
        )
        if not updated:  # cannot happen while this transaction holds the row; never import blind
            raise RuntimeError(f"checked import {pk} is no longer being applied")

    try:
        data = _file_read(checked)
    except (FileNotFoundError, ValueError):
        _record_failure(pk, error=_refusal_text([], _("Berkas yang diperiksa tidak ada lagi; unggah ulang.")))
        return
    try:
        result = import_run(checked.name, data, actor, dry_run=False, progress=progress, on_applied=record)
    except Exception:
        # The import's own savepoint is rolled back: nothing of it stays. A bug, not the file's fault.
        log.exception("import %s failed", pk)
        _record_failure(
            pk,
            error=_refusal_text(
                [], _("Terjadi galat tak terduga saat mengimpor; hubungi pengelola aplikasi.")
            ),
        )
        return
    if not result.applied:
        problems = [p.as_dict() for p in result.problems]
        _record_failure(pk, problems=problems, error=_refusal_text(problems))


def _is_lock_timeout(exc) -> bool:
    cause = exc.__cause__
    return LOCK_NOT_AVAILABLE in (getattr(cause, "sqlstate", None), getattr(cause, "pgcode", None))


def import_apply(checked: CheckedImport, actor) -> Applied:
    """Apply a checked file once: in the request when it is small, else by a job. Any apply after
    the first imports nothing and answers with the first one's outcome (as the row now says)."""
    if runs_in_background(checked.rows):
        with transaction.atomic():
            claimed = CheckedImport.objects.filter(pk=checked.pk, state=ImportState.CHECKED).update(
                state=ImportState.APPLYING
            )
            if claimed:
                job = job_request(JobKind.IMPORT, {"import": checked.pk}, actor)
                CheckedImport.objects.filter(pk=checked.pk).update(apply_job=job)
        checked.refresh_from_db()
        return Applied(checked, now=bool(claimed))
    try:
        with transaction.atomic():
            postgres = connection.vendor == "postgresql"
            if postgres:  # a second apply waits for the first one, but not past the worker's timeout
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = '{WAIT_FOR_FIRST_APPLY}'")
            claimed = CheckedImport.objects.filter(pk=checked.pk, state=ImportState.CHECKED).update(
                state=ImportState.APPLYING
            )
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout TO DEFAULT")
            if claimed:
                _apply_claimed(checked, actor)
    except OperationalError as exc:
        if not _is_lock_timeout(exc):
            raise
        checked.refresh_from_db()
        return Applied(checked, busy=True)
    checked.refresh_from_db()
    return Applied(checked, now=bool(claimed))


def import_apply_in_job(job, user, progress) -> CheckedImport | None:
    """The "import" job's work: import the file the job was given, once. Returns the row as it stands
    afterwards (None when the job names no file, or a file that is gone)."""
    checked_id = job.parameters.get("import")
    if checked_id is None:
        return None
    with transaction.atomic():
        checked = (
            CheckedImport.objects.select_for_update()
            .filter(pk=checked_id)
            .select_related("checked_by")
            .first()
        )
        if checked is None:
            return None
        if checked.state == ImportState.APPLYING and checked.apply_job_id == job.pk:
            # Rights are checked again when the job runs: a role may have been withdrawn meanwhile.
            if not can(user, "import.run"):
                _record_failure(checked.pk, error=_("Pengguna tidak berhak mengimpor data."))
            else:
                _apply_claimed(checked, user, progress)
    checked.refresh_from_db()
    return checked
