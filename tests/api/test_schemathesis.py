"""schemathesis against the live OpenAPI schema, in process (WSGI), with a staff and a partner token.

Every operation — reads and writes, each with a staff token and with a partner token — is exercised
with generated parameters and bodies (filters, ids, page numbers, versions, refusals): no 5xx, every
response conforms to the schema (a nullable field declared nullable, a refused action's `reasons`),
and every status code is one the schema documents. Writes run inside the test's transaction, so what
one example changes is rolled back with the test; their exact effects are covered by test_writes.py.
Examples per operation are capped so that the whole run stays within a few minutes.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from accounts.tokens import token_create
from kemitraan.wsgi import application
from tests.agreements.factories import AgreementPartyFactory, ObligationFactory, OccurrenceFactory

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes the database connection at the end of each request, which would end the
    test's transaction; Django's own test client switches that off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def tokens(world, staff_user, partner_user, keep_test_connection):
    """Seeded data (factories) so that ids and filters hit real rows, and one token per role."""
    AgreementPartyFactory(agreement=world["mine"], order=3)
    OccurrenceFactory(
        obligation=ObligationFactory(agreement=world["other"], party=world["other"].parties.get())
    )
    tokens = {}
    for name, user in (("staff", staff_user), ("partner", partner_user)):
        tokens[name] = token_create(user=user)[1]
    return tokens


# KEMITRAAN_SCHEMATHESIS_EXAMPLES lowers it for a quick local pass; the suite runs 12 per operation.
SETTINGS = settings(
    max_examples=int(os.environ.get("KEMITRAAN_SCHEMATHESIS_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)


@schema.parametrize()
@SETTINGS
@pytest.mark.django_db
def test_api_conforms_to_schema_as_staff(case, tokens):
    case.call_and_validate(headers={"Authorization": f"Token {tokens['staff']}"}, checks=CHECKS)


@schema.parametrize()
@SETTINGS
@pytest.mark.django_db
def test_api_conforms_to_schema_as_partner(case, tokens):
    case.call_and_validate(headers={"Authorization": f"Token {tokens['partner']}"}, checks=CHECKS)
