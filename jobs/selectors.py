"""Reads for the jobs pages."""

from .choices import ACTIVE_STATUSES, JobKind
from .models import AgreementSummary, BackgroundJob


def summary_panel_context(agreement, user) -> dict:
    """What the summary panel of an agreement page shows: the latest download per audience the user
    may have, and the newest summary job (polled while it is queued or running)."""
    latest = AgreementSummary.objects.visible_to(user).latest_per_audience(agreement)
    job = (
        BackgroundJob.objects.filter(kind=JobKind.AGREEMENT_SUMMARY, parameters__agreement_id=agreement.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    from accounts.permissions import can

    return {
        "agreement": agreement,
        "panel_loaded": True,
        "can_request": can(user, "report.view"),
        "summaries": [latest[a] for a in ("internal", "parties") if a in latest],
        "summary_job": job,
        "polling": job is not None and job.status in ACTIVE_STATUSES,
    }
