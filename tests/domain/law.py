"""Agreements that meet the law's preparation (issue 10), built through the services: the home
government and a counterpart of the category's kind with its legality verified, a feasible TKKSD
review and a recommended benefit study. Tests take one away to see the gate refuse."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements import services
from agreements.choices import Category
from registry.legality import legality_record
from registry.models import Partner
from tests.registry.factories import HomeGovernmentFactory, OrganisationUnitFactory, PartnerFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PAST = date(2026, 1, 5)

# A counterpart of the kind each category needs.
COUNTERPART = {
    Category.KSDD: {"name": "Pemerintah Kabupaten Bondowoso", "sector": "public", "partner_type": "regency"},
    Category.KSDPK: {"name": "PT Mitra Usaha", "sector": "private", "partner_type": "private_company"},
    Category.KSDPL: {
        "name": "Gimhae City Government",
        "sector": "foreign",
        "partner_type": "foreign_government",
        "country": "Korea Selatan",
    },
    Category.KSDLL: {
        "name": "Stichting Water Nederland",
        "sector": "foreign",
        "partner_type": "foreign_institution",
        "country": "Belanda",
    },
    Category.SYNERGY: {"name": "Kementerian Pertanian", "sector": "public", "partner_type": "ministry"},
    Category.KPBU: {"name": "PT Badan Usaha KPBU", "sector": "private", "partner_type": "private_company"},
}


def not_budgeted(agreement, actor, amount=Decimal("250000000")):
    """The home region pays this year from its APBD and no budget line holds it yet: the DPRD trigger
    "belum teranggarkan dalam APBD tahun anggaran berjalan"."""
    services.funding_source_create(
        agreement=agreement, actor=actor, kind="apbd", year=timezone.localdate().year, amount=amount
    )
    return agreement


def pdf_upload(name="naskah.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def verified(partner: Partner, actor, **data) -> Partner:
    legality_record(
        partner=partner,
        actor=actor,
        document_kind=data.pop("document_kind", "nib"),
        document_number=data.pop("document_number", "912000000001"),
        verified_on=data.pop("verified_on", PAST),
        **data,
    )
    return partner


def counterpart(category, actor, *, verify=True, **overrides) -> Partner:
    partner = PartnerFactory(**{**COUNTERPART[category], **overrides})
    return verified(partner, actor) if verify else partner


def prepared(category=Category.KSDPK, *, actor, tkksd=True, study=True, verify=True, partner=None, **fields):
    """An agreement in preparation that passes the gate to signing (unless told otherwise)."""
    home = HomeGovernmentFactory()
    partner = partner or counterpart(category, actor, verify=verify)
    values = {
        "title": f"Kerja sama {category}",
        "category": category,
        "lead_unit": OrganisationUnitFactory(),
        "start_date": date(2026, 1, 1),
        "end_date": date(2028, 12, 31),
        **fields,
    }
    agreement = services.agreement_create(
        actor=actor,
        parties=[
            {"partner": home, "roles": ["lead"], "signatory_name": "Bupati", "signatory_title": "Bupati"},
            {"partner": partner, "roles": ["implementer"], "signatory_name": "Direktur"},
        ],
        **values,
    )
    if tkksd:
        services.tkksd_review_record(agreement=agreement, actor=actor, review_date=PAST, decision="feasible")
    if study:
        services.benefit_study_create(
            agreement=agreement,
            actor=actor,
            study_date=PAST,
            yearly_apbd_cost=Decimal("100000000"),
            expected_local_revenue=Decimal("250000000"),
            recommendation="recommended",
        )
    agreement.refresh_from_db()
    return agreement


def approve(agreement, actor, kind, decided_on=PAST, **data):
    return services.approval_create(
        agreement=agreement,
        actor=actor,
        kind=kind,
        submitted_on=data.pop("submitted_on", decided_on),
        decided_on=decided_on,
        result=data.pop("result", "approved"),
        letter_number=data.pop("letter_number", f"{kind}/2026"),
        **data,
    )


def signed(agreement, actor, kind="pks", *, signing_date=date(2026, 2, 1), with_file=True, **extra):
    instrument = services.instrument_create(
        agreement=agreement,
        actor=actor,
        kind=kind,
        title=str(kind).upper(),
        status="signed",
        signing_date=signing_date,
        start_date=extra.pop("start_date", signing_date),
        end_date=extra.pop("end_date", date(2028, 12, 31)),
        **extra,
    )
    if with_file:
        services.document_upload(
            agreement=agreement,
            actor=actor,
            upload=pdf_upload(f"{kind}.pdf"),
            title=f"{kind} bertanda tangan",
            doc_type="signed_copy",
            visibility="parties",
            instrument=instrument,
        )
    return instrument
