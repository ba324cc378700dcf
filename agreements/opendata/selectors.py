"""What the public may read: agreements marked public and not archived, and only their public fields.

Everything here starts from `visible_to(AnonymousUser())`, the same scoping as any anonymous request,
and every row leaves through `public_agreement_data` — the one place that decides which fields are public.
Personal data of individuals never leaves (UU 27/2022; docs/decisions/0004-open-data-personal-data.md):
no signatory or contact names, phones, emails, identity numbers; a partner of type "individual" is shown
as "Perseorangan" without its name.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from agreements.models import (
    Agreement,
    AgreementParty,
    Benefit,
    BenefitShare,
    Document,
    Obligation,
    Risk,
    RiskShare,
)
from registry.choices import PartnerType

ANONYMOUS = AnonymousUser()


def public_agreements():
    """Public agreements with what the register and downloads show, in a fixed number of queries."""
    return (
        Agreement.objects.visible_to(ANONYMOUS)
        .select_related("lead_unit", "cooperation_object")
        .prefetch_related(
            Prefetch(
                "parties",
                AgreementParty.objects.visible_to(ANONYMOUS).select_related("partner").order_by("order"),
            )
        )
    )


def public_agreements_for_ocds():
    """Also the parts OCDS carries: shared risks and benefits with their splits, shared obligations,
    public documents. Items marked internal (not shared with the parties) stay out."""
    return public_agreements().prefetch_related(
        Prefetch(
            "risks",
            Risk.objects.shared_with_parties().prefetch_related(
                Prefetch(
                    "shares", RiskShare.objects.select_related("party__partner").order_by("party__order")
                )
            ),
        ),
        Prefetch(
            "benefits",
            Benefit.objects.shared_with_parties().prefetch_related(
                Prefetch(
                    "shares", BenefitShare.objects.select_related("party__partner").order_by("party__order")
                )
            ),
        ),
        Prefetch(
            "obligations",
            Obligation.objects.shared_with_parties().select_related("party__partner", "responsible_unit"),
        ),
        Prefetch("documents", public_documents()),
    )


def public_documents():
    """Documents the public may download: visibility "public" on a public agreement."""
    return Document.objects.visible_to(ANONYMOUS).order_by("-uploaded_at", "-pk")


def is_individual(partner) -> bool:
    return partner.partner_type == PartnerType.INDIVIDUAL


def public_party_name(partner) -> str:
    """An organisation's name; an individual is never named."""
    return str(_("Perseorangan")) if is_individual(partner) else partner.name


def public_party(party) -> dict:
    partner = party.partner
    return {
        "order": party.order,
        "name": public_party_name(partner),
        "sector": partner.sector,
        "sector_label": str(partner.get_sector_display()),
    }


def public_agreement_data(agreement) -> dict:
    """The public fields of an agreement — the register, CSV and JSON all use exactly these."""
    unit = agreement.lead_unit
    return {
        "id": agreement.pk,
        "number": agreement.number,
        "title": agreement.title,
        "category": agreement.category,
        "category_label": str(agreement.get_category_display()),
        "form": agreement.form,
        "form_label": str(agreement.get_form_display()) if agreement.form else "",
        "parties": [public_party(p) for p in agreement.parties.all()],
        "object": agreement.object_description
        or (agreement.cooperation_object.name if agreement.cooperation_object else ""),
        "scope": agreement.scope,
        "location": agreement.location,
        "start_date": agreement.start_date.isoformat() if agreement.start_date else None,
        "end_date": agreement.end_date.isoformat() if agreement.end_date else None,
        "signed_date": agreement.signed_date.isoformat() if agreement.signed_date else None,
        "stage": agreement.stage,
        "stage_label": str(agreement.get_stage_display()),
        "estimated_value": str(agreement.estimated_value) if agreement.estimated_value is not None else None,
        "lead_unit": unit.name if unit else "",
    }


def search_organisations(queryset, value):
    """Public search: number, title and organisation names — never the names of individuals."""
    organisations = (
        AgreementParty.objects.visible_to(ANONYMOUS)
        .exclude(partner__partner_type=PartnerType.INDIVIDUAL)
        .filter(Q(partner__name__icontains=value) | Q(partner__short_name__icontains=value))
        .values("agreement_id")
    )
    return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value) | Q(pk__in=organisations))
