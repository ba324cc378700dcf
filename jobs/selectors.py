"""Reads for the jobs pages, each starting from the user's scope."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from accounts.permissions import can
from agreements.audience import audience_for, readable

from .choices import ACTIVE_STATUSES, SUMMARY_AUDIENCES, JobKind, JobStatus
from .forms import REPORT_FORMS
from .models import AgreementSummary, BackgroundJob, IssuedDocument


def summary_panel_context(agreement, user) -> dict:
    """What the summary panel of an agreement page shows: the latest download of each audience the
    user reads the agreement as (or a narrower one), and the user's newest summary job for it (polled
    while it is queued or running) — staff see anyone's job, others only their own."""
    audiences = readable(audience_for(user, agreement))
    latest = AgreementSummary.objects.visible_to(user).latest_per_audience(agreement)
    job = (
        BackgroundJob.objects.visible_to(user)
        .filter(kind=JobKind.AGREEMENT_SUMMARY, parameters__agreement_id=agreement.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    return {
        "agreement": agreement,
        "panel_loaded": True,
        "can_request": can(user, "report.view"),
        "summaries": [latest[a] for a in SUMMARY_AUDIENCES if a in latest and a in audiences],
        "summary_job": job,
        "polling": job is not None and job.status in ACTIVE_STATUSES,
    }


def summary_for_download(user, pk):
    """A stored summary the user may download, or None (the view answers 404): in the user's scope,
    and of an audience they read its agreement as, or a narrower one."""
    summary = AgreementSummary.objects.visible_to(user).select_related("agreement").filter(pk=pk).first()
    if summary is None or summary.audience not in readable(audience_for(user, summary.agreement)):
        return None
    return summary


RECENT_FILES = 10


def recent_report_files(user) -> list:
    """The user's ten newest generated report files, each with its filters in words (`filters`), in one
    query. A PDF's verification link (`verification_url`) comes from the issued document whose sealed
    bytes the job stored (the same sha256), in the same query; an XLSX has none."""
    issued = IssuedDocument.objects.filter(sha256=OuterRef("result_sha256")).exclude(sha256="")
    jobs = list(
        BackgroundJob.objects.visible_to(user)
        .filter(requested_by=user, kind__in=list(REPORT_FORMS), status=JobStatus.DONE)
        .exclude(result_file="")
        .annotate(verification_code=Subquery(issued.values("code")[:1]))
        .order_by("-finished_at", "-pk")[:RECENT_FILES]
    )
    for job in jobs:
        job.filters = REPORT_FORMS[job.kind].describe(job.parameters)
        code = job.verification_code
        job.verification_url = reverse("verification:page", args=[code]) if code else ""
    return jobs
