"""The OCDS public side comes from a party's place in the agreement, not from its sector (decision
0053): a BUMD is public by sector, yet in a KPBU it is the business entity — privateParty."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements import services
from agreements.choices import Category, PartyRole, RiskCategory, Stage
from registry.choices import PartnerType, Sector
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(client, staff_user):
    home = HomeGovernmentFactory()
    bumd = PartnerFactory(name="Perumda Air Minum Tirta Pandalungan", partner_type=PartnerType.BUMD)
    province = PartnerFactory(name="Pemerintah Provinsi Jawa Timur", partner_type=PartnerType.PROVINCE)
    assert bumd.sector == Sector.PUBLIC  # its sector is public …
    agreement = AgreementFactory(
        title="KPBU SPAM dengan BUMD",
        category=Category.KPBU,
        is_public=True,
        stage=Stage.IMPLEMENTATION,
        signed_date=datetime.date(2026, 2, 1),
    )
    p_home = AgreementPartyFactory(agreement=agreement, partner=home, order=1)
    p_bumd = AgreementPartyFactory(agreement=agreement, partner=bumd, order=2)
    AgreementPartyFactory(agreement=agreement, partner=province, order=3, roles=[PartyRole.FUNDER])
    services.risk_create(
        agreement=agreement,
        actor=staff_user,
        category=RiskCategory.DEMAND,
        event="Permintaan air rendah",
        likelihood=3,
        impact=3,
        shares=[{"party": p_home, "percent": Decimal("30")}, {"party": p_bumd, "percent": Decimal("70")}],
    )
    response = client.get(reverse("public:ocds_release_package", args=[agreement.pk]))
    assert response.status_code == 200
    return response.json()["releases"][0]


def test_the_bumd_in_a_kpbu_is_the_private_party(release):
    roles = {p["name"]: p["roles"] for p in release["parties"]}
    # … but in the KPBU it is the business entity.
    assert roles["Perumda Air Minum Tirta Pandalungan"] == ["privateParty"]
    assert roles["Pemerintah Kabupaten Jember"] == ["buyer", "procuringEntity"]
    assert roles["Pemerintah Provinsi Jawa Timur"] == ["procuringEntity", "funder"]
    suppliers = [s["name"] for s in release["awards"][0]["suppliers"]]
    assert suppliers == ["Perumda Air Minum Tirta Pandalungan"]
    assert release["buyer"]["name"] == "Pemerintah Kabupaten Jember"


def test_a_risk_the_bumd_bears_is_allocated_to_the_private_party(release):
    risk = release["contracts"][0]["riskAllocation"][0]
    assert risk["allocation"] == "privateParty"
