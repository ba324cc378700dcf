"""The demo's own open data is valid OCDS for PPPs: `seed_demo` in the test database, then every
package the public endpoints serve — the record package and each agreement's release package — is
validated against the profile (with and without our extension) and its codelists."""

import pytest
from django.urls import reverse

from agreements.choices import Category
from agreements.models import Agreement
from agreements.opendata.validation import (
    PPP_RELEASE,
    PPP_RELEASE_PACKAGE,
    schema_errors,
    validate_record_package,
    validate_release_package,
)
from tests.seeded import seeded_fixture

pytestmark = pytest.mark.django_db
_seeded = seeded_fixture()


@pytest.fixture
def record_package(seeded, client):
    response = client.get(reverse("public:ocds_record_package"))
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def release_packages(seeded, client):
    packages = {}
    for agreement in Agreement.objects.filter(is_public=True, archived_at__isnull=True).order_by("pk"):
        response = client.get(reverse("public:ocds_release_package", args=[agreement.pk]))
        assert response.status_code == 200
        packages[agreement] = response.json()
    return packages


def _empty_fields(value, path="$"):
    """Every list, object or null inside `value`, by its path."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            if child is None or child == [] or child == {}:
                found.append(f"{path}.{key}")
            else:
                found += _empty_fields(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _empty_fields(child, f"{path}[{index}]")
    return found


def test_the_demo_record_package_is_valid(record_package, release_packages):
    assert len(record_package["records"]) == len(release_packages) >= 3
    assert validate_record_package(record_package) == []
    for record in record_package["records"]:
        assert schema_errors(record["compiledRelease"], PPP_RELEASE, extended=False) == []


def test_every_demo_release_package_is_valid(release_packages):
    for agreement, package in release_packages.items():
        assert validate_release_package(package) == [], agreement
        assert schema_errors(package, PPP_RELEASE_PACKAGE, extended=False) == [], agreement


def test_the_demo_has_agreements_without_risks_and_none_says_so_with_an_empty_list(
    record_package, release_packages
):
    """An agreement without shared risks has no `riskAllocation` at all (minItems 1), and nothing else is
    published empty."""
    contracts = [p["releases"][0]["contracts"][0] for p in release_packages.values()]
    assert any("riskAllocation" not in c for c in contracts)
    assert any(c.get("riskAllocation") for c in contracts)
    for agreement, package in release_packages.items():
        assert _empty_fields(package["releases"]) == [], agreement
    for record in record_package["records"]:
        assert _empty_fields(record["compiledRelease"]) == []


def test_the_other_region_of_the_demo_ksdd_is_a_party_to_the_contract(release_packages):
    ksdd = [(a, p) for a, p in release_packages.items() if a.category == Category.KSDD]
    assert ksdd, "the demo publishes a KSDD"
    for agreement, package in ksdd:
        release = package["releases"][0]
        roles = {p["name"]: p["roles"] for p in release["parties"]}
        others = [a.partner.name for a in agreement.parties.all() if not a.partner.is_home_government]
        assert others
        for name in others:
            assert roles[name][0] == "supplier", roles
            assert "interestedParty" not in roles[name] and "procuringEntity" not in roles[name]
        assert {s["name"] for s in release["awards"][0]["suppliers"]} == set(others)
        assert release["buyer"]["name"] == "Pemerintah Kabupaten Jember"
