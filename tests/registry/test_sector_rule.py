"""A partner's sector follows from its type by one table (decision 0053): derived by the registry
services, from the form, the API and the import alike, and held by a database constraint."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from registry import services
from registry.choices import (
    BUSINESS_ENTITY_TYPES,
    GOVERNMENT_TYPES,
    SECTOR_BY_TYPE,
    PartnerType,
    Sector,
    sector_for,
)
from registry.models import Partner
from tests.api.conftest import client_for
from tests.registry.test_partner_pages import VALID

pytestmark = pytest.mark.django_db


def test_the_table_gives_every_type_one_sector():
    assert set(SECTOR_BY_TYPE) == set(PartnerType.values)
    assert set(SECTOR_BY_TYPE.values()) <= set(Sector.values)
    # The state's own enterprises are public; a cooperative is a business, not civil society.
    assert sector_for(PartnerType.BUMN) == sector_for(PartnerType.BUMD) == Sector.PUBLIC
    assert sector_for(PartnerType.COOPERATIVE) == Sector.PRIVATE
    assert sector_for(PartnerType.INDIVIDUAL) == Sector.SOCIAL
    # Where the law speaks of a Badan Usaha, BUMN, BUMD and cooperatives count as business entities.
    assert {PartnerType.BUMN, PartnerType.BUMD, PartnerType.COOPERATIVE, PartnerType.PRIVATE_COMPANY} == set(
        BUSINESS_ENTITY_TYPES
    )
    assert not GOVERNMENT_TYPES & BUSINESS_ENTITY_TYPES


def test_the_service_derives_the_sector_and_ignores_a_contradicting_one(staff_user):
    partner = services.partner_create(
        actor=staff_user,
        name="Koperasi Tani Makmur",
        partner_type=PartnerType.COOPERATIVE,
        sector=Sector.SOCIAL,
    )
    assert partner.sector == Sector.PRIVATE
    services.partner_update(partner=partner, actor=staff_user, partner_type=PartnerType.BUMD)
    partner.refresh_from_db()
    assert (partner.partner_type, partner.sector) == (PartnerType.BUMD, Sector.PUBLIC)
    services.partner_update(partner=partner, actor=staff_user, sector=Sector.FOREIGN)
    partner.refresh_from_db()
    assert partner.sector == Sector.PUBLIC


def test_the_database_refuses_a_sector_that_disagrees_with_the_type():
    wrong = Partner(name="PT Keliru", partner_type=PartnerType.BUMN, sector=Sector.PRIVATE)
    with pytest.raises(ValidationError) as refused:
        wrong.validate_constraints()
    assert "Sektor mitra tidak sesuai dengan jenisnya." in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(name="PT Keliru", partner_type=PartnerType.BUMN, sector=Sector.PRIVATE)


def test_the_partner_form_has_no_sector_and_saves_the_types_sector(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("registry:partner_create"))
    assert "sector" not in page.context["form"].fields
    data = {**VALID, "name": "Perumda Air Minum Tirta", "npwp": "", "partner_type": PartnerType.BUMD}
    response = client.post(reverse("registry:partner_create"), {**data, "sector": Sector.PRIVATE})
    assert response.status_code == 302, response.content
    assert Partner.objects.get(name="Perumda Air Minum Tirta").sector == Sector.PUBLIC


def test_the_api_shows_the_sector_and_never_takes_it(staff_user):
    api = client_for(staff_user)
    response = api.post(
        reverse("api:partner-list"),
        {"name": "Koperasi Susu", "partner_type": PartnerType.COOPERATIVE, "sector": Sector.SOCIAL},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["sector"] == Sector.PRIVATE
    partner = Partner.objects.get(name="Koperasi Susu")
    response = api.patch(
        reverse("api:partner-detail", args=[partner.pk]), {"partner_type": PartnerType.BUMN}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["sector"] == Sector.PUBLIC


def test_the_data_migration_corrects_rows_that_disagreed():
    """Rows from before the rule: a BUMN and a BUMD labelled Swasta, a cooperative Sosial."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE registry_partner DROP CONSTRAINT partner_sector_follows_type")
    rows = {
        PartnerType.BUMN: Sector.PRIVATE,
        PartnerType.BUMD: Sector.PRIVATE,
        PartnerType.COOPERATIVE: Sector.SOCIAL,
        PartnerType.UNIVERSITY: Sector.ACADEMIC,
    }
    for partner_type, sector in rows.items():
        Partner.objects.create(name=f"Lama {partner_type}", partner_type=partner_type, sector=sector)
    import_module("registry.migrations.0004_partner_sector_from_type").sector_from_type(apps, None)
    found = dict(Partner.objects.filter(name__startswith="Lama ").values_list("partner_type", "sector"))
    assert found == {
        PartnerType.BUMN: Sector.PUBLIC,
        PartnerType.BUMD: Sector.PUBLIC,
        PartnerType.COOPERATIVE: Sector.PRIVATE,
        PartnerType.UNIVERSITY: Sector.ACADEMIC,
    }
