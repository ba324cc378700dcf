"""The agreement page's slot, where apps above agreements (evaluations, jobs) add their sections, and
the section agreements adds to the partner page of registry."""

from django.db.models import Prefetch

from accounts.permissions import can
from core.panels import Panel, Slot
from registry.models import PartnerLegality
from registry.panels import PARTNER_PAGE

from .models import (
    Agreement,
    AgreementParty,
    Approval,
    BenefitStudy,
    Dispute,
    DisputeStage,
    Handover,
    InitiativeLetter,
    LegalReview,
)
from .rules.compliance import compliance

AGREEMENT_PAGE = Slot("agreements.agreement_page")


def _partner_agreements(request, partner) -> dict:
    party_of = AgreementParty.objects.filter(partner_id=partner.pk).values("agreement_id")
    agreements = (
        Agreement.objects.visible_to(request.user)
        .filter(pk__in=party_of)
        .select_related("lead_unit")
        .order_by("-created_at", "-pk")
    )
    return {"agreements": agreements}


PROCESS_MODELS = (Approval, BenefitStudy, LegalReview, InitiativeLetter, Dispute, Handover)


def _compliance_prefetch(user):
    """The records the compliance checklist reads, through the reader's scope; partners' legality
    checks only for the internal users who may see them (the checklist then reads nothing for others:
    the page is internal)."""
    legality = PartnerLegality.objects.visible_to(user)
    return [
        Prefetch(
            "approvals", queryset=Approval.objects.visible_to(user).select_related("document", "instrument")
        ),
        Prefetch(
            "benefit_studies", queryset=BenefitStudy.objects.visible_to(user).select_related("document")
        ),
        Prefetch("legal_reviews", queryset=LegalReview.objects.visible_to(user).select_related("document")),
        Prefetch("initiative_letters", queryset=InitiativeLetter.objects.visible_to(user)),
        Prefetch(
            "disputes",
            queryset=Dispute.objects.visible_to(user).prefetch_related(
                Prefetch(
                    "stages", queryset=DisputeStage.objects.visible_to(user).order_by("started_on", "pk")
                )
            ),
        ),
        Prefetch(
            "handovers",
            queryset=Handover.objects.visible_to(user).select_related(
                "from_party__partner", "to_party__partner"
            ),
        ),
        Prefetch("parties__partner__legality_checks", queryset=legality),
    ]


def _compliance_context(request, agreement) -> dict:
    return {
        "compliance": compliance(agreement),
        "may_record_process": can(request.user, "process.record"),
        "may_view_legality": can(request.user, "legality.view"),
    }


def _compliance_history(agreement):
    dispute_ids = Dispute.history.filter(agreement_id=agreement.pk).values("id")
    return [
        *((model, {"agreement_id": agreement.pk}) for model in PROCESS_MODELS),
        (DisputeStage, {"dispute_id__in": dispute_ids}),
    ]


def register():
    AGREEMENT_PAGE.register(
        Panel(
            name="compliance",
            template="agreements/partials/compliance_panel.html",
            place="persetujuan",
            order=10,
            context=_compliance_context,
            prefetch=_compliance_prefetch,
            history=_compliance_history,
        )
    )
    PARTNER_PAGE.register(
        Panel(
            name="agreements",
            template="agreements/partials/partner_agreements.html",
            context=_partner_agreements,
        )
    )
