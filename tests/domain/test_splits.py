"""The split rule: a non-empty set of shares is accepted iff each is in [0, 100] and they total 100."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from agreements import services
from agreements.models import BenefitShare, Risk, RiskShare
from agreements.splits import percent_split_problems, split_is_valid
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory

percent = st.decimals(min_value=Decimal("-50"), max_value=Decimal("150"), places=2, allow_nan=False)


@given(st.lists(percent, min_size=1, max_size=6))
def test_split_accepted_iff_each_in_range_and_total_100(shares):
    expected = all(Decimal(0) <= s <= Decimal(100) for s in shares) and sum(shares) == Decimal(100)
    assert split_is_valid(shares) is expected


@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6).filter(
        lambda xs: sum(xs) > 0
    )
)
def test_any_valid_split_scaled_to_100_is_accepted(weights):
    # Build shares that total exactly 100.00 in cents, the last one absorbing the remainder.
    cents = [w * 10_000 // sum(weights) for w in weights]
    cents[-1] += 10_000 - sum(cents)
    assert split_is_valid([Decimal(c) / 100 for c in cents])


def test_empty_split_is_allowed_and_messages_name_the_total():
    assert split_is_valid([])
    assert percent_split_problems([Decimal("50"), Decimal("40")]) == ["Jumlah porsi 90 %, harus tepat 100 %."]
    assert "bukan angka" in percent_split_problems(["abc"])[0]


@pytest.mark.django_db
def test_risk_with_incomplete_split_leaves_nothing_behind(staff_user):
    agreement = AgreementFactory()
    p1 = AgreementPartyFactory(agreement=agreement, order=1)
    p2 = AgreementPartyFactory(agreement=agreement, order=2)
    version = agreement.version
    with pytest.raises(ValidationError) as refused:
        services.risk_create(
            agreement=agreement,
            actor=staff_user,
            category="financial",
            event="Gagal bayar",
            likelihood=2,
            impact=4,
            shares=[{"party": p1, "percent": Decimal("50")}, {"party": p2, "percent": Decimal("40")}],
        )
    assert "Jumlah porsi 90 %" in str(refused.value)
    assert not Risk.objects.exists() and not RiskShare.objects.exists()
    agreement.refresh_from_db()
    assert agreement.version == version


@pytest.mark.django_db
def test_benefit_is_split_by_percent_or_amount_not_both(staff_user):
    agreement = AgreementFactory()
    p1 = AgreementPartyFactory(agreement=agreement, order=1)
    p2 = AgreementPartyFactory(agreement=agreement, order=2)
    with pytest.raises(ValidationError, match="persen saja"):
        services.benefit_create(
            agreement=agreement,
            actor=staff_user,
            kind="profit_share",
            split_method="percent",
            shares=[{"party": p1, "percent": Decimal("60")}, {"party": p2, "amount": Decimal("1000")}],
        )
    benefit = services.benefit_create(
        agreement=agreement,
        actor=staff_user,
        kind="fixed_contribution",
        split_method="amount",
        shares=[{"party": p1, "amount": Decimal("250000000")}, {"party": p2, "amount": Decimal("0")}],
    )
    assert [s.amount for s in benefit.shares.order_by("party__order")] == [Decimal("250000000"), Decimal("0")]
    assert BenefitShare.objects.count() == 2


@pytest.mark.django_db
def test_share_for_a_party_of_another_agreement_is_refused(staff_user):
    agreement = AgreementFactory()
    outsider = AgreementPartyFactory()
    with pytest.raises(ValidationError, match="pihak dalam kerja sama ini"):
        services.risk_create(
            agreement=agreement,
            actor=staff_user,
            category="legal",
            event="Sengketa",
            likelihood=1,
            impact=1,
            shares=[{"party": outsider, "percent": Decimal("100")}],
        )
    assert not Risk.objects.exists()
