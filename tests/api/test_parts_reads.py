"""Lists of an agreement's parts: scoped like the agreement page, paginated, and answered in a constant
number of queries whatever the number of rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.models import (
    BenefitRealisation,
    BenefitShare,
    Contribution,
    Instrument,
    InstrumentNumber,
    RiskShare,
)
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db


def list_url(agreement, segment):
    return reverse(f"api:agreement-{segment}-list", args=[agreement.pk])


def ids(response):
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def agreement_with_parties():
    agreement = AgreementFactory()
    parties = [AgreementPartyFactory(agreement=agreement, order=i) for i in (1, 2)]
    return agreement, parties


def _parties(agreement, parties, n):
    start = agreement.parties.count() + 1
    for order in range(start, start + n):
        AgreementPartyFactory(agreement=agreement, order=order)


def _instruments(agreement, parties, n):
    for i in range(n):
        instrument = Instrument.objects.create(agreement=agreement, kind="mou", title=f"MoU {i}")
        for party in parties:
            InstrumentNumber.objects.create(instrument=instrument, party=party, number=f"{i}/{party.order}")


def _obligations(agreement, parties, n):
    for _ in range(n):
        ObligationFactory(agreement=agreement, party=parties[0])


def _risks(agreement, parties, n):
    for _ in range(n):
        risk = RiskFactory(agreement=agreement)
        for party in parties:
            RiskShare.objects.create(risk=risk, party=party, percent=Decimal(50))


def _benefits(agreement, parties, n):
    for _ in range(n):
        benefit = agreement.benefits.create(kind="profit_share")
        for party in parties:
            BenefitShare.objects.create(benefit=benefit, party=party, percent=Decimal(50))
        BenefitRealisation.objects.create(benefit=benefit, party=parties[0], realised_on="2026-11-22")


def _contributions(agreement, parties, n):
    for party in (parties * n)[:n]:
        Contribution.objects.create(agreement=agreement, party=party, kind="funds")


# segment → (make n rows, queries for a staff token request)
LISTS = {
    "parties": (_parties, 5),
    "instruments": (_instruments, 6),
    "obligations": (_obligations, 5),
    "risks": (_risks, 6),
    "benefits": (_benefits, 7),
    "contributions": (_contributions, 5),
}


@pytest.mark.parametrize("segment", sorted(LISTS))
def test_part_list_query_count_constant(
    segment, agreement_with_parties, api_as, staff_user, django_assert_num_queries
):
    make, expected = LISTS[segment]
    agreement, parties = agreement_with_parties
    client = api_as(staff_user)
    make(agreement, parties, 2)
    client.get(list_url(agreement, segment))  # warm-up: the token row exists
    with django_assert_num_queries(expected):
        small = client.get(list_url(agreement, segment))
    make(agreement, parties, 15)
    with django_assert_num_queries(expected):
        large = client.get(list_url(agreement, segment))
    assert small.status_code == large.status_code == 200
    assert large.json()["count"] > small.json()["count"] >= 2


@pytest.mark.parametrize("segment", sorted(LISTS))
def test_part_lists_are_paginated(segment, agreement_with_parties, api_as, staff_user):
    make, _expected = LISTS[segment]
    agreement, parties = agreement_with_parties
    make(agreement, parties, 3)
    data = api_as(staff_user).get(list_url(agreement, segment), {"page_size": 2}).json()
    assert data["count"] >= 3 and len(data["results"]) == 2 and data["next"]
    assert {row["agreement_version"] for row in data["results"]} == {agreement.version}


def test_partner_list_shows_only_shared_items_of_its_agreement(world, api_as, partner_user):
    client = api_as(partner_user)
    mine = world["mine"]
    assert ids(client.get(list_url(mine, "obligations"))) == [world["shared"].pk]
    assert [row["order"] for row in client.get(list_url(mine, "parties")).json()["results"]] == [1, 2]
    hidden = RiskFactory(agreement=mine, shared_with_parties=False)
    shown = RiskFactory(agreement=mine)
    assert ids(client.get(list_url(mine, "risks"))) == [shown.pk]
    assert client.get(reverse("api:agreement-risks-detail", args=[mine.pk, hidden.pk])).status_code == 404


def test_staff_list_shows_internal_items(world, api_as, staff_user):
    response = api_as(staff_user).get(list_url(world["mine"], "obligations"))
    assert set(ids(response)) == {world["shared"].pk, world["internal"].pk}


@pytest.mark.parametrize("segment", sorted(LISTS))
def test_lists_outside_scope_are_404(segment, world, api_as, partner_user, opd_user):
    for user in (partner_user, opd_user):
        assert api_as(user).get(list_url(world["other"], segment)).status_code == 404


def test_unknown_or_malformed_agreement_id_is_404(api_as, staff_user):
    client = api_as(staff_user)
    assert client.get(reverse("api:agreement-risks-list", args=[987654])).status_code == 404
    assert client.get("/api/v1/agreements/abc/risks/").status_code == 404


def test_opd_officer_reads_parts_of_its_units_agreement(world, api_as, opd_user):
    response = api_as(opd_user).get(list_url(world["mine"], "obligations"))
    assert response.status_code == 200
    assert set(ids(response)) == {world["shared"].pk, world["internal"].pk}
