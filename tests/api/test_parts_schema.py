"""The nested part operations answer what the OpenAPI schema says, checked by schemathesis on real rows.

test_schemathesis.py generates ids at random, so the nested reads mostly meet 404s there; here every
list and read is called on a seeded agreement with both tokens, and the writes — left out of the
generated run to keep it deterministic — are called with fixed bodies: success, a 400 per field, a
split that is not 100 %, a stale version (409) and a partner's 403 all conform to the schema.
"""

import pytest

from accounts.tokens import token_create
from tests.agreements.factories import RiskFactory
from tests.api.test_schemathesis import CHECKS, keep_test_connection, schema  # noqa: F401 — fixture

pytestmark = pytest.mark.django_db
BASE = "/api/v1/agreements/{agreement_pk}/"


def call(token, path, method, agreement, *, pk=None, query=None, body=None):
    operation = schema[BASE + path][method]
    parameters = {"agreement_pk": agreement.pk} | ({"id": pk} if pk is not None else {})
    case = operation.Case(
        path_parameters=parameters,
        query=query,
        **({"body": body, "media_type": "application/json"} if body is not None else {}),
    )
    return case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


@pytest.fixture
def seeded(world, staff_user, partner_user, keep_test_connection):  # noqa: F811 — the fixture
    agreement = world["mine"]
    first, second = agreement.parties.order_by("order")
    risk = RiskFactory(agreement=agreement)
    risk.shares.create(party=first, percent=60)
    risk.shares.create(party=second, percent=40)
    benefit = agreement.benefits.create(kind="profit_share", split_method="amount")
    benefit.shares.create(party=first, amount=1000)
    benefit.realisations.create(party=first, realised_on="2026-11-22", amount=1000)
    agreement.contributions.create(party=second, kind="funds", estimated_value=5)
    instrument = agreement.instruments.create(kind="pks", title="PKS")
    instrument.party_numbers.create(party=first, number="001/PKS")
    return {
        "agreement": agreement,
        "parties": (first, second),
        "risk": risk,
        "rows": {
            "parties": first.pk,
            "instruments": instrument.pk,
            "obligations": world["shared"].pk,
            "risks": risk.pk,
            "benefits": benefit.pk,
            "contributions": agreement.contributions.get().pk,
        },
        "staff": token_create(user=staff_user)[1],
        "partner": token_create(user=partner_user)[1],
    }


@pytest.mark.parametrize("who", ["staff", "partner"])
def test_reads_conform_on_real_rows(seeded, who):
    agreement = seeded["agreement"]
    for segment, pk in seeded["rows"].items():
        listed = call(seeded[who], f"{segment}/", "GET", agreement)
        assert listed.status_code == 200 and listed.json()["count"] >= 1, segment
        read = call(seeded[who], f"{segment}/{{id}}/", "GET", agreement, pk=pk)
        assert read.status_code == 200, segment


def test_writes_conform(seeded):
    agreement, (first, second) = seeded["agreement"], seeded["parties"]
    token = seeded["staff"]
    version = agreement.version
    risk = {"category": "financial", "event": "Kurs", "likelihood": 2, "impact": 3}
    shares = [{"party": first.pk, "percent": "50"}, {"party": second.pk, "percent": "50"}]

    created = call(token, "risks/", "POST", agreement, body={**risk, "shares": shares, "version": version})
    assert created.status_code == 201
    version = created.json()["agreement_version"]
    wrong = [{"party": first.pk, "percent": "50"}, {"party": second.pk, "percent": "40"}]
    assert (
        call(
            token, "risks/", "POST", agreement, body={**risk, "shares": wrong, "version": version}
        ).status_code
        == 400
    )
    assert call(token, "risks/", "POST", agreement, body={"version": version}).status_code == 400
    stale = call(
        token, "risks/{id}/", "PATCH", agreement, pk=seeded["risk"].pk, body={"version": version - 1}
    )
    assert stale.status_code == 409
    changed = call(
        token,
        "risks/{id}/",
        "PATCH",
        agreement,
        pk=seeded["risk"].pk,
        body={"event": "B", "version": version},
    )
    assert changed.status_code == 200
    version = changed.json()["agreement_version"]
    deleted = call(
        token, "risks/{id}/", "DELETE", agreement, pk=seeded["risk"].pk, query={"version": version}
    )
    assert deleted.status_code == 200
    version = deleted.json()["agreement_version"]

    instrument = call(token, "instruments/", "POST", agreement, body={"kind": "mou", "version": version})
    assert instrument.status_code == 201
    signed = call(
        token,
        "instruments/{id}/sign/",
        "POST",
        agreement,
        pk=instrument.json()["id"],
        body={"signing_date": "2026-11-22", "version": instrument.json()["agreement_version"]},
    )
    assert signed.status_code == 200
    benefit_pk = seeded["rows"]["benefits"]
    realised = call(
        token,
        "benefits/{id}/realisations/",
        "POST",
        agreement,
        pk=benefit_pk,
        body={"realised_on": "2026-12-01", "version": signed.json()["agreement_version"]},
    )
    assert realised.status_code == 201

    refused = call(seeded["partner"], "risks/", "POST", agreement, body={**risk, "version": version})
    assert refused.status_code == 403
