"""`/healthz` on the suite's database and broker, and with a database that does not answer."""

import json
import sys

import pytest

from .processes import clean_env, free_port, run

# A request through the whole middleware stack, in a process of its own whose database is unreachable.
GET_HEALTHZ = (
    "import django, json; django.setup();"
    "from django.test.utils import setup_test_environment; setup_test_environment();"
    "from django.test import Client;"
    "r = Client().get('/healthz');"
    "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
)


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": True, "broker": True}


def test_healthz_is_503_when_the_database_is_unreachable():
    closed = free_port()  # nothing listens there once the probe socket is closed
    env = clean_env(
        DJANGO_SETTINGS_MODULE="kemitraan.settings.test",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed}/kemitraan",
    )
    result = run([sys.executable, "-c", GET_HEALTHZ], env, timeout=60)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["database"] is False
