"""Indicators, challenges and evaluations are changed through the API with the agreement's version,
like the agreement's other parts; creation stays as it was (no version needed)."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from evaluations import services

pytestmark = pytest.mark.django_db


def version_of(agreement):
    return Agreement.objects.values_list("version", flat=True).get(pk=agreement.pk)


@pytest.fixture
def indicator(world, staff_user):
    return services.indicator_create(
        agreement=world["mine"], actor=staff_user, name="Sambungan air", unit="SR", target=100
    )


def test_create_without_version_still_works(api_as, staff_user, world):
    body = {"agreement": world["mine"].pk, "name": "Jalan", "unit": "km", "target": "12"}
    response = api_as(staff_user).post(reverse("api:indicator-list"), body, format="json")
    assert response.status_code == 201, response.json()
    assert "version" not in response.json()


def test_indicator_change_carries_the_version(api_as, staff_user, world, indicator):
    client = api_as(staff_user)
    url = reverse("api:indicator-detail", args=[indicator.pk])
    version = version_of(world["mine"])
    assert client.patch(url, {"target": "150"}, format="json").json() == {
        "version": ["Sertakan versi kerja sama yang Anda ubah."]
    }
    changed = client.patch(url, {"target": "150", "version": version}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["target"] == "150.00"
    stale = client.patch(url, {"target": "200", "version": version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == version + 1
    indicator.refresh_from_db()
    assert indicator.target == 150


def test_indicator_stays_with_its_agreement(api_as, staff_user, world, indicator):
    url = reverse("api:indicator-detail", args=[indicator.pk])
    body = {"agreement": world["other"].pk, "version": version_of(world["mine"])}
    response = api_as(staff_user).patch(url, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"agreement": ["Kerja sama tidak dapat diganti."]}


def test_challenge_resolved_needs_a_resolution(api_as, staff_user, world):
    challenge = services.challenge_create(
        agreement=world["mine"],
        actor=staff_user,
        category="coordination",
        description="Rapat molor",
        reported_on="2026-11-01",
    )
    client = api_as(staff_user)
    url = reverse("api:challenge-detail", args=[challenge.pk])
    version = version_of(world["mine"])
    refused = client.patch(url, {"status": "resolved", "version": version}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {
        "non_field_errors": ["Tuliskan penyelesaian kendala sebelum menandainya selesai."]
    }
    done = client.patch(
        url, {"status": "resolved", "resolution": "Jadwal tetap", "version": version}, format="json"
    )
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "resolved"


def test_evaluation_change_by_manager_but_not_partner(api_as, manager_user, partner_user, staff_user, world):
    evaluation = services.evaluation_create(
        agreement=world["mine"],
        actor=staff_user,
        period_type="year",
        evaluated_on="2026-11-22",
        evaluator_role="unit",
        recommendation="continue",
        shared_with_parties=True,
    )
    url = reverse("api:evaluation-detail", args=[evaluation.pk])
    body = {"recommendation": "expand", "version": version_of(world["mine"])}
    assert api_as(partner_user).patch(url, body, format="json").status_code == 403
    response = api_as(manager_user).patch(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["recommendation"] == "expand"


def test_partner_cannot_change_an_indicator(api_as, partner_user, world, indicator):
    url = reverse("api:indicator-detail", args=[indicator.pk])
    body = {"target": "1", "version": version_of(world["mine"])}
    assert api_as(partner_user).patch(url, body, format="json").status_code == 403
