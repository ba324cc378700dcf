"""API lists answer in a constant number of queries, whatever the number of rows; a repeated read
is served from the cache (registry/cached_reads.py) with only the token's own queries."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
)
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db

# A read served from the cache: the token with its user (the authentication) and the user's roles
# (the cache key's scope).
CACHED = 2

# name → (make n rows, queries for a staff token request)
LISTS = {
    "api:agreement-list": (
        lambda n: [AgreementPartyFactory(agreement=AgreementFactory()) for _ in range(n)],
        6,
    ),
    "api:partner-list": (lambda n: PartnerFactory.create_batch(n), 4),
    "api:occurrence-list": (
        lambda n: [OccurrenceFactory(obligation=ObligationFactory()) for _ in range(n)],
        5,
    ),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_list_query_count_constant(name, api_as, staff_user, django_assert_num_queries):
    make, expected = LISTS[name]
    client = api_as(staff_user)
    make(2)
    client.get(reverse(name))  # warm-up
    cache.clear()
    with django_assert_num_queries(expected):
        assert client.get(reverse(name)).status_code == 200
    make(15)
    with django_assert_num_queries(expected):
        cold = client.get(reverse(name)).json()
    with django_assert_num_queries(CACHED):
        assert client.get(reverse(name)).json() == cold
    assert cold["count"] >= 17


def test_agreement_detail_query_count_constant(api_as, staff_user, django_assert_num_queries):
    agreement = AgreementFactory()
    parties = [AgreementPartyFactory(agreement=agreement, order=i) for i in (1, 2)]
    client = api_as(staff_user)
    url = reverse("api:agreement-detail", args=[agreement.pk])
    client.get(url)
    cache.clear()
    # … + its government affairs, a KSDD's bordering regions and funding sources, one query each
    with django_assert_num_queries(13) as few:
        client.get(url)
    for _ in range(5):
        ObligationFactory(agreement=agreement, party=parties[0])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
    with django_assert_num_queries(CACHED):
        assert len(client.get(url).json()["obligations"]) == 5
