"""Job status and downloads, the agreement summary panel, and the managers' reports page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.api.auth import accepts_api_token
from accounts.permissions import can
from agreements.models import Agreement
from core.audit import read_log_record
from core.headers import content_disposition
from core.views import ScopedDetailView, scoped, scoped_object_or_404

from .choices import JobKind, JobStatus
from .forms import REPORT_FORMS
from .models import BackgroundJob
from .selectors import recent_report_files, summary_for_download, summary_panel_context
from .services import job_request, summary_request

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(user, action):
    if not can(user, action):
        raise PermissionDenied


@login_required
def reports(request):
    """The "Laporan" page: every report with what it holds, for which period and its filter form, and
    the user's ten newest generated files."""
    _require(request.user, "report.view")
    forms = [form_class(prefix=kind) for kind, form_class in REPORT_FORMS.items()]
    return render(
        request, "jobs/reports.html", {"forms": forms, "recent_files": recent_report_files(request.user)}
    )


@login_required
@require_POST
def report_request(request, kind):
    _require(request.user, "report.view")
    form_class = REPORT_FORMS.get(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=kind)
    if not form.is_valid():
        forms = [form if k == kind else f(prefix=k) for k, f in REPORT_FORMS.items()]
        context = {"forms": forms, "recent_files": recent_report_files(request.user)}
        return render(request, "jobs/reports.html", context, status=400)
    job = job_request(kind, form.parameters(), request.user)
    messages.info(request, _("Laporan sedang disiapkan."))
    return redirect("jobs:detail", pk=job.pk)


class JobDetail(LoginRequiredMixin, ScopedDetailView):
    """A job the user may see (staff: any; others: their own), 404 for anyone else's."""

    model = BackgroundJob
    context_object_name = "job"
    template_name = "jobs/job_detail.html"


job_detail = JobDetail.as_view()
# The htmx partial polled every 2 s while the job is queued or running.
job_status = JobDetail.as_view(template_name="jobs/partials/job_status.html")


@accepts_api_token
@login_required
def job_download(request, pk):
    job = get_object_or_404(
        scoped(BackgroundJob, request.user).exclude(result_file=""), pk=pk, status=JobStatus.DONE
    )
    if job.kind != JobKind.AGREEMENT_SUMMARY:
        _require(request.user, "report.view")
    content_type = XLSX if job.result_name.endswith(".xlsx") else PDF
    read_log_record(request, job, label=job.result_name)
    response = FileResponse(job.result_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(job.result_name)
    return response


@login_required
@require_POST
def agreement_summary_request(request, agreement_pk):
    agreement = scoped_object_or_404(Agreement, request.user, pk=agreement_pk)
    _require(request.user, "report.view")
    summary_request(agreement, request.user)
    if request.htmx:
        return render(
            request, "jobs/partials/summary_panel.html", summary_panel_context(agreement, request.user)
        )
    messages.info(request, _("Ringkasan PDF sedang dibuat."))
    return redirect("agreements:detail", pk=agreement.pk)


@login_required
def agreement_summary_panel(request, agreement_pk):
    agreement = scoped_object_or_404(Agreement, request.user, pk=agreement_pk)
    return render(request, "jobs/partials/summary_panel.html", summary_panel_context(agreement, request.user))


@accepts_api_token
@login_required
def agreement_summary_download(request, pk):
    """A stored summary, only of an audience the user reads its agreement as, or a narrower one
    (OPD officers: the government's version, never the internal one; partners: the parties')."""
    summary = summary_for_download(request.user, pk)
    if summary is None:
        raise Http404
    read_log_record(request, summary, label=summary.download_name)
    response = FileResponse(summary.file.open("rb"), content_type=PDF)
    response["Content-Disposition"] = content_disposition(summary.download_name)
    return response
