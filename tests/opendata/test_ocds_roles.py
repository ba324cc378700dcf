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


@pytest.fixture
def ksdd_release(client, staff_user):
    home = HomeGovernmentFactory()
    region = PartnerFactory(name="Pemerintah Kabupaten Bondowoso", partner_type=PartnerType.REGENCY)
    agreement = AgreementFactory(
        title="KSDD Pengelolaan Sampah Regional", category=Category.KSDD, is_public=True, stage=Stage.SIGNING
    )
    AgreementPartyFactory(agreement=agreement, partner=home, order=1)
    AgreementPartyFactory(agreement=agreement, partner=region, order=2, roles=[PartyRole.FUNDER])
    response = client.get(reverse("public:ocds_release_package", args=[agreement.pk]))
    assert response.status_code == 200
    return response.json()["releases"][0]


def test_the_other_region_in_a_ksdd_is_a_party_to_the_contract(ksdd_release):
    roles = {p["name"]: p["roles"] for p in ksdd_release["parties"]}
    assert roles["Pemerintah Kabupaten Bondowoso"] == ["supplier", "funder"]
    assert roles["Pemerintah Kabupaten Jember"] == ["buyer", "procuringEntity"]
    assert [s["name"] for s in ksdd_release["awards"][0]["suppliers"]] == ["Pemerintah Kabupaten Bondowoso"]


def test_the_counterpart_follows_the_rules_in_force(client, staff_user):
    """A province that is not the category's counterpart under the rules (here a KPBU funder) stays
    procuringEntity; once the rules make provinces a KPBU counterpart it is a party to the contract."""
    from agreements.models import ProcessRules

    home = HomeGovernmentFactory()
    province = PartnerFactory(name="Pemerintah Provinsi Jawa Timur", partner_type=PartnerType.PROVINCE)
    agreement = AgreementFactory(category=Category.KPBU, is_public=True, stage=Stage.SIGNING)
    AgreementPartyFactory(agreement=agreement, partner=home, order=1)
    AgreementPartyFactory(agreement=agreement, partner=province, order=2)
    url = reverse("public:ocds_release_package", args=[agreement.pk])
    roles = {p["name"]: p["roles"] for p in client.get(url).json()["releases"][0]["parties"]}
    assert roles["Pemerintah Provinsi Jawa Timur"] == ["procuringEntity"]
    rules = ProcessRules.current()
    rules.party_types = {**rules.party_types, Category.KPBU.value: ["province"]}
    rules.save()
    roles = {p["name"]: p["roles"] for p in client.get(url).json()["releases"][0]["parties"]}
    assert roles["Pemerintah Provinsi Jawa Timur"] == ["supplier"]


@pytest.mark.parametrize("category", [RiskCategory.NETWORK, RiskCategory.ASSET_OWNERSHIP])
def test_risks_without_a_profile_code_carry_only_their_own_category(client, staff_user, category):
    """Network connectivity is no `otherRevenue` (credit, fraud, non-payment) and asset ownership no
    `earlyTermination` (compensation on early termination): the profile has no code for either, so the
    risk has no `category` and keeps its own in `categoryDetails`."""
    from agreements.opendata.validation import validate_release_package

    home = HomeGovernmentFactory()
    company = PartnerFactory(partner_type=PartnerType.PRIVATE_COMPANY)
    agreement = AgreementFactory(category=Category.KPBU, is_public=True, stage=Stage.SIGNING)
    p_home = AgreementPartyFactory(agreement=agreement, partner=home, order=1)
    p_company = AgreementPartyFactory(agreement=agreement, partner=company, order=2)
    services.risk_create(
        agreement=agreement,
        actor=staff_user,
        category=category,
        event="Jaringan pipa induk belum tersambung",
        likelihood=2,
        impact=4,
        shares=[{"party": p_home, "percent": Decimal("80")}, {"party": p_company, "percent": Decimal("20")}],
    )
    package = client.get(reverse("public:ocds_release_package", args=[agreement.pk])).json()
    risk = package["releases"][0]["contracts"][0]["riskAllocation"][0]
    assert "category" not in risk
    assert risk["categoryDetails"]["code"] == category.value
    assert risk["allocation"] == "publicAuthority"
    assert validate_release_package(package) == []
