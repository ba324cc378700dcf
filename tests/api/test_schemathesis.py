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
from schemathesis.config import SchemathesisConfig

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


# Reads are where filters, ids and pages combine: every phase, many examples each. A write's outcome
# turns on a few fields (version, state, a refused gate) and many writes render sealed PDFs: generated
# bodies without the coverage phase (which enumerates every boundary value of every field) reach its
# answers and keep the run within minutes.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
READS = schema.include(method="GET")
WRITES = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    application,
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}),
).exclude(method="GET")


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


def _settings(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )


# KEMITRAAN_SCHEMATHESIS_EXAMPLES lowers the reads' count for a quick local pass.
READ_SETTINGS = _settings(int(os.environ.get("KEMITRAAN_SCHEMATHESIS_EXAMPLES", "12")))
WRITE_SETTINGS = _settings(min(6, int(os.environ.get("KEMITRAAN_SCHEMATHESIS_EXAMPLES", "6"))))


def _call(case, tokens, who):
    case.call_and_validate(headers={"Authorization": f"Token {tokens[who]}"}, checks=CHECKS)


@READS.parametrize()
@READ_SETTINGS
@pytest.mark.django_db
def test_reads_conform_to_schema_as_staff(case, tokens):
    _call(case, tokens, "staff")


@READS.parametrize()
@READ_SETTINGS
@pytest.mark.django_db
def test_reads_conform_to_schema_as_partner(case, tokens):
    _call(case, tokens, "partner")


@WRITES.parametrize()
@WRITE_SETTINGS
@pytest.mark.django_db
def test_writes_conform_to_schema_as_staff(case, tokens):
    _call(case, tokens, "staff")


@WRITES.parametrize()
@WRITE_SETTINGS
@pytest.mark.django_db
def test_writes_conform_to_schema_as_partner(case, tokens):
    _call(case, tokens, "partner")
