"""The public register shows public agreements' public fields only — never personal data or internal items."""

import json

import pytest
from django.urls import reverse

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
    from tests.agreements.factories import AgreementFactory, AgreementPartyFactory

    url = reverse("public:register")
    client.get(url)  # warm up (content types, sessions)
    with django_assert_num_queries(4) as small:
        client.get(url)
    for _ in range(5):
        AgreementPartyFactory(agreement=AgreementFactory(is_public=True))
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
