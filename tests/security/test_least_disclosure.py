"""Least disclosure: co-parties read each other's names, roles and signatories, never tax or business
numbers, contact details or verification status; staff and managers read everything; a partner user
reads their own organisation in full. And managers write what DESIGN.md §1 gives them — evaluations,
indicators, observations, challenges — in the pages and the API alike, as `evaluation.record` says.

The partners come from the isolation world: partner A and partner C share agreement "CA".
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.permissions import can
from accounts.roles import Role
from evaluations import services
from evaluations.models import Challenge, Indicator, Observation
from registry.api.serializers import PARTNER_BRIEF_FIELDS
from registry.choices import VerificationStatus
from registry.models import Partner
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, AgreementPartyFactory
from tests.isolation.world import build_world

pytestmark = pytest.mark.django_db

SECRETS = {
    "nib": "NIB9912345678",
    "npwp": "NPWP-01.234.567.8-RAHASIA",
    "other_identifier": "NIK-3509-RAHASIA",
    "email": "rahasia-a@mitra.example",
    "phone": "0812-RAHASIA-A",
    "address": "Jalan RAHASIA No. 1",
    "head_name": "Kepala RAHASIA A",
}
HIDDEN = {"nib", "npwp", "other_identifier", "email", "phone", "address", "head_name", "verification_status"}


@pytest.fixture
def world(db):
    world = build_world()
    Partner.objects.filter(pk=world.orgs["A"][0].pk).update(
        **SECRETS, verification_status=VerificationStatus.VERIFIED
    )
    world.manager = UserFactory(username="pimpinan-isolasi", roles=[Role.MANAGER])
    return world


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _partner_a(world):
    return world.orgs["A"][0]


def _text(response) -> str:
    return response.content.decode()


def test_a_co_party_reads_the_other_partner_by_name_only(world):
    partner_c_user = world.people["C"][0]
    partner_a = _partner_a(world)
    response = _api(partner_c_user).get(reverse("api:partner-detail", args=[partner_a.pk]))
    assert response.status_code == 200
    data = response.json()
    assert set(data) == set(PARTNER_BRIEF_FIELDS)
    assert data["name"] == "MITRA-A-NAMA"
    assert not HIDDEN & set(data)
    assert not [value for value in SECRETS.values() if value in _text(response)]


def test_the_partner_list_shows_a_partner_user_their_own_record_in_full_and_co_parties_by_name(world):
    partner_c_user = world.people["C"][0]
    response = _api(partner_c_user).get(reverse("api:partner-list"))
    rows = {row["name"]: row for row in response.json()["results"]}
    assert set(rows) >= {"MITRA-A-NAMA", "MITRA-C-NAMA"}
    assert set(rows["MITRA-A-NAMA"]) == set(PARTNER_BRIEF_FIELDS)
    own = rows["MITRA-C-NAMA"]
    assert {"nib", "npwp", "verification_status", "email"} <= set(own)
    assert not [value for value in SECRETS.values() if value in _text(response)]


def test_a_partner_user_reads_their_own_partner_in_full(world):
    partner_a_user = world.people["A"][0]
    data = _api(partner_a_user).get(reverse("api:partner-detail", args=[_partner_a(world).pk])).json()
    assert data["nib"] == SECRETS["nib"] and data["npwp"] == SECRETS["npwp"]
    assert data["verification_status"] == VerificationStatus.VERIFIED


def test_an_opd_officer_reads_partners_of_their_agreements_by_name_only(world):
    officer = world.people["OPD1"][0]  # agreement A and CA are led by OPD 1
    response = _api(officer).get(reverse("api:partner-detail", args=[_partner_a(world).pk]))
    assert response.status_code == 200
    assert set(response.json()) == set(PARTNER_BRIEF_FIELDS)
    assert not [value for value in SECRETS.values() if value in _text(response)]


@pytest.mark.parametrize("who", ["staff", "manager"])
def test_staff_and_managers_read_every_field(world, who):
    user = world.staff if who == "staff" else world.manager
    data = _api(user).get(reverse("api:partner-detail", args=[_partner_a(world).pk])).json()
    for field, value in SECRETS.items():
        assert data[field] == value
    assert data["verification_status"] == VerificationStatus.VERIFIED


def test_the_shared_agreement_shows_co_parties_names_roles_and_signatories_only(world, client):
    partner_c_user = world.people["C"][0]
    shared = world.sides["CA"].objects["agreement"]
    response = _api(partner_c_user).get(reverse("api:agreement-detail", args=[shared.pk]))
    assert response.status_code == 200
    parties = {party["partner_name"]: party for party in response.json()["parties"]}
    party_a = parties["MITRA-A-NAMA"]
    assert {"roles", "signatory_name", "signatory_title"} <= set(party_a)
    assert not HIDDEN & set(party_a)
    assert not [value for value in SECRETS.values() if value in _text(response)]
    listed = _api(partner_c_user).get(reverse("api:agreement-list"))
    assert not [value for value in SECRETS.values() if value in _text(listed)]

    client.force_login(partner_c_user)
    page = client.get(reverse("portal:agreement", args=[shared.pk]))
    assert "MITRA-A-NAMA" in page.content.decode()
    assert not [value for value in SECRETS.values() if value in page.content.decode()]


def test_the_permission_module_decides_who_reads_a_partners_details(world):
    partner_a = _partner_a(world)
    assert can(world.staff, "partner.details", partner_a)
    assert can(world.manager, "partner.details", partner_a)
    assert can(world.people["A"][0], "partner.details", partner_a)
    assert not can(world.people["C"][0], "partner.details", partner_a)
    assert not can(world.people["OPD1"][0], "partner.details", partner_a)
    assert not can(world.people["C"][0], "partner.details")  # no partner: only those who read all


# --- managers record monitoring and evaluation in pages and API alike ------------------------------


@pytest.fixture
def shared(db, partner, staff_user):
    agreement = AgreementFactory(title="Kerja Sama Monev")
    AgreementPartyFactory(agreement=agreement, partner=partner, order=1)
    indicator = services.indicator_create(
        agreement=agreement, actor=staff_user, name="Peserta", unit="orang", target=10
    )
    return agreement, indicator


def _api_writes(agreement, indicator, n):
    return [
        (
            "api:indicator-list",
            {"agreement": agreement.pk, "name": f"Indikator {n}", "unit": "km", "target": "5"},
        ),
        (
            "api:observation-list",
            {
                "indicator": indicator.pk,
                "period_label": f"2026-T{n}",
                "observed_on": "2026-03-31",
                "value": "4",
            },
        ),
        (
            "api:challenge-list",
            {
                "agreement": agreement.pk,
                "category": "coordination",
                "description": f"Kendala {n}",
                "reported_on": "2026-02-01",
            },
        ),
        (
            "api:evaluation-list",
            {
                "agreement": agreement.pk,
                "period_type": "quarter",
                "evaluated_on": "2026-04-01",
                "evaluator_role": "tkksd",
                "recommendation": "improve",
            },
        ),
    ]


@pytest.mark.parametrize(("who", "n"), [("staff_user", 1), ("manager_user", 2)])
def test_staff_and_managers_record_indicators_observations_challenges_and_evaluations_by_api(
    request, shared, who, n
):
    user = request.getfixturevalue(who)
    assert can(user, "evaluation.record")
    client = _api(user)
    for name, body in _api_writes(*shared, n):
        response = client.post(reverse(name), body, format="json")
        assert response.status_code == 201, (name, response.json())
    assert Indicator.objects.filter(name=f"Indikator {n}").exists()
    assert Observation.objects.filter(period_label=f"2026-T{n}").exists()
    assert Challenge.objects.filter(description=f"Kendala {n}").exists()


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_portal_users_record_nothing_by_api(request, shared, who):
    user = request.getfixturevalue(who)
    assert not can(user, "evaluation.record")
    before = (Indicator.objects.count(), Observation.objects.count(), Challenge.objects.count())
    client = _api(user)
    for name, body in _api_writes(*shared, 9):
        assert client.post(reverse(name), body, format="json").status_code in (403, 404), name
    assert (Indicator.objects.count(), Observation.objects.count(), Challenge.objects.count()) == before


@pytest.mark.parametrize(("who", "n"), [("staff_user", 1), ("manager_user", 2)])
def test_staff_and_managers_record_indicators_and_challenges_in_the_pages(client, request, shared, who, n):
    agreement, indicator = shared
    client.force_login(request.getfixturevalue(who))
    created = client.post(
        reverse("evaluations:indicator_create", args=[agreement.pk]),
        {"name": f"Indikator halaman {n}", "unit": "orang", "target": "100", "baseline": "0"},
    )
    assert created.status_code == 302
    observed = client.post(
        reverse("evaluations:observation_create", args=[indicator.pk]),
        {"period_label": f"H-{n}", "observed_on": "2026-03-31", "value": "4"},
    )
    assert observed.status_code == 302
    logged = client.post(
        reverse("evaluations:challenge_create", args=[agreement.pk]),
        {
            "category": "coordination",
            "description": f"Kendala halaman {n}",
            "reported_on": "2026-02-01",
            "status": "open",
        },
    )
    assert logged.status_code == 302
    assert Indicator.objects.filter(name=f"Indikator halaman {n}").exists()
    assert Observation.objects.filter(period_label=f"H-{n}").exists()
    assert Challenge.objects.filter(description=f"Kendala halaman {n}").exists()


@pytest.mark.parametrize("who", ["partner_user", "opd_user"])
def test_portal_users_record_nothing_in_the_pages(client, request, shared, who):
    agreement, indicator = shared
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("evaluations:indicator_create", args=[agreement.pk]),
        reverse("evaluations:observation_create", args=[indicator.pk]),
        reverse("evaluations:challenge_create", args=[agreement.pk]),
    ):
        assert client.post(url, {"name": "x", "description": "x"}).status_code == 404, url
    assert list(Indicator.objects.values_list("name", flat=True)) == ["Peserta"]
    assert not Challenge.objects.exists() and not Observation.objects.exists()
