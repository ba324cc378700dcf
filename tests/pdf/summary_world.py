"""A full agreement for the summary's layout tests: any number of parties and obligations, each
obligation monthly over ten years, and every other section filled with realistic lengths of text."""

import datetime
from decimal import Decimal

from agreements.choices import (
    ApprovalKind,
    ApprovalResult,
    BenefitKind,
    ContributionKind,
    Frequency,
    InstrumentKind,
    InstrumentStatus,
    OccurrenceStatus,
    SplitMethod,
    Stage,
    TkksdDecision,
)
from agreements.models import (
    Approval,
    Benefit,
    BenefitRealisation,
    BenefitShare,
    Contribution,
    Instrument,
    InstrumentNumber,
    ObligationOccurrence,
    RiskShare,
    TkksdReview,
)
from evaluations.choices import ChallengeCategory, EvaluatorRole, PeriodType, Recommendation
from evaluations.models import Challenge, Evaluation, Indicator, Observation
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory, ObligationFactory, RiskFactory
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory

START = datetime.date(2020, 1, 31)
PURPOSE = (
    "Meningkatkan pelayanan air minum bagi masyarakat di wilayah perbatasan melalui pembangunan, "
    "pengoperasian dan pemeliharaan sistem penyediaan air minum regional secara bersama-sama, dengan "
    "pembagian peran, biaya dan manfaat yang adil di antara para pihak."
)


def _months(count):
    """The last day of each month from January 2020, for `count` months."""
    dates, year, month = [], START.year, START.month
    for _ in range(count):
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        dates.append(following - datetime.timedelta(days=1))
        year, month = following.year, following.month
    return dates


def split_percents(count):
    """`count` percents that total exactly 100, the first party taking the remainder."""
    base = Decimal(100) // count
    return [Decimal(100) - base * (count - 1), *[base] * (count - 1)]


def summary_world(*, parties=10, obligations=30, months=120, number="KS/AIR-MINUM/2020"):
    """An agreement in implementation with `parties` parties and `obligations` monthly obligations
    of `months` occurrences each (the older ones fulfilled, a few overdue)."""
    agreement = AgreementFactory(
        number=number,
        title="Sistem Penyediaan Air Minum Regional Lintas Kabupaten",
        stage=Stage.IMPLEMENTATION,
        start_date=START,
        end_date=datetime.date(2029, 12, 31),
        estimated_value=Decimal("47250000000"),
        purpose=PURPOSE,
        object_description="Jaringan pipa transmisi, instalasi pengolahan air dan reservoir.",
        internal_notes="CATATAN-RAHASIA untuk Bagian Kerja Sama",
    )
    members = [
        AgreementPartyFactory(
            agreement=agreement,
            partner=HomeGovernmentFactory()
            if order == 1
            else PartnerFactory(name=f"Pemerintah Kabupaten Mitra {order}"),
            order=order,
            roles=["lead"] if order == 1 else ["implementer", "funder"],
            signatory_name=f"Penandatangan Pihak {order}",
            signatory_title="Bupati" if order <= 3 else "Direktur Utama",
        )
        for order in range(1, parties + 1)
    ]
    for kind in (InstrumentKind.MOU, InstrumentKind.PKS):
        instrument = Instrument.objects.create(
            agreement=agreement,
            kind=kind,
            signing_date=datetime.date(2019, 12, 2),
            signing_place="Jember",
            start_date=START,
            end_date=datetime.date(2029, 12, 31),
            status=InstrumentStatus.SIGNED,
        )
        for party in members:
            InstrumentNumber.objects.create(
                instrument=instrument, party=party, number=f"{party.order:03d}/{kind.upper()}/2019"
            )
    Approval.objects.create(
        agreement=agreement,
        kind=ApprovalKind.DPRD,
        submitted_on=datetime.date(2019, 9, 2),
        decided_on=datetime.date(2019, 11, 4),
        result=ApprovalResult.APPROVED,
        letter_number="170/45/DPRD/2019",
        notes="CATATAN-PERSETUJUAN internal",
    )
    TkksdReview.objects.create(
        agreement=agreement,
        review_date=datetime.date(2019, 8, 12),
        decision=TkksdDecision.FEASIBLE_WITH_NOTES,
    )
    percents = split_percents(parties)
    for n in range(6):
        risk = RiskFactory(
            agreement=agreement, event=f"Gangguan pasokan air baku tahap {n + 1}", likelihood=2 + n % 3
        )
        for party, percent in zip(members, percents, strict=True):
            RiskShare.objects.create(risk=risk, party=party, percent=percent)
    for kind in (BenefitKind.PROFIT_SHARE, BenefitKind.LOCAL_REVENUE):
        benefit = Benefit.objects.create(
            agreement=agreement, kind=kind, description="Dari penjualan air curah"
        )
        for party, percent in zip(members, percents, strict=True):
            BenefitShare.objects.create(benefit=benefit, party=party, percent=percent)
        BenefitRealisation.objects.create(
            benefit=benefit,
            party=members[0],
            realised_on=datetime.date(2025, 12, 31),
            amount=Decimal("850000000"),
        )
    fixed = Benefit.objects.create(
        agreement=agreement, kind=BenefitKind.FIXED_CONTRIBUTION, split_method=SplitMethod.AMOUNT
    )
    BenefitShare.objects.create(benefit=fixed, party=members[0], amount=Decimal("1200000000"))
    BenefitRealisation.objects.create(
        benefit=fixed, party=members[0], realised_on=datetime.date(2025, 12, 31), amount=Decimal("900000000")
    )
    for party in members:
        Contribution.objects.create(
            agreement=agreement,
            party=party,
            kind=ContributionKind.FUNDS,
            estimated_value=Decimal("4725000000"),
        )
    dates = _months(months)
    for n in range(obligations):
        obligation = ObligationFactory(
            agreement=agreement,
            party=members[n % parties],
            title=f"Setoran bagi hasil penjualan air curah bulanan nomor {n + 1}",
            frequency=Frequency.MONTHLY,
            first_due_date=dates[0],
            until_date=dates[-1],
        )
        ObligationOccurrence.objects.bulk_create(
            ObligationOccurrence(
                obligation=obligation,
                due_date=due,
                period_label=due.strftime("%m/%Y"),
                status=OccurrenceStatus.FULFILLED
                if index < months // 2
                else OccurrenceStatus.OVERDUE
                if index < months // 2 + 2
                else OccurrenceStatus.UPCOMING,
            )
            for index, due in enumerate(dates)
        )
    for n in range(6):
        indicator = Indicator.objects.create(
            agreement=agreement,
            name=f"Rumah tangga terlayani sambungan air minum wilayah {n + 1}",
            unit="sambungan",
            baseline=Decimal("1000"),
            target=Decimal("25000"),
        )
        Observation.objects.create(
            indicator=indicator,
            period_label="2025",
            observed_on=datetime.date(2025, 12, 31),
            value=Decimal("13000"),
        )
    for n in range(4):
        Challenge.objects.create(
            agreement=agreement,
            category=ChallengeCategory.COORDINATION,
            description=f"Jadwal pemeliharaan pipa transmisi belum disepakati para pihak, wilayah {n + 1}.",
            reported_on=datetime.date(2025, 10, 1),
            shared_with_parties=True,
        )
    Evaluation.objects.create(
        agreement=agreement,
        period_type=PeriodType.YEAR,
        period_label="2025",
        evaluated_on=datetime.date(2026, 1, 15),
        evaluator_role=EvaluatorRole.TKKSD,
        score_objectives=4,
        score_timeliness=3,
        recommendation=Recommendation.CONTINUE,
        findings="Capaian sambungan di bawah rencana; kontribusi para pihak lancar.",
        shared_with_parties=True,
    )
    return agreement
