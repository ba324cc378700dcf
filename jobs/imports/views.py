"""Import pages (staff only): upload → dry run with every row's problems → import, all or nothing.

The uploaded file is kept in private storage between the dry run and the import, under a random key
tied to the session, so the import applies exactly the file that was checked. A file of more than
IMPORT_INLINE_MAX_ROWS rows is imported by a background job whose page shows its progress.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import can
from agreements.imports.checked import checked_file_discard, checked_file_read, checked_file_save
from agreements.imports.services import import_run
from agreements.imports.template import template_xlsx

from .background import import_job_request, runs_in_background

MAX_BYTES = 10 * 1024 * 1024
SESSION_KEY = "import_files"


def _staff_only(request):
    if not can(request.user, "import.run"):
        raise PermissionDenied


@login_required
@require_GET
def template_download(request):
    _staff_only(request)
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-kemitraan.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    """GET: the form. POST: store the file and show the dry run."""
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
    data = upload.read()
    result = import_run(upload.name, data, request.user, dry_run=True)
    key = None
    if result.ok:
        key = checked_file_save(data)
        request.session.setdefault(SESSION_KEY, {})[key] = {"name": upload.name, "rows": result.rows}
        request.session.modified = True
    return render(
        request,
        "imports/dry_run.html",
        {"result": result, "key": key, "name": upload.name, "in_background": runs_in_background(result.rows)},
        status=200 if result.ok else 400,
    )


@login_required
@require_POST
def apply(request):
    """Import the checked file (the key is used once): in the request, or by a job for a large file."""
    _staff_only(request)
    key = request.POST.get("key", "")
    files = request.session.get(SESSION_KEY, {})
    if key not in files:
        raise Http404
    checked = files.pop(key)
    request.session.modified = True
    if runs_in_background(checked["rows"]):
        job = import_job_request(key=key, name=checked["name"], actor=request.user)
        messages.info(request, _("Impor berjalan di latar belakang; halaman ini menunjukkan kemajuannya."))
        return redirect("jobs:detail", pk=job.pk)
    result = import_run(checked["name"], checked_file_read(key), request.user, dry_run=False)
    checked_file_discard(key)
    if not result.ok:
        return render(
            request, "imports/dry_run.html", {"result": result, "name": checked["name"]}, status=400
        )
    messages.success(request, _("Impor selesai: %(n)s baris diproses.") % {"n": result.rows})
    return render(request, "imports/done.html", {"result": result})
