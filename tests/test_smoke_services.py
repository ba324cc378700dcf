import datetime
from decimal import Decimal

import pytest

from agreements import services
from agreements.choices import Category, Stage
from tests.domain.law import verified
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory


@pytest.mark.django_db
def test_agreement_with_parties_and_split_reaches_signing(staff_user):
    # The home government and a partner whose legality is verified (issue 10's preparation gate).
    a, b = HomeGovernmentFactory(), verified(PartnerFactory(), staff_user)
    agreement = services.agreement_create(
        actor=staff_user,
        title="Uji",
        category=Category.KSDPK,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        parties=[{"partner": a, "roles": ["lead"]}, {"partner": b, "roles": ["funder"]}],
    )
    p1, p2 = agreement.parties.all()
    services.risk_create(
        agreement=agreement,
        actor=staff_user,
        category="financial",
        event="Dana",
        likelihood=2,
        impact=3,
        shares=[{"party": p1, "percent": Decimal("60")}, {"party": p2, "percent": Decimal("40")}],
    )
    services.obligation_create(
        agreement=agreement,
        actor=staff_user,
        party=p2,
        title="Laporan",
        frequency="quarterly",
        first_due_date=datetime.date(2026, 3, 31),
    )
    assert agreement.obligations.get().occurrences.count() == 4
    services.tkksd_review_record(
        agreement=agreement, actor=staff_user, review_date=datetime.date(2026, 1, 5), decision="feasible"
    )
    services.benefit_study_create(
        agreement=agreement,
        actor=staff_user,
        study_date=datetime.date(2026, 1, 5),
        recommendation="recommended",
    )
    services.agreement_advance(agreement=agreement, actor=staff_user)
    agreement.refresh_from_db()
    assert agreement.stage == Stage.SIGNING
    assert agreement.history.count() >= 2
