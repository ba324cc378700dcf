"""A small scoped world for the API tests: one agreement the partner and OPD take part in, one not."""

import pytest
from rest_framework.test import APIClient

from accounts.tokens import token_create
from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
)
from tests.registry.factories import HomeGovernmentFactory


@pytest.fixture
def world(partner, unit):
    home = HomeGovernmentFactory()
    mine = AgreementFactory(title="Kerja Sama Milik Mitra", lead_unit=unit)
    home_party = AgreementPartyFactory(agreement=mine, partner=home, order=1, signatory_name="Bupati Sugeng")
    party = AgreementPartyFactory(agreement=mine, partner=partner, order=2, signatory_name="Direktur Budi")
    shared = ObligationFactory(agreement=mine, party=party, title="Laporan bersama")
    internal = ObligationFactory(
        agreement=mine, party=home_party, title="Catatan internal pemda", shared_with_parties=False
    )
    other = AgreementFactory(title="Kerja Sama Lain")
    AgreementPartyFactory(agreement=other, order=1)
    return {
        "mine": mine,
        "other": other,
        "party": party,
        "shared": shared,
        "internal": internal,
        "occurrence": OccurrenceFactory(obligation=shared),
        "internal_occurrence": OccurrenceFactory(obligation=internal),
    }


def client_for(user):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_create(user=user)[1]}")
    return client


@pytest.fixture
def api_as():
    return client_for
