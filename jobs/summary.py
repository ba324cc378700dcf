"""The agreement summary (ringkasan kerja sama): rendering each new version once per audience
(agreements.audience) — internal; for the OPDs, with the internal items but without the internal notes;
and for the parties, with only what is shared with them. What each shows: jobs.summary_context."""

import hashlib
import logging
import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import translation

from agreements.models import Agreement

from .choices import SUMMARY_AUDIENCES, JobKind
from .issuing import issue_pdf
from .models import AgreementSummary
from .summary_context import summary_context

log = logging.getLogger(__name__)

SUMMARY_TEMPLATE = "pdf/agreement_summary.html"


def summary_render(agreement_id: int, audience: str, version: int) -> bytes:
    """The summary PDF, always in Bahasa Indonesia (the official language of the record)."""
    with translation.override("id"):
        context = summary_context(agreement_id, audience)
        context["version"] = version
        return issue_pdf(
            SUMMARY_TEMPLATE,
            context,
            kind=JobKind.AGREEMENT_SUMMARY,
            audience=audience,
            agreement=context["agreement"],
            version=version,
        )


def summary_make(agreement_id: int, job=None, progress=lambda pct: None) -> list[AgreementSummary]:
    """Render the next version for every audience a summary is made for, and store each with its
    sha256."""
    rendered = {}
    next_version = (
        AgreementSummary.objects.filter(agreement_id=agreement_id).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    for step, audience in enumerate(SUMMARY_AUDIENCES, start=1):
        started = time.perf_counter()
        rendered[audience] = summary_render(agreement_id, audience, next_version)
        # One line per document: the worker's log says what it made, not how the fonts were cut.
        log.info(
            "summary of agreement %s v%s for %s: %d bytes in %.2f s",
            agreement_id,
            next_version,
            audience,
            len(rendered[audience]),
            time.perf_counter() - started,
        )
        progress(90 * step // len(SUMMARY_AUDIENCES))
    with transaction.atomic():
        # Two jobs for one agreement may finish together: lock the agreement and number again.
        Agreement.objects.select_for_update().filter(pk=agreement_id).first()
        version = (
            AgreementSummary.objects.filter(agreement_id=agreement_id).aggregate(v=Max("version"))["v"] or 0
        ) + 1
        rows = []
        for audience, content in rendered.items():
            row = AgreementSummary(
                agreement_id=agreement_id,
                version=version,
                audience=audience,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                job=job,
            )
            row.file.save(
                f"ringkasan-{agreement_id}-v{version}-{audience}.pdf", ContentFile(content), save=False
            )
            row.save()
            rows.append(row)
    return rows
