"""The staff agreement list: columns, filters through the page, export, access and query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agreements.choices import Stage
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_list_shows_the_columns(client, staff_user):
    agreement = AgreementFactory(
        title="Pengelolaan Pasar Tanjung",
        estimated_value=Decimal("1250000000.00"),
        stage=Stage.IMPLEMENTATION,
    )
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(short_name="PT Pasar"))
    client.force_login(staff_user)
    page = client.get(reverse("agreements:list")).text
    assert "Pengelolaan Pasar Tanjung" in page
    assert "Rp 1.250.000.000" in page
    assert "31 Desember 2028" in page
    assert "PT Pasar" in page
    assert "Pelaksanaan" in page
    assert str(agreement.lead_unit) in page
    assert reverse("agreements:detail", args=[agreement.pk]) in page
    assert reverse("agreements:create") in page


def test_filter_and_search_through_the_page(client, staff_user):
    AgreementFactory(title="Air Bersih", stage=Stage.SIGNING)
    AgreementFactory(title="Jalan Desa", stage=Stage.PREPARATION)
    client.force_login(staff_user)
    response = client.get(reverse("agreements:list"), {"stage": "signing"})
    assert [a.title for a in response.context["agreements"]] == ["Air Bersih"]
    response = client.get(reverse("agreements:list"), {"q": "jalan"})
    assert [a.title for a in response.context["agreements"]] == ["Jalan Desa"]


def test_bad_filter_value_is_reported_not_a_crash(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("agreements:list"), {"ending_within_days": "abc"})
    assert response.status_code == 200
    assert "Masukkan sebuah bilangan." in response.text


def _list_queries(client, django_assert_num_queries, rows):
    for _ in range(rows):
        AgreementPartyFactory()
    # session, user, groups, OPD choices, partner choices (each twice: by party and lead OPD, and by
    # overdue obligation), count, page, parties, partners, unread notifications (navigation badge)
    with django_assert_num_queries(12):
        assert client.get(reverse("agreements:list")).status_code == 200


def test_list_query_count_does_not_grow(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    _list_queries(client, django_assert_num_queries, 2)
    _list_queries(client, django_assert_num_queries, 30)


def test_export_csv_and_xlsx(client, staff_user):
    agreement = AgreementFactory(title="Air Bersih", number="KS/1", estimated_value=Decimal("1500000.50"))
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(short_name="PDAM"))
    AgreementPartyFactory(agreement=agreement, partner=PartnerFactory(short_name="Desa"))
    AgreementFactory(title="Jalan Desa", stage=Stage.SIGNING)
    client.force_login(staff_user)
    response = client.get(reverse("agreements:export"), {"format": "csv", "stage": "preparation"})
    assert response["Content-Disposition"] == 'attachment; filename="kerja-sama.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["Judul"] == "Air Bersih"
    assert rows[0]["Para pihak"] == "PDAM; Desa"
    assert rows[0]["Perkiraan nilai (Rp)"] == "1500000.50"
    assert rows[0]["Tanggal berakhir"] == "2028-12-31"

    response = client.get(reverse("agreements:export"), {"format": "xlsx"})
    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert values[0][:2] == ("Nomor", "Judul")
    assert {row[1] for row in values[1:]} == {"Air Bersih", "Jalan Desa"}


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_portal_users_get_404(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("agreements:list")).status_code == 404
    assert client.get(reverse("agreements:export")).status_code == 404


def test_manager_reads_without_create_button(client, manager_user):
    AgreementFactory()
    client.force_login(manager_user)
    page = client.get(reverse("agreements:list"))
    assert page.status_code == 200
    assert reverse("agreements:create") not in page.text


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("agreements:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
