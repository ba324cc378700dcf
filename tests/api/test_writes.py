"""Writes through the API: services' rules as 400 per field, stale versions as 409, gates as reasons."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.choices import OccurrenceStatus

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_create_agreement_goes_through_service(api_as, staff_user, partner, unit):
    body = {
        "title": "Kerja Sama API",
        "category": "ksdpk",
        "lead_unit": unit.pk,
        "parties": [{"partner": partner.pk, "roles": ["implementer"]}],
    }
    response = api_as(staff_user).post(reverse("api:agreement-list"), body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["stage"] == "preparation" and data["version"] == 1
    assert [p["partner"] for p in data["parties"]] == [partner.pk]


def test_model_rule_is_400_per_field_in_indonesian(api_as, staff_user, world):
    url = reverse("api:agreement-detail", args=[world["mine"].pk])
    body = {"start_date": "2027-01-01", "end_date": "2026-01-01", "version": world["mine"].version}
    response = api_as(staff_user).patch(url, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Tanggal berakhir tidak boleh sebelum tanggal mulai."]}


def test_field_shape_error_names_the_field(api_as, staff_user, world):
    url = reverse("api:agreement-detail", args=[world["mine"].pk])
    response = api_as(staff_user).patch(url, {"category": "bogus", "version": 1}, format="json")
    assert response.status_code == 400
    assert "category" in response.json()


def test_update_without_version_is_400(api_as, staff_user, world):
    url = reverse("api:agreement-detail", args=[world["mine"].pk])
    response = api_as(staff_user).patch(url, {"title": "Baru"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_stale_version_is_409_with_current_version(api_as, staff_user, world):
    agreement = world["mine"]
    url = reverse("api:agreement-detail", args=[agreement.pk])
    client = api_as(staff_user)
    first = client.patch(url, {"title": "Judul A", "version": agreement.version}, format="json")
    assert first.status_code == 200
    new_version = first.json()["version"]
    assert new_version == agreement.version + 1
    stale = client.patch(url, {"title": "Judul B", "version": agreement.version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == new_version
    agreement.refresh_from_db()
    assert agreement.title == "Judul A"


def test_advance_refused_by_gate_lists_reasons(api_as, staff_user, unit):
    from tests.agreements.factories import AgreementFactory

    lonely = AgreementFactory(lead_unit=unit)
    response = api_as(staff_user).post(reverse("api:agreement-advance", args=[lonely.pk]), {}, format="json")
    assert response.status_code == 400
    reasons = response.json()["reasons"]
    assert reasons[:2] == [
        "Kerja sama memerlukan sekurang-kurangnya dua pihak.",
        "Pemerintah daerah sendiri belum tercatat sebagai pihak.",
    ]


def test_advance_close_reopen(api_as, staff_user, world):
    from tests.domain.law import verified

    client = api_as(staff_user)
    pk = world["mine"].pk
    # What the law asks before signing: the partner's legality, a feasible TKKSD review, the study.
    verified(world["party"].partner, staff_user)
    services.tkksd_review_record(
        agreement=world["mine"], actor=staff_user, review_date=datetime.date(2026, 1, 5), decision="feasible"
    )
    services.benefit_study_create(
        agreement=world["mine"],
        actor=staff_user,
        study_date=datetime.date(2026, 1, 5),
        recommendation="recommended",
    )
    assert (
        client.post(reverse("api:agreement-advance", args=[pk]), {"note": "ok"}, format="json").json()[
            "stage"
        ]
        == "signing"
    )
    closed = client.post(reverse("api:agreement-close", args=[pk]), {"outcome": "cancelled"}, format="json")
    assert closed.json()["stage"] == "cancelled"
    assert client.post(reverse("api:agreement-reopen", args=[pk]), {}, format="json").status_code == 400
    reopened = client.post(reverse("api:agreement-reopen", args=[pk]), {"note": "keliru"}, format="json")
    assert reopened.json()["stage"] == "signing"


def test_partner_submits_evidence_and_staff_verifies(api_as, partner_user, staff_user, world):
    occurrence = world["occurrence"]
    url = reverse("api:occurrence-submit", args=[occurrence.pk])
    response = api_as(partner_user).post(
        url, {"note": "terlampir", "files": [SimpleUploadedFile("bukti.pdf", PDF)]}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == OccurrenceStatus.SUBMITTED
    assert len(response.json()["documents"]) == 1
    assert (
        api_as(partner_user).post(reverse("api:occurrence-verify", args=[occurrence.pk])).status_code == 403
    )
    verified = api_as(staff_user).post(
        reverse("api:occurrence-verify", args=[occurrence.pk]), {}, format="json"
    )
    assert verified.json()["status"] == OccurrenceStatus.FULFILLED


def test_submit_without_files_is_400(api_as, partner_user, world):
    url = reverse("api:occurrence-submit", args=[world["occurrence"].pk])
    response = api_as(partner_user).post(url, {"note": "x"}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Lampirkan setidaknya satu berkas bukti."]}


def test_submit_outside_scope_is_404(api_as, partner_user, world):
    url = reverse("api:occurrence-submit", args=[world["internal_occurrence"].pk])
    assert api_as(partner_user).post(url, {"note": "x"}, format="multipart").status_code == 404


def test_schema_and_docs_served_locally(client):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200
    docs = client.get(reverse("api:swagger-ui")).content.decode()
    assert "drf_spectacular_sidecar" in docs and "cdn" not in docs.lower()
    redoc = client.get(reverse("api:redoc")).content.decode()
    assert "drf_spectacular_sidecar" in redoc and "cdn" not in redoc.lower()


def test_schema_validates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_profile_page_includes_token_panel(client, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("api:me-token-panel") in html
