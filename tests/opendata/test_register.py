"""The public register shows public agreements' public fields only — never personal data or internal items."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.opendata.conftest import SECRETS

pytestmark = pytest.mark.django_db


def assert_no_secrets(text):
    for secret in SECRETS:
        assert secret not in text, secret


def test_register_lists_public_agreements_without_login(client, open_world):
    response = client.get(reverse("public:register"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "KPBU Sistem Penyediaan Air Minum" in html
    assert "PT Air Bersih Jember" in html
    assert "Perseorangan" in html
    assert_no_secrets(html)


def test_detail_shows_public_fields_and_public_documents_only(client, open_world):
    agreement = open_world["agreement"]
    html = client.get(reverse("public:detail", args=[agreement.pk])).content.decode()
    for expected in (
        "KPBU Sistem Penyediaan Air Minum",
        "Kecamatan Kaliwates",
        "Rp 1.250.000.000",
        "Naskah PKS publik",
    ):
        assert expected in html
    assert reverse("agreements:document_download", args=[open_world["public_doc"].pk]) in html
    assert reverse("agreements:document_download", args=[open_world["internal_doc"].pk]) not in html
    assert_no_secrets(html)


def test_non_public_and_archived_agreements_are_404(client, open_world):
    for key in ("closed", "archived"):
        assert client.get(reverse("public:detail", args=[open_world[key].pk])).status_code == 404
        assert (
            client.get(reverse("public:ocds_release_package", args=[open_world[key].pk])).status_code == 404
        )


def test_anonymous_downloads_public_document_but_not_internal(client, open_world):
    assert (
        client.get(reverse("agreements:document_download", args=[open_world["public_doc"].pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("agreements:document_download", args=[open_world["internal_doc"].pk])).status_code
        == 404
    )


def test_csv_and_json_downloads_hold_no_personal_data(client, open_world):
    csv_text = client.get(reverse("public:download_csv")).content.decode("utf-8-sig")
    assert "KPBU Sistem Penyediaan Air Minum" in csv_text
    assert "Perseorangan" in csv_text
    assert_no_secrets(csv_text)
    response = client.get(reverse("public:download_json"))
    data = response.json()
    assert data["count"] == 1
    assert_no_secrets(json.dumps(data, ensure_ascii=False))


def _xlsx_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _as_csv_text(value):
    """A typed XLSX cell as the CSV writes it (ISO dates, plain decimals, nothing for empty)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, int | float):
        return format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
    return str(value)


def test_xlsx_download_holds_the_csv_rows_typed(client, open_world):
    """The same header and rows as the CSV, with the dates as dates and the value as a number."""
    for _ in range(2):
        AgreementPartyFactory(agreement=AgreementFactory(is_public=True, estimated_value=None))
    xlsx = _xlsx_rows(client.get(reverse("public:download_xlsx")))
    csv_rows = _csv_rows(client.get(reverse("public:download_csv")))
    assert len(xlsx) == len(csv_rows) == 4
    assert [[_as_csv_text(v) for v in row] for row in xlsx] == csv_rows
    header = xlsx[0]
    row = next(r for r in xlsx if r[header.index("Judul")] == "KPBU Sistem Penyediaan Air Minum")
    assert row[header.index("Perkiraan nilai (Rp)")] == 1250000000
    assert row[header.index("Tanggal penandatanganan")] == datetime.datetime(2026, 2, 1)
    assert row[header.index("Para pihak")].endswith("Perseorangan")
    assert_no_secrets(json.dumps(xlsx, default=str, ensure_ascii=False))


def test_xlsx_download_applies_the_filters(client, open_world):
    assert len(_xlsx_rows(client.get(reverse("public:download_xlsx"), {"category": "kpbu"}))) == 2
    assert len(_xlsx_rows(client.get(reverse("public:download_xlsx"), {"category": "ksdd"}))) == 1
    assert len(_xlsx_rows(client.get(reverse("public:download_xlsx"), {"q": "Ahmad Perseorangan"}))) == 1


def test_xlsx_download_query_count_is_constant(client, open_world, django_assert_num_queries):
    url = reverse("public:download_xlsx")
    client.get(url)
    with django_assert_num_queries(2) as small:
        client.get(url)
    for _ in range(5):
        AgreementPartyFactory(agreement=AgreementFactory(is_public=True))
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_register_links_every_download_with_the_filters(client, open_world):
    html = client.get(reverse("public:register"), {"category": "kpbu"}).content.decode()
    for name in ("public:download_csv", "public:download_xlsx", "public:download_json"):
        assert f'{reverse(name)}?category=kpbu"' in html


def test_search_finds_organisations_but_not_individuals(client, open_world):
    by_company = client.get(reverse("public:download_json"), {"q": "Air Bersih"}).json()
    assert by_company["count"] == 1
    by_person = client.get(reverse("public:download_json"), {"q": "Ahmad Perseorangan"}).json()
    assert by_person["count"] == 0


def test_filters_apply_to_downloads(client, open_world):
    assert client.get(reverse("public:download_json"), {"category": "kpbu"}).json()["count"] == 1
    assert client.get(reverse("public:download_json"), {"category": "ksdd"}).json()["count"] == 0


def test_register_filter_form_offers_no_partner_names(client, open_world):
    html = client.get(reverse("public:register")).content.decode()
    assert 'name="partner"' not in html
    assert 'name="has_overdue"' not in html


def test_register_query_count_is_constant(client, open_world, django_assert_num_queries):
    url = reverse("public:register")
    client.get(url)  # warm up (content types, sessions)
    cache.clear()  # rendered from the rows, not from the cache (registry/register_cache.py)
    with django_assert_num_queries(4) as small:
        shown = len(client.get(url).context["rows"])
    for _ in range(5):
        AgreementPartyFactory(agreement=AgreementFactory(is_public=True))
    with django_assert_num_queries(len(small.captured_queries)):  # the writes changed the token
        assert len(client.get(url).context["rows"]) == shown + 5
    with django_assert_num_queries(0):  # the same page again: from the cache, for every visitor
        client.get(url)
