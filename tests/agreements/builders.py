"""A fully furnished agreement for page tests: parties, obligations, splits, instruments, documents,
evaluations — built through the services so that history exists as it would in real use."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from agreements import services
from agreements.choices import Category, DocumentType, InstrumentKind, InstrumentStatus, Visibility
from evaluations import services as evaluation_services
from tests.registry.factories import OrganisationUnitFactory, PartnerFactory

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)


def pdf_upload(name="naskah.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def furnished_agreement(actor, *, size=1, title="Kerja Sama Lengkap"):
    """An agreement with `size` of every kind of child (parties: size + 1)."""
    partners = [PartnerFactory() for _ in range(size + 1)]
    agreement = services.agreement_create(
        actor=actor,
        title=title,
        category=Category.KSDPK,
        lead_unit=OrganisationUnitFactory(),
        related_units=[OrganisationUnitFactory()],
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        estimated_value=Decimal("1250000000"),
        internal_notes="Catatan rahasia staf",
        parties=[{"partner": p, "roles": ["implementer"]} for p in partners],
    )
    parties = list(agreement.parties.order_by("order"))
    even = (Decimal(100) / len(parties)).quantize(Decimal("0.01"))
    split = [{"party": p, "percent": even} for p in parties[:-1]]
    split.append({"party": parties[-1], "percent": Decimal(100) - even * (len(parties) - 1)})
    for n in range(size):
        services.obligation_create(
            agreement=agreement,
            actor=actor,
            party=parties[n % len(parties)],
            title=f"Laporan {n}",
            frequency="quarterly",
            first_due_date=datetime.date(2026, 3, 31),
        )
        services.risk_create(
            agreement=agreement,
            actor=actor,
            category="financial",
            event=f"Risiko {n}",
            likelihood=1 + n % 5,
            impact=1 + (n * 2) % 5,
            shares=split,
        )
        benefit = services.benefit_create(agreement=agreement, actor=actor, kind="profit_share", shares=split)
        services.realisation_create(
            benefit=benefit, actor=actor, realised_on=datetime.date(2026, 5, 1), amount=Decimal("1000000")
        )
        services.contribution_create(
            agreement=agreement,
            actor=actor,
            party=parties[0],
            kind="funds",
            estimated_value=Decimal("5000000"),
        )
        instrument = services.instrument_create(
            agreement=agreement,
            actor=actor,
            kind=InstrumentKind.PKS,
            title=f"PKS {n}",
            status=InstrumentStatus.SIGNED,
            signing_date=datetime.date(2026, 1, 10),
            party_numbers=[{"party": p, "number": f"NO/{n}/{p.order}"} for p in parties],
        )
        services.document_upload(
            agreement=agreement,
            actor=actor,
            upload=pdf_upload(f"pks-{n}.pdf"),
            title=f"PKS bertanda tangan {n}",
            doc_type=DocumentType.SIGNED_COPY,
            visibility=Visibility.PARTIES,
            instrument=instrument,
        )
        evaluation_services.evaluation_create(
            agreement=agreement,
            actor=actor,
            period_type="quarter",
            period_label=f"2026-T{n + 1}",
            evaluated_on=datetime.date(2026, 4, 1),
            evaluator_role="unit",
            recommendation="continue",
            score_objectives=4,
        )
        indicator = evaluation_services.indicator_create(
            agreement=agreement, actor=actor, name=f"Indikator {n}", unit="orang", target=Decimal(100)
        )
        evaluation_services.observation_record(
            indicator=indicator,
            actor=actor,
            period_label="2026-T1",
            observed_on=datetime.date(2026, 3, 31),
            value=Decimal(40),
        )
        evaluation_services.challenge_create(
            agreement=agreement,
            actor=actor,
            category="coordination",
            description=f"Kendala {n}",
            reported_on=datetime.date(2026, 2, 1),
        )
        services.tkksd_review_record(
            agreement=agreement, actor=actor, review_date=datetime.date(2026, 1, 5), decision="feasible"
        )
    agreement.refresh_from_db()
    return agreement
