"""The agreement summary (ringkasan kerja sama): what goes into it for each audience, and rendering
each new version once per audience (agreements.audience) — internal; for the OPDs, with the internal
items but without the internal notes; and for the parties, with only what is shared with them."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone, translation

from agreements.audience import shows_internal_items, shows_internal_notes
from agreements.models import (
    Agreement,
    Benefit,
    BenefitShare,
    Contribution,
    Obligation,
    ObligationOccurrence,
    Risk,
    RiskShare,
    StageTransition,
)
from evaluations.models import Evaluation

from .choices import SUMMARY_AUDIENCES, JobKind
from .issuing import issue_pdf
from .models import AgreementSummary


def _for(queryset, audience):
    """A child queryset as `audience` reads it: internal items for internal and government readers,
    only what is shared with the parties for the rest."""
    return queryset if shows_internal_items(audience) else queryset.shared_with_parties()


def summary_context(agreement_id: int, audience: str) -> dict:
    """Everything the summary shows for one audience, loaded in a fixed number of queries."""
    agreement = Agreement.objects.for_detail().get(pk=agreement_id)
    parties = list(agreement.parties.select_related("partner").order_by("order"))
    obligations = list(
        _for(Obligation.objects.filter(agreement=agreement), audience)
        .select_related("party__partner", "responsible_unit")
        .prefetch_related(
            Prefetch("occurrences", queryset=ObligationOccurrence.objects.order_by("due_date", "pk"))
        )
        .order_by("first_due_date", "pk")
    )
    risks = list(
        _for(Risk.objects.filter(agreement=agreement), audience)
        .prefetch_related(Prefetch("shares", queryset=RiskShare.objects.select_related("party")))
        .order_by("pk")
    )
    for risk in risks:
        by_party = {share.party_id: share.percent for share in risk.shares.all()}
        risk.party_percents = [by_party.get(party.pk) for party in parties]
    benefits = list(
        _for(Benefit.objects.filter(agreement=agreement), audience)
        .prefetch_related(Prefetch("shares", queryset=BenefitShare.objects.select_related("party__partner")))
        .order_by("pk")
    )
    contributions = list(
        _for(Contribution.objects.filter(agreement=agreement), audience)
        .select_related("party__partner")
        .order_by("party__order", "pk")
    )
    transitions = list(
        _for(StageTransition.objects.filter(agreement=agreement), audience).select_related("actor")
    )
    evaluation = (
        _for(Evaluation.objects.filter(agreement=agreement), audience)
        .order_by("-evaluated_on", "-pk")
        .first()
    )
    return {
        "agreement": agreement,
        "audience": audience,
        "shows_internal_items": shows_internal_items(audience),
        "shows_internal_notes": shows_internal_notes(audience),
        "parties": parties,
        "instruments": list(
            agreement.instruments.prefetch_related("party_numbers__party").order_by("signing_date", "pk")
        ),
        "related_units": list(agreement.related_units.all()),
        "obligations": obligations,
        "risks": risks,
        "benefits": benefits,
        "contributions": contributions,
        "transitions": transitions,
        "evaluation": evaluation,
        "generated_at": timezone.now(),
    }


def summary_render(agreement_id: int, audience: str, version: int) -> bytes:
    """The summary PDF, always in Bahasa Indonesia (the official language of the record)."""
    with translation.override("id"):
        context = summary_context(agreement_id, audience)
        context["version"] = version
        return issue_pdf(
            "pdf/agreement_summary.html",
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
        rendered[audience] = summary_render(agreement_id, audience, next_version)
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
