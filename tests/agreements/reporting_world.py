"""A register with one agreement in each situation the reporting rules must tell apart, at a frozen
date: "this year" is 2025, "today" is 15 October 2025. The hand counts are written beside each
agreement and summed in HAND_COUNT; tests compare every figure the rules and the reports give to it."""

import datetime
from decimal import Decimal

from agreements.choices import (
    ApprovalKind,
    ApprovalResult,
    BenefitKind,
    Category,
    InstrumentKind,
    InstrumentStatus,
    Stage,
)
from agreements.models import Approval, Benefit, BenefitRealisation, Instrument, InstrumentNumber
from evaluations.choices import ChallengeCategory, ChallengeStatus, EvaluatorRole, PeriodType, Recommendation
from evaluations.models import Challenge, Evaluation
from registry.choices import GovernmentAffairKind
from registry.models import GovernmentAffair
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import HomeGovernmentFactory, OrganisationUnitFactory, PartnerFactory

D = datetime.date
FROZEN = D(2025, 10, 15)
YEAR = 2025

# Per period, which agreements (by key) count as running, signed, ended, in progress — by hand:
#
#                               2025 (year)        2025 semester I     2025 semester II    2024 (year)
#  key  situation               run sig end        run sig end         run sig end         run sig end
#  A    running all year         x                  x                   x                   x
#  B    MoU signed 10 Mar 2025   x   x              x   x               x
#  C    letter of intent only    -   -              (in progress)
#  D    terminated 1 Dec 2024    -                                                          x       x
#  E    closed early 15 Apr 2025 x       x          x       x
#  F    term ended 31 Aug 2025   x       x          x                   x       x           x
#  G    term ends 20 Dec 2025    x                  x                   x                   x   x
#       (after today: not ended)
#  H    rejected proposal        -                  (never, though dated across 2025)
#  I    cancelled after its MoU  -                  (never, though its MoU was signed in 2025)
#  J    proposal in preparation  -                  (in progress)
#  K    undated, PKS undated     -                  (no date at all: never counted)
#  L    PKS 30 Jun, from 1 Jul   x   x                  x               x
#  M    ended 30 Jun 2025        x       x          x       x                               x
#  O    no start date, PKS 1 Sep x   x                                  x   x
#
# 2025: running A B E F G L M O = 8; signed B L O = 3; ended E F M = 3; in progress C J = 2.
# Semester I: running A B E F G M = 6; signed B L = 2; ended E M = 2.
# Semester II: running A B F G L O = 6; signed O = 1; ended F = 1 (G ends after today).
# 2024: running A D E F G M = 6; signed G = 1; ended D = 1.
HAND_COUNT = {
    (2025, None): {"running": 8, "signed": 3, "ended": 3, "in_progress": 2},
    (2025, 1): {"running": 6, "signed": 2, "ended": 2, "in_progress": 2},
    (2025, 2): {"running": 6, "signed": 1, "ended": 1, "in_progress": 2},
    (2024, None): {"running": 6, "signed": 1, "ended": 1, "in_progress": 2},
}
RUNNING_2025 = {"A", "B", "E", "F", "G", "L", "M", "O"}
# The agreements of the second OPD (for the scoping test): E, F and O — in 2025 all three run, O was
# signed, E and F ended.
SECOND_UNIT = {"E", "F", "O"}


def _text(agreement, kind, signed_on, status=InstrumentStatus.SIGNED, number=""):
    text = Instrument.objects.create(agreement=agreement, kind=kind, status=status, signing_date=signed_on)
    if number:
        party = agreement.parties.order_by("order").first()
        InstrumentNumber.objects.create(instrument=text, party=party, number=number)
    return text


def build_world():
    home = HomeGovernmentFactory()
    first, second = (
        OrganisationUnitFactory(name="Dinas Pariwisata"),
        OrganisationUnitFactory(name="Dinas Kesehatan"),
    )
    partner = PartnerFactory(name="PT Wisata Nusantara")
    # Seeded by a migration, but a transactional test earlier in the run may have flushed it.
    affair, _created = GovernmentAffair.objects.get_or_create(
        code="pariwisata", defaults={"name": "Pariwisata", "kind": GovernmentAffairKind.ELECTIVE}
    )

    def agreement(key, *, stage=Stage.IMPLEMENTATION, start=None, end=None, closed=None, **extra):
        a = AgreementFactory(
            number=extra.pop("number", f"KS/{key}/2025"), title=f"Kerja sama {key}", stage=stage, start_date=start, end_date=end,
            closed_on=closed, lead_unit=second if key in SECOND_UNIT else first,
            estimated_value=Decimal("1000000000"), category=extra.pop("category", Category.KSDPK), **extra,
        )  # fmt: skip
        AgreementPartyFactory(agreement=a, partner=home, order=1)
        AgreementPartyFactory(agreement=a, partner=partner, order=2)
        return a

    w = {}
    w["A"] = agreement("A", start=D(2023, 1, 1), end=D(2027, 12, 31), burdens_public=True)
    _text(w["A"], InstrumentKind.PKS, D(2023, 1, 10), number="180/01/2023")
    _text(w["A"], InstrumentKind.ADDENDUM, D(2025, 5, 5))  # an addendum is not a signing of the year
    w["A"].government_affairs.add(affair)
    w["B"] = agreement("B", start=D(2025, 3, 10), end=D(2028, 3, 9))
    _text(w["B"], InstrumentKind.MOU, D(2025, 3, 10), number="119/03/2025")
    w["C"] = agreement("C", stage=Stage.PREPARATION, start=D(2025, 2, 1), end=D(2026, 1, 31))
    _text(w["C"], InstrumentKind.LOI, D(2025, 2, 1))
    w["D"] = agreement(
        "D", stage=Stage.TERMINATED, start=D(2022, 5, 1), end=D(2027, 4, 30), closed=D(2024, 12, 1)
    )
    _text(w["D"], InstrumentKind.PKS, D(2022, 5, 1))
    w["E"] = agreement(
        "E", stage=Stage.TERMINATED, start=D(2021, 6, 1), end=D(2026, 5, 31), closed=D(2025, 4, 15)
    )
    _text(w["E"], InstrumentKind.PKS, D(2021, 6, 1))
    w["F"] = agreement(
        "F", stage=Stage.COMPLETED, start=D(2020, 8, 1), end=D(2025, 8, 31), category=Category.KPBU
    )
    _text(w["F"], InstrumentKind.KPBU_AGREEMENT, D(2020, 8, 1), status=InstrumentStatus.EXPIRED)
    w["G"] = agreement("G", start=D(2024, 1, 5), end=D(2025, 12, 20))
    _text(w["G"], InstrumentKind.MOU, D(2024, 1, 5))
    w["H"] = agreement("H", stage=Stage.REJECTED, start=D(2025, 1, 1), end=D(2026, 12, 31), number="")
    _text(w["H"], InstrumentKind.PKS, None, status=InstrumentStatus.DRAFT)
    w["I"] = agreement("I", stage=Stage.CANCELLED, start=D(2025, 1, 1), end=D(2026, 12, 31))
    _text(w["I"], InstrumentKind.MOU, D(2025, 2, 2))
    w["J"] = agreement("J", stage=Stage.PREPARATION, number="")
    _text(w["J"], InstrumentKind.PKS, None, status=InstrumentStatus.DRAFT)
    w["K"] = agreement("K")
    _text(w["K"], InstrumentKind.PKS, None)
    w["L"] = agreement("L", start=D(2025, 7, 1), end=D(2027, 6, 30))
    _text(w["L"], InstrumentKind.PKS, D(2025, 6, 30))
    w["M"] = agreement(
        "M", stage=Stage.COMPLETED, start=D(2022, 7, 1), end=D(2025, 6, 30), closed=D(2025, 6, 30)
    )
    _text(w["M"], InstrumentKind.PKS, D(2022, 7, 1))
    w["O"] = agreement("O", end=D(2026, 8, 31))
    _text(w["O"], InstrumentKind.PKS, D(2025, 9, 1))

    # What the report prints per agreement (A): DPRD approval, benefits realised, a problem, an evaluation.
    Approval.objects.create(
        agreement=w["A"], kind=ApprovalKind.DPRD, submitted_on=D(2022, 10, 1), decided_on=D(2022, 11, 20),
        result=ApprovalResult.APPROVED, letter_number="170/45/DPRD/2022",
    )  # fmt: skip
    Approval.objects.create(
        agreement=w["B"], kind=ApprovalKind.DPRD, submitted_on=D(2025, 1, 15), decided_on=D(2025, 2, 20),
        result=ApprovalResult.APPROVED, letter_number="170/12/DPRD/2025",
    )  # fmt: skip
    Approval.objects.create(
        agreement=w["J"], kind=ApprovalKind.DPRD, submitted_on=D(2025, 9, 1), letter_number="170/88/DPRD/2025"
    )
    revenue = Benefit.objects.create(agreement=w["A"], kind=BenefitKind.LOCAL_REVENUE)
    BenefitRealisation.objects.create(
        benefit=revenue, realised_on=D(2025, 3, 31), amount=Decimal("250000000")
    )
    BenefitRealisation.objects.create(benefit=revenue, realised_on=D(2024, 3, 31), amount=Decimal("999"))
    csr = Benefit.objects.create(agreement=w["A"], kind=BenefitKind.CSR)
    BenefitRealisation.objects.create(benefit=csr, realised_on=D(2025, 8, 1), amount=Decimal("50000000"))
    Challenge.objects.create(
        agreement=w["A"], category=ChallengeCategory.RESOURCES, description="Petugas loket kurang",
        status=ChallengeStatus.IN_PROGRESS, reported_on=D(2025, 2, 1), resolution="Rekrutmen tenaga honorer",
    )  # fmt: skip
    Evaluation.objects.create(
        agreement=w["A"], period_type=PeriodType.YEAR, period_label="2024", evaluated_on=D(2025, 1, 20),
        evaluator_role=EvaluatorRole.TKKSD, score_objectives=4, recommendation=Recommendation.EXPAND,
    )  # fmt: skip
    w["units"] = (first, second)
    return w
