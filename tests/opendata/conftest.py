"""Public and non-public agreements full of personal data that must never reach open data."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements import services
from agreements.choices import BenefitKind, Category, DocumentType, RiskCategory, Stage, Visibility
from registry.choices import PartnerType, Sector
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, ObligationFactory, RiskFactory
from tests.registry.factories import ContactFactory, HomeGovernmentFactory, PartnerFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRETS = [
    "Bupati Hartono Wibisono",  # signatory of the home government
    "Direktur Sri Lestari",  # signatory of the company
    "Ahmad Perseorangan Santoso",  # an individual partner's name
    "3509010101010001",  # the individual's NIK
    "kontak.rahasia@example.test",  # a contact's email
    "081299998888",  # a contact's phone
    "Catatan internal RAHASIA",  # internal notes
    "Kewajiban internal RAHASIA",  # an obligation not shared
    "Dokumen internal RAHASIA",  # an internal document
    "Kerja Sama Tertutup",  # a non-public agreement
    "Kerja Sama Diarsipkan",  # an archived public agreement
]


def pdf(name="naskah.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def open_world(db, staff_user):
    home = HomeGovernmentFactory()
    company = PartnerFactory(name="PT Air Bersih Jember", sector=Sector.PRIVATE, email="info@airbersih.test")
    person = PartnerFactory(
        name="Ahmad Perseorangan Santoso",
        short_name="Ahmad",
        sector=Sector.SOCIAL,
        partner_type=PartnerType.INDIVIDUAL,
        other_identifier="3509010101010001",
        phone="081277776666",
    )
    ContactFactory(
        partner=company, name="Kontak Rahasia", email="kontak.rahasia@example.test", phone="081299998888"
    )
    agreement = AgreementFactory(
        title="KPBU Sistem Penyediaan Air Minum",
        category=Category.KPBU,
        is_public=True,
        estimated_value=Decimal("1250000000"),
        location="Kecamatan Kaliwates",
        object_description="SPAM regional",
        scope="Pembangunan dan pengoperasian",
        internal_notes="Catatan internal RAHASIA",
        signed_date=datetime.date(2026, 2, 1),
        stage=Stage.IMPLEMENTATION,
    )
    p_home = AgreementPartyFactory(
        agreement=agreement, partner=home, order=1, signatory_name="Bupati Hartono Wibisono"
    )
    p_company = AgreementPartyFactory(
        agreement=agreement, partner=company, order=2, signatory_name="Direktur Sri Lestari"
    )
    AgreementPartyFactory(
        agreement=agreement, partner=person, order=3, signatory_name="Ahmad Perseorangan Santoso"
    )
    ObligationFactory(
        agreement=agreement, party=p_company, title="Membangun instalasi", clause_reference="Pasal 5"
    )
    ObligationFactory(
        agreement=agreement, party=p_home, title="Kewajiban internal RAHASIA", shared_with_parties=False
    )
    services.risk_create(
        agreement=agreement,
        actor=staff_user,
        category=RiskCategory.DEMAND,
        event="Permintaan air rendah",
        likelihood=3,
        impact=4,
        shares=[{"party": p_home, "percent": Decimal("40")}, {"party": p_company, "percent": Decimal("60")}],
    )
    RiskFactory(agreement=agreement, category=RiskCategory.REPUTATION, event="Risiko tanpa porsi")
    services.benefit_create(
        agreement=agreement,
        actor=staff_user,
        kind=BenefitKind.PROFIT_SHARE,
        shares=[{"party": p_home, "percent": Decimal("30")}, {"party": p_company, "percent": Decimal("70")}],
    )
    services.benefit_create(
        agreement=agreement,
        actor=staff_user,
        kind=BenefitKind.FIXED_CONTRIBUTION,
        split_method="amount",
        shares=[{"party": p_home, "amount": Decimal("50000000")}],
    )
    public_doc = services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf(),
        title="Naskah PKS publik",
        doc_type=DocumentType.SIGNED_COPY,
        visibility=Visibility.PUBLIC,
    )
    internal_doc = services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf(),
        title="Dokumen internal RAHASIA",
        doc_type=DocumentType.OTHER,
        visibility=Visibility.INTERNAL,
    )
    closed = AgreementFactory(title="Kerja Sama Tertutup", is_public=False)
    AgreementPartyFactory(agreement=closed, partner=company, order=1)
    archived = AgreementFactory(title="Kerja Sama Diarsipkan", is_public=True, archived_at=timezone.now())
    agreement.refresh_from_db()
    return {
        "agreement": agreement,
        "closed": closed,
        "archived": archived,
        "public_doc": public_doc,
        "internal_doc": internal_doc,
    }
