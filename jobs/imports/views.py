"""Import pages (staff only): upload → dry run with every row's problems → import, all or nothing, once.

The uploaded file is kept as a CheckedImport row under a random key that only its uploader can use, so
the import applies exactly the file that was checked, and at most once (jobs.imports.services). A file
of more than IMPORT_INLINE_MAX_ROWS rows is checked, and imported, by background jobs whose pages show
their progress and then the result.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import can
from agreements.imports.template import template_xlsx
from core.headers import content_disposition

from ..choices import ImportState
from ..models import CheckedImport
from .services import import_apply, import_receive, runs_in_background

MAX_BYTES = 10 * 1024 * 1024
KEY = re.compile(r"[0-9a-f]{32}")


def _staff_only(request):
    if not can(request.user, "import.run"):
        raise PermissionDenied


def _own(request, key) -> CheckedImport:
    """The user's own checked file; anyone else's key, or a made-up one, is a 404."""
    checked = None
    if KEY.fullmatch(key or ""):
        checked = CheckedImport.objects.visible_to(request.user).for_page().filter(key=key).first()
    if checked is None:
        raise Http404
    return checked


@login_required
@require_GET
def template_download(request):
    _staff_only(request)
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition("templat-impor-kemitraan.xlsx")
    return response


def _dry_run_page(request, checked, status=None):
    ready = checked.state == ImportState.CHECKED
    return render(
        request,
        "imports/dry_run.html",
        {
            "checked": checked,
            "result": checked.result,
            "key": checked.key if ready else None,
            "name": checked.name,
            "in_background": runs_in_background(checked.rows),
        },
        status=status or (200 if ready else 400),
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    """GET: the form. POST: keep the file and show its dry run (or the job checking a large one)."""
    _staff_only(request)
    if request.method == "GET":
        return render(request, "imports/upload.html")
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "imports/upload.html", {"error": _("Pilih berkas XLSX atau CSV.")}, status=400)
    if upload.size > MAX_BYTES:
        return render(
            request, "imports/upload.html", {"error": _("Berkas terlalu besar (maks. 10 MB).")}, status=400
        )
    checked = import_receive(name=upload.name, data=upload.read(), actor=request.user)
    if checked.check_job_id:
        messages.info(
            request,
            _(
                "Berkas ini besar: pemeriksaannya berjalan di latar belakang; halaman ini menunjukkan kemajuannya."
            ),
        )
        return redirect("jobs:detail", pk=checked.check_job_id)
    return _dry_run_page(request, checked)


@login_required
@require_POST
def apply(request):
    """Import the checked file once: in the request, or by a job for a large file. A second apply of
    the same file imports nothing and answers with the first one's outcome."""
    _staff_only(request)
    applied = import_apply(_own(request, request.POST.get("key", "")), request.user)
    checked = applied.checked
    if checked.state == ImportState.APPLYING and checked.apply_job_id:
        if applied.now:
            messages.info(
                request, _("Impor berjalan di latar belakang; halaman ini menunjukkan kemajuannya.")
            )
        else:
            messages.info(request, _("Berkas ini sedang diimpor; tidak diimpor lagi."))
        return redirect("jobs:detail", pk=checked.apply_job_id)
    if checked.state == ImportState.APPLIED:
        if applied.now:
            messages.success(
                request, _("Impor selesai: %(n)s baris diproses.") % {"n": checked.result["rows"]}
            )
        else:
            messages.info(request, _("Berkas ini sudah diimpor sebelumnya; tidak diimpor lagi."))
        return render(request, "imports/done.html", {"checked": checked, "result": checked.result})
    if checked.state == ImportState.FAILED:
        return render(request, "imports/detail.html", {"checked": checked}, status=400)
    if applied.busy:
        messages.info(request, _("Berkas ini sedang diimpor; tidak diimpor lagi."))
    return redirect("imports:detail", token=checked.key)


@login_required
@require_GET
def detail(request, token):
    """A checked file's page: its dry run, the import's progress, what was imported, or why not."""
    _staff_only(request)
    checked = _own(request, token)
    return render(request, "imports/detail.html", {"checked": checked})
