"""The agreement page's slot, where apps above agreements (evaluations, jobs) add their sections, and
the section agreements adds to the partner page of registry."""

from core.panels import Panel, Slot
from registry.panels import PARTNER_PAGE

from .models import Agreement, AgreementParty

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


def register():
    PARTNER_PAGE.register(
        Panel(
            name="agreements",
            template="agreements/partials/partner_agreements.html",
            context=_partner_agreements,
        )
    )
