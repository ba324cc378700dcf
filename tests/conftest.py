"""Root fixtures. Service discovery (PostgreSQL, Redis) lives in scripts/services.sh; fixtures in tests/fixtures.py.

The database/services part below: what the run is connected to (shown in pytest's header), a guard
that CI really runs on PostgreSQL, and `worker_env` for tests that start real processes (a Celery
worker) against this test's database and broker.
"""

import os
from pathlib import Path
from urllib.parse import quote

import pytest

pytest_plugins = ["tests.fixtures"]


def _describe_database(settings_dict) -> str:
    engine = settings_dict["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return "sqlite3 (in-memory test database)"
    return f"{engine} {settings_dict.get('HOST') or 'localhost'}:{settings_dict.get('PORT') or '-'}"


def _describe_url(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}" if rest else url  # never print a password


def pytest_report_header(config):
    from django.conf import settings

    return [
        f"kemitraan: database {_describe_database(settings.DATABASES['default'])}, "
        f"broker {_describe_url(settings.CELERY_BROKER_URL)}"
    ]


def pytest_configure(config):
    # CI must exercise PostgreSQL and Redis: a run that silently fell back to SQLite proves less.
    if os.environ.get("CI") == "true" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError(
            "CI=true but DATABASE_URL is not PostgreSQL: run the suite through `make test` "
            "(scripts/test.sh starts or finds PostgreSQL and Redis)."
        )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL the test database is a copy of a template migrated from the same migrations
    (tests/migrated_template.py); KEMITRAAN_TEST_MIGRATE=1 migrates it from nothing instead."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql_backend") and os.environ.get("KEMITRAAN_TEST_MIGRATE") != "1":
        from tests.migrated_template import use_migrated_template

        use_migrated_template(database)


@pytest.fixture
def worker_env(transactional_db):
    """Environment for a subprocess that must share this test's data: DATABASE_URL names the test
    database (committed data only, hence transactional_db) and the broker/Redis variables are
    inherited, so a `celery -A kemitraan worker` started with it consumes this run's queue."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("a separate process cannot share an in-memory SQLite database: run `make test`")
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kemitraan.settings.test",
        DATABASE_URL=f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        PYTHONUNBUFFERED="1",
    )
    env.pop("TEST_DB_NAME", None)
    return env


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in English (language cookie or preference) leaves English active in this thread: the
    language middleware activates it and nothing deactivates it. Reset, so that a later test's
    messages are in the default language (Bahasa Indonesia) whatever ran before it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _celery_follows_its_configuration():
    """Celery lets the CELERY_BROKER_URL / CELERY_RESULT_BACKEND environment variables override every
    app's configuration, so a test pointing an app at a Redis of its own would still publish to the one
    in the environment. The settings have already read them (they were imported before this runs)."""
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)


@pytest.fixture(autouse=True, scope="session")
def seal_certificate():
    """The run's own throwaway CA and seal certificate, written where the test settings look for it
    (KEMITRAAN_SIGNING_P12): every issued PDF is sealed, and no certificate is committed. Returns the
    bundle, whose CA certificate the seal tests validate against."""
    from django.conf import settings

    from core.certificates import seal_bundle_make

    bundle = seal_bundle_make(
        organisation="Pemerintah Kabupaten Uji",
        common_name="Segel Elektronik Uji",
        ca_name="CA Uji Kemitraan",
        passphrase=settings.KEMITRAAN_SIGNING_PASSPHRASE,
    )
    path = Path(settings.KEMITRAAN_SIGNING_P12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bundle.pkcs12)
    return bundle
