"""OCDS for PPPs output validates offline against the schemas kept in agreements/opendata/schema/,
respects the codelists, and carries no personal data or internal items."""

import json

import pytest
from django.urls import reverse

from agreements.opendata.validation import (
    PPP_RELEASE,
    PPP_RELEASE_PACKAGE,
    RECORD_PACKAGE,
    codelist_problems,
    ppp_release_schema,
    validate_record_package,
    validate_release_package,
)
from agreements.opendata.validation import schema_errors as errors
from tests.opendata.conftest import SECRETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def release_package(client, open_world):
    response = client.get(reverse("public:ocds_release_package", args=[open_world["agreement"].pk]))
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def record_package(client, open_world):
    response = client.get(reverse("public:ocds_record_package"))
    assert response.status_code == 200
    return response.json()


def test_release_package_validates_against_ppp_profile(release_package):
    assert errors(release_package, PPP_RELEASE_PACKAGE, extended=False) == []


def test_release_package_validates_with_our_extension(release_package):
    assert errors(release_package, PPP_RELEASE_PACKAGE) == []


def test_release_codelists_respected(release_package):
    for release in release_package["releases"]:
        assert codelist_problems(release) == []


def test_release_package_passes_the_whole_validation(release_package):
    assert validate_release_package(release_package) == []


def test_record_package_validates(record_package):
    assert [r["ocid"] for r in record_package["records"]] != []
    assert errors(record_package, RECORD_PACKAGE, extended=False) == []
    for record in record_package["records"]:
        compiled = record["compiledRelease"]
        assert errors(compiled, PPP_RELEASE) == []
        assert codelist_problems(compiled) == []
    assert validate_record_package(record_package) == []


def test_record_package_lists_only_public_agreements(record_package, open_world):
    titles = {r["compiledRelease"]["planning"]["project"]["title"] for r in record_package["records"]}
    assert titles == {"KPBU Sistem Penyediaan Air Minum"}


def test_risks_map_to_ppp_codelists_with_shares(release_package):
    contract = release_package["releases"][0]["contracts"][0]
    risks = {r["description"]: r for r in contract["riskAllocation"]}
    demand = risks["Permintaan air rendah"]
    assert demand["category"] == "revenue"
    assert demand["allocation"] == "privateParty"  # the company bears 60 %
    assert sorted(s["percent"] for s in demand["shares"]) == [40, 60]
    assert risks["Risiko tanpa porsi"]["allocation"] == "undefined"


def test_extension_carries_benefit_splits_and_obligation_responsible_party(release_package):
    release = release_package["releases"][0]
    contract = release["contracts"][0]
    profit = next(b for b in contract["benefits"] if b["type"] == "profit_share")
    assert sorted(s["percent"] for s in profit["shares"]) == [30, 70]
    fixed = next(b for b in contract["benefits"] if b["type"] == "fixed_contribution")
    assert fixed["shares"][0]["value"] == {"amount": 50000000, "currency": "IDR"}
    party_names = {p["id"]: p["name"] for p in release["parties"]}
    obligations = {o["title"]: o for o in contract["obligations"]}
    assert set(obligations) == {"Membangun instalasi"}
    assert party_names[obligations["Membangun instalasi"]["responsibleParty"]["id"]] == "PT Air Bersih Jember"
    assert release_package["extensions"][0].endswith("/publik/ocds/extension/extension.json")


def test_ocds_output_holds_no_personal_data(release_package, record_package):
    text = json.dumps([release_package, record_package], ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text, secret
    assert "Perseorangan" in text


def test_extension_files_are_served(client):
    for name in ("extension.json", "release-schema.json"):
        response = client.get(reverse("public:ocds_extension", args=[name]))
        assert response.status_code == 200
        json.loads(b"".join(response.streaming_content))
    assert client.get(reverse("public:ocds_extension", args=["settings.py"])).status_code == 404


def test_extension_schema_is_valid_json_schema():
    from jsonschema import Draft4Validator

    Draft4Validator.check_schema(ppp_release_schema())


def test_validation_is_not_vacuous(release_package):
    """A wrong allocation code and a missing required field are caught, through $refs and the extension."""
    broken = json.loads(json.dumps(release_package))
    contract = broken["releases"][0]["contracts"][0]
    contract["riskAllocation"][0]["allocation"] = "shared"
    contract["benefits"][0]["splitMethod"] = "guess"
    del broken["releases"][0]["ocid"]
    problems = errors(broken, PPP_RELEASE_PACKAGE)
    assert len(problems) == 3, problems
    contract["riskAllocation"][0]["category"] = "notACode"
    assert any("notACode" in p for p in codelist_problems(broken["releases"][0]))
    problems = validate_release_package(broken)
    assert "$.releases[0]: 'ocid' is a required property" in problems
    assert (
        "$.releases[0].contracts[0].riskAllocation[0].category: 'notACode' not in riskCategory.csv"
        in problems
    )
