"""The structured fields the reports need (issue 10, item 6): government affairs from UU 23/2014,
funding sources per year with their APBD line (from which "not yet budgeted" is derived), the axes of
the form of cooperation and the KPBU's own stages — saved by the editor and the API through
agreement_save, and shown on the agreement page."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from agreements import services
from agreements.choices import Category, Form
from agreements.models import AgreementAction, FundingSource
from agreements.models.structure import Arrangement, FundingSourceKind, is_budgeted, unbudgeted_years
from agreements.services.editing import ChangesRefused
from registry.choices import GovernmentAffairKind
from registry.models import CooperationObject, GovernmentAffair
from tests.agreements.editor_data import BASIC_FIELDS, editor_data
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.api.conftest import client_for
from tests.registry.factories import HomeGovernmentFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def _affair(code):
    return GovernmentAffair.objects.get(code=code)


def test_the_uu_23_2014_list_is_seeded_in_its_three_groups():
    counts = {
        kind: GovernmentAffair.objects.filter(kind=kind).count() for kind in GovernmentAffairKind.values
    }
    assert counts == {
        GovernmentAffairKind.BASIC_SERVICE: 6,
        GovernmentAffairKind.NON_BASIC_SERVICE: 18,
        GovernmentAffairKind.ELECTIVE: 8,
    }
    assert _affair("pupr").name == "Pekerjaan umum dan penataan ruang"
    assert list(GovernmentAffair.objects.values_list("code", flat=True)[:2]) == ["pendidikan", "kesehatan"]


def test_an_agreement_and_a_cooperation_object_have_many_affairs(staff_user):
    cooperation_object = services_registry().cooperation_object_create(
        actor=staff_user, name="Kawasan wisata Papuma", government_affair="Pariwisata"
    )
    assert list(cooperation_object.government_affairs.values_list("code", flat=True)) == ["pariwisata"]
    agreement = services.agreement_create(
        actor=staff_user,
        title="Pengembangan wisata dan UMKM",
        category=Category.KSDPK,
        government_affairs=[_affair("pariwisata"), _affair("kukm")],
    )
    assert set(agreement.government_affairs.values_list("code", flat=True)) == {"pariwisata", "kukm"}
    version = agreement.version
    services.agreement_update(
        agreement=agreement,
        actor=staff_user,
        expected_version=version,
        government_affairs=[_affair("pariwisata")],
    )
    assert list(agreement.government_affairs.values_list("code", flat=True)) == ["pariwisata"]
    assert agreement.version == version + 1
    assert AgreementAction.objects.filter(agreement=agreement).latest("at").summary == {
        "government_affairs": True
    }
    # The same list again changes nothing: no version, no action.
    services.agreement_update(
        agreement=agreement, actor=staff_user, government_affairs=[_affair("pariwisata")]
    )
    assert agreement.version == version + 1


def services_registry():
    from registry import services as registry_services

    return registry_services


def test_the_axes_refuse_combinations_that_do_not_exist(staff_user):
    with pytest.raises(ChangesRefused) as refused:
        services.agreement_create(
            actor=staff_user,
            title="Sewa lahan pasar",
            category=Category.KSDPK,
            arrangement=Arrangement.INVESTMENT,
            asset_utilisation="lease",
            kpbu_stage="obc",
        )
    errors = refused.value.message_dict
    assert errors["asset_utilisation"] == [
        "Bentuk pemanfaatan BMD hanya untuk pengaturan pemanfaatan aset / BMD."
    ]
    assert errors["kpbu_stage"] == ["Hanya untuk kerja sama berkategori KPBU."]
    agreement = services.agreement_create(
        actor=staff_user,
        title="KPBU SPAM",
        category=Category.KPBU,
        arrangement=Arrangement.ASSET_UTILISATION,
        asset_utilisation="kspi",
        kpbu_stage="fbc",
        kpbu_initiation="unsolicited",
        project_phase="pre_construction",
        depth="strategic",
        formality="formal",
    )
    assert (agreement.asset_utilisation, agreement.kpbu_stage, agreement.project_phase) == (
        "kspi",
        "fbc",
        "pre_construction",
    )


def test_a_year_is_budgeted_only_when_every_apbd_row_names_its_budget_line(staff_user):
    agreement = AgreementFactory()
    services.funding_source_create(
        agreement=agreement,
        actor=staff_user,
        kind=FundingSourceKind.APBD,
        year=2026,
        amount=Decimal("100000000"),
        budget_line="5.1.02.01.01.0026",
    )
    services.funding_source_create(
        agreement=agreement,
        actor=staff_user,
        kind=FundingSourceKind.APBD,
        year=2027,
        amount=Decimal("150000000"),
    )
    services.funding_source_create(
        agreement=agreement,
        actor=staff_user,
        kind=FundingSourceKind.PARTNER,
        year=2028,
        amount=Decimal("900000000"),
    )
    assert is_budgeted(agreement, 2026) is True
    assert is_budgeted(agreement, 2027) is False  # the region pays and no APBD line holds it
    assert is_budgeted(agreement, 2028) is True  # only the partner's money
    assert is_budgeted(agreement, 2030) is True  # nothing to budget
    assert unbudgeted_years(agreement) == [2027]
    row = agreement.funding_sources.get(year=2027)
    services.funding_source_update(funding_source=row, actor=staff_user, budget_line="5.1.02.01.01.0027")
    assert is_budgeted(agreement, 2027) is True


def test_funding_rows_are_checked_like_every_row(staff_user):
    agreement = AgreementFactory()
    with pytest.raises(Exception) as refused:
        services.funding_source_create(
            agreement=agreement,
            actor=staff_user,
            kind=FundingSourceKind.APBN,
            year=1990,
            amount=Decimal("-1"),
        )
    errors = refused.value.message_dict
    assert set(errors) >= {"year", "amount"}
    assert not FundingSource.objects.exists()


def test_the_editor_saves_the_axes_affairs_and_funding_rows_in_one_submission(client, staff_user):
    home, company = HomeGovernmentFactory(), PartnerFactory(name="PT Sampah Bersih")
    client.force_login(staff_user)
    data = editor_data(
        {**BASIC_FIELDS, "arrangement": "contract_services", "depth": "operational", "formality": "formal"},
        parties=[{"partner": home.pk, "roles": ["lead"]}, {"partner": company.pk, "roles": ["implementer"]}],
        funding_sources=[
            {"kind": "apbd", "year": 2026, "amount": "125000000", "budget_line": "5.1.02.99"},
            {"kind": "apbd", "year": 2027, "amount": "125000000"},
        ],
    )
    data["government_affairs"] = [str(_affair("lingkungan_hidup").pk)]
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = AgreementAction.objects.get().agreement
    assert (agreement.arrangement, agreement.depth, agreement.formality) == (
        "contract_services",
        "operational",
        "formal",
    )
    assert list(agreement.government_affairs.values_list("code", flat=True)) == ["lingkungan_hidup"]
    assert [(f.year, f.budget_line) for f in agreement.funding_sources.all()] == [
        (2026, "5.1.02.99"),
        (2027, ""),
    ]
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Lingkungan hidup" in page
    assert "belum teranggarkan" in page and "5.1.02.99" in page
    assert "Kontrak jasa" in page
    edit = client.get(reverse("agreements:edit", args=[agreement.pk])).content.decode()
    assert 'name="funding_sources-1-year" value="2027"' in edit


def test_the_api_reads_and_writes_funding_sources_as_a_part_of_the_agreement(
    staff_user, partner_user, partner
):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, partner=partner, order=1)
    api = client_for(staff_user)
    url = reverse("api:agreement-funding-sources-list", args=[agreement.pk])
    created = api.post(
        url,
        {"version": agreement.version, "kind": "apbd", "year": 2026, "amount": "50000000.00"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["agreement_version"] == agreement.version + 1 and body["budget_line"] == ""
    stale = api.patch(
        reverse("api:agreement-funding-sources-detail", args=[agreement.pk, body["id"]]),
        {"version": agreement.version, "budget_line": "5.1"},
        format="json",
    )
    assert stale.status_code == 409
    changed = api.patch(
        reverse("api:agreement-funding-sources-detail", args=[agreement.pk, body["id"]]),
        {"version": body["agreement_version"], "budget_line": "5.1.02"},
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["budget_line"] == "5.1.02"
    detail = api.get(reverse("api:agreement-detail", args=[agreement.pk])).json()
    assert [f["budget_line"] for f in detail["funding_sources"]] == ["5.1.02"]
    assert "government_affairs" in detail and "arrangement" in detail
    # Funding is internal planning data: a partner of the agreement does not read it.
    as_partner = client_for(partner_user)
    listing = as_partner.get(url).json()
    assert (listing["results"] if isinstance(listing, dict) else listing) == []
    assert (
        as_partner.get(reverse("api:agreement-detail", args=[agreement.pk])).json()["funding_sources"] == []
    )
    removed = api.delete(
        reverse("api:agreement-funding-sources-detail", args=[agreement.pk, body["id"]])
        + f"?version={changed.json()['agreement_version']}"
    )
    assert removed.status_code == 200
    assert not FundingSource.objects.exists()


def test_existing_agreements_get_the_axes_their_form_named_and_their_objects_affairs(staff_user):
    cooperation_object = CooperationObject.objects.create(name="Sumber air baku")
    cooperation_object.government_affairs.add(_affair("pupr"))
    mixed = AgreementFactory(form=Form.PUBLIC_PRIVATE, cooperation_object=cooperation_object)
    asset = AgreementFactory(form=Form.ASSET_UTILISATION)
    strategic = AgreementFactory(form=Form.STRATEGIC)
    import_module("agreements.migrations.0011_structured_fields_from_existing").forward(apps, None)
    for agreement in (mixed, asset, strategic):
        agreement.refresh_from_db()
    assert mixed.sector_mix == "public_private" and list(
        mixed.government_affairs.values_list("code", flat=True)
    ) == ["pupr"]
    assert asset.arrangement == Arrangement.ASSET_UTILISATION
    assert strategic.depth == "strategic"
