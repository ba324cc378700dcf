"""Partner pages: list with filters and export, detail, create and edit, archive and restore, contacts."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registry.choices import PartnerType, Sector, VerificationStatus
from registry.models import Contact, Partner
from tests.agreements.factories import AgreementPartyFactory
from tests.registry.factories import ContactFactory, MembershipFactory, PartnerFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Universitas Jember",
    "short_name": "UNEJ",
    "sector": Sector.ACADEMIC,
    "partner_type": PartnerType.UNIVERSITY,
    "nib": "",
    "npwp": "01.234.567.8-626.000",
    "region_code": "",
    "other_identifier": "",
    "country": "Indonesia",
    "address": "Jl. Kalimantan 37",
    "email": "humas@unej.example",
    "phone": "",
    "website": "",
    "head_name": "",
    "head_title": "",
    "verification_status": VerificationStatus.VERIFIED,
    "is_active": "on",
}


def _names(response):
    return [p.name for p in response.context["partners"]]


def test_list_filters_and_search(client, staff_user):
    PartnerFactory(name="PT Alpha", sector=Sector.PRIVATE, nib="912000111")
    PartnerFactory(name="Universitas Beta", sector=Sector.ACADEMIC, partner_type=PartnerType.UNIVERSITY)
    PartnerFactory(
        name="Yayasan Gamma", sector=Sector.SOCIAL, verification_status=VerificationStatus.VERIFIED
    )
    PartnerFactory(name="PT Delta", is_active=False)
    PartnerFactory(name="PT Arsip", archived_at="2026-01-01T00:00:00Z", is_active=False)
    client.force_login(staff_user)
    url = reverse("registry:partner_list")
    assert _names(client.get(url)) == ["PT Alpha", "PT Delta", "Universitas Beta", "Yayasan Gamma"]
    assert _names(client.get(url, {"sector": "academic"})) == ["Universitas Beta"]
    assert _names(client.get(url, {"partner_type": "university"})) == ["Universitas Beta"]
    assert _names(client.get(url, {"verification_status": "verified"})) == ["Yayasan Gamma"]
    assert _names(client.get(url, {"is_active": "false"})) == ["PT Delta"]
    assert _names(client.get(url, {"archived": "true"})) == ["PT Arsip"]
    assert _names(client.get(url, {"q": "9120001"})) == ["PT Alpha"]
    assert _names(client.get(url, {"q": "beta"})) == ["Universitas Beta"]
    assert _names(client.get(url, {"ordering": "-name"}))[0] == "Yayasan Gamma"


def test_list_paginates_by_25(client, staff_user):
    PartnerFactory.create_batch(30)
    client.force_login(staff_user)
    first = client.get(reverse("registry:partner_list"))
    second = client.get(reverse("registry:partner_list"), {"page": 2})
    assert len(first.context["partners"]) == 25
    assert len(second.context["partners"]) == 5
    assert not set(_names(first)) & set(_names(second))


def _partner_list_queries(client, django_assert_num_queries, rows):
    PartnerFactory.create_batch(rows)
    with django_assert_num_queries(6):  # session, user, groups, count, page, unread notifications
        assert client.get(reverse("registry:partner_list")).status_code == 200


def test_list_query_count_does_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    _partner_list_queries(client, django_assert_num_queries, 2)
    _partner_list_queries(client, django_assert_num_queries, 30)


def test_export_csv_and_xlsx_follow_the_filters(client, staff_user):
    PartnerFactory(name="=HYPERLINK(1)", sector=Sector.PRIVATE)
    PartnerFactory(name="Universitas Beta", sector=Sector.ACADEMIC, npwp="01.2")
    client.force_login(staff_user)
    response = client.get(reverse("registry:partner_export"), {"format": "csv", "sector": "private"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Nama resmi", "Nama singkat"]
    assert len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(1)"  # never run as a formula
    assert rows[1][2] == "Swasta"

    response = client.get(reverse("registry:partner_export"), {"format": "xlsx", "sector": "academic"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Nama resmi"
    assert values[1][0] == "Universitas Beta"
    assert values[1][5] == "01.2"
    assert len(values) == 2


def test_detail_shows_contacts_members_and_agreements(client, staff_user, django_assert_num_queries):
    partner = PartnerFactory(name="PT Detail")
    ContactFactory(partner=partner, name="Budi Santoso")
    MembershipFactory(partner=partner, user__username="budi_portal")
    party = AgreementPartyFactory(partner=partner, agreement__title="Pengelolaan Pasar")
    client.force_login(staff_user)
    response = client.get(reverse("registry:partner_detail", args=[partner.pk]))
    assert "Budi Santoso" in response.text
    assert "budi_portal" in response.text
    assert "Pengelolaan Pasar" in response.text
    assert party.agreement.get_stage_display() in response.text


def _detail_queries(client, partner, django_assert_num_queries, extra):
    for _ in range(extra):
        ContactFactory(partner=partner)
        AgreementPartyFactory(partner=partner)
        MembershipFactory(partner=partner)
    # session, user, groups, partner, contacts, memberships, legality checks, agreements, unread
    # notifications
    with django_assert_num_queries(9):
        client.get(reverse("registry:partner_detail", args=[partner.pk]))


def test_detail_query_count_does_not_grow(client, staff_user, django_assert_num_queries):
    partner = PartnerFactory()
    client.force_login(staff_user)
    _detail_queries(client, partner, django_assert_num_queries, 1)
    _detail_queries(client, partner, django_assert_num_queries, 10)


def test_create_partner(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("registry:partner_create"), VALID)
    partner = Partner.objects.get(name="Universitas Jember")
    assert response.url == reverse("registry:partner_detail", args=[partner.pk])
    assert partner.history.first().history_user == staff_user


def test_create_with_bad_input_shows_indonesian_errors_keeps_input_and_creates_nothing(client, staff_user):
    PartnerFactory(npwp="01.234.567.8-626.000")
    client.force_login(staff_user)
    data = {**VALID, "partner_type": "", "email": "bukan-email"}
    response = client.post(reverse("registry:partner_create"), data)
    assert response.status_code == 400  # refused, like every form page
    form = response.context["form"]
    assert form.errors["partner_type"] == ["Bidang ini harus diisi."]
    assert form.errors["npwp"] == ["Mitra dengan NPWP ini sudah terdaftar."]
    assert form.errors["email"] == ["Masukkan alamat email dengan format yang benar."]
    assert 'id="id_npwp_error"' in response.text
    assert 'value="Universitas Jember"' in response.text  # nothing typed is lost
    assert "Jl. Kalimantan 37" in response.text
    assert not Partner.objects.filter(name="Universitas Jember").exists()


def test_edit_partner(client, staff_user):
    partner = PartnerFactory(name="PT Lama")
    client.force_login(staff_user)
    response = client.post(reverse("registry:partner_edit", args=[partner.pk]), {**VALID, "name": "PT Baru"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "PT Baru"


def test_archive_and_restore(client, staff_user):
    partner = PartnerFactory()
    client.force_login(staff_user)
    assert client.get(reverse("registry:partner_archive", args=[partner.pk])).status_code == 405
    client.post(reverse("registry:partner_archive", args=[partner.pk]))
    partner.refresh_from_db()
    assert partner.archived_at is not None and not partner.is_active
    assert partner not in client.get(reverse("registry:partner_list")).context["partners"]
    client.post(reverse("registry:partner_restore", args=[partner.pk]))
    partner.refresh_from_db()
    assert partner.archived_at is None and partner.is_active
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_contact_add_and_edit(client, staff_user):
    partner = PartnerFactory()
    client.force_login(staff_user)
    data = {"name": "Siti Aminah", "title": "Sekretaris", "email": "siti@example.test", "phone": "0812"}
    response = client.post(reverse("registry:contact_create", args=[partner.pk]), data)
    assert response.url == reverse("registry:partner_detail", args=[partner.pk])
    contact = Contact.objects.get(partner=partner)
    client.post(reverse("registry:contact_edit", args=[contact.pk]), {**data, "title": "Direktur"})
    contact.refresh_from_db()
    assert contact.title == "Direktur"
    response = client.post(reverse("registry:contact_create", args=[partner.pk]), {"name": ""})
    assert response.context["form"].errors["name"] == ["Bidang ini harus diisi."]
