"""API lists answer in a constant number of queries, whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.agreements.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    ObligationFactory,
    OccurrenceFactory,
)
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db

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
    with django_assert_num_queries(expected):
        assert client.get(reverse(name)).status_code == 200
    make(15)
    with django_assert_num_queries(expected):
        assert client.get(reverse(name)).status_code == 200


def test_agreement_detail_query_count_constant(api_as, staff_user, django_assert_num_queries):
    agreement = AgreementFactory()
    parties = [AgreementPartyFactory(agreement=agreement, order=i) for i in (1, 2)]
    client = api_as(staff_user)
    url = reverse("api:agreement-detail", args=[agreement.pk])
    client.get(url)
    # … + its government affairs, a KSDD's bordering regions and funding sources, one query each
    with django_assert_num_queries(13) as few:
        client.get(url)
    for _ in range(5):
        ObligationFactory(agreement=agreement, party=parties[0])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
