"""Test settings: PostgreSQL when DATABASE_URL is set (CI, `make test`), SQLite otherwise.

`make test` (scripts/test.sh) exports DATABASE_URL and REDIS_URL for a PostgreSQL
and a Redis it found or started; base.py reads them. With nothing set, tests run on an in-memory
SQLite database and the file-system broker. Tasks run eagerly unless a test starts a real worker.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, CELERY_RESULT_BACKEND, DATABASES, REDIS_URL, STORAGES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# pytest-xdist worker ("gw0", "gw1", …) or "" when pytest runs in one process. Subprocesses a test
# starts (a Celery worker, runserver) inherit it and so land on the same resources as their test.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

# Files go to a temporary directory shared with subprocesses (through the environment) and removed
# by the process that created it.
if not (_tmp_root := os.environ.get("KEMITRAAN_TEST_TMP")):
    _tmp_root = tempfile.mkdtemp(prefix="kemitraan-test-")
    os.environ["KEMITRAAN_TEST_TMP"] = _tmp_root
    atexit.register(shutil.rmtree, _tmp_root, ignore_errors=True)
_tmp = Path(_tmp_root) / (XDIST_WORKER or "main")

# Hashed static storage breaks live-server tests unless collectstatic ran.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(_tmp / "private"), "base_url": None},
}
PRIVATE_STORAGE_ROOT = _tmp / "private"
MEDIA_ROOT = _tmp / "media"
# WhiteNoise warns about a missing STATIC_ROOT on every request; tests never run collectstatic into it.
STATIC_ROOT = _tmp / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
AXES_ENABLED = False
# The demo logins and browser journeys sign in with a password only; tests of two-step sign-in turn it on.
KEMITRAAN_REQUIRE_2FA_FOR_STAFF = False
LANGUAGE_CODE = "id"
# The suite seals with a throwaway certificate that tests/conftest.py makes for the session (no
# certificate is committed); subprocesses find it at the same path.
KEMITRAAN_PDF_SEALER = "core.seal.Pkcs12Sealer"
KEMITRAAN_SIGNING_P12 = str(_tmp / "seal" / "segel-uji.p12")
KEMITRAAN_SIGNING_PASSPHRASE = "segel-uji"
KEMITRAAN_TSA_URL = ""

# Parallel runs on one server (several checkouts, or CI next to a developer) each name their test database.
if _test_db := env.str("TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": _test_db}


def _redis_db_for_worker(url: str) -> str:
    """Under pytest-xdist, each worker uses its own Redis database (15, 14, …), so that real Celery
    workers started by one test process never take the tasks of another. pytest-django already gives
    each worker its own test database (test_<name>_gwN)."""
    if not XDIST_WORKER.startswith("gw") or not url.startswith(("redis://", "rediss://")):
        return url
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0)
    shifted = (db - 1 - int(XDIST_WORKER[2:])) % 15 + 1  # never database 0
    return urlunsplit(parts._replace(path=f"/{shifted}"))


REDIS_URL = _redis_db_for_worker(REDIS_URL)
CELERY_BROKER_URL = _redis_db_for_worker(CELERY_BROKER_URL)
CELERY_RESULT_BACKEND = _redis_db_for_worker(CELERY_RESULT_BACKEND)

# Without Redis, the file-system broker and result backend live in the temporary directory too, so
# that tests never share var/ with `make run`.
if CELERY_BROKER_URL == "filesystem://":
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_tmp / "broker" / "out"),
        "data_folder_out": str(_tmp / "broker" / "out"),
        "processed_folder": str(_tmp / "broker" / "processed"),
        "control_folder": str(_tmp / "broker" / "control"),
        "store_processed": False,
    }
    for _folder in ("out", "processed", "control"):
        (_tmp / "broker" / _folder).mkdir(parents=True, exist_ok=True)
if CELERY_RESULT_BACKEND.startswith("file://"):
    CELERY_RESULT_BACKEND = f"file://{_tmp / 'celery-results'}"
    (_tmp / "celery-results").mkdir(parents=True, exist_ok=True)

# tests/postgresql_backend: Django's PostgreSQL backend with a flush by DELETE (2 s → milliseconds per
# transactional test); everything else is Django's own. A copy of the project without its tests (the
# catalogue check runs makemessages in one) keeps Django's backend.
_root = Path(__file__).resolve().parents[2]
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and (_root / "tests" / "postgresql_backend").is_dir()
):
    DATABASES["default"]["ENGINE"] = "tests.postgresql_backend"

# Local memory, emptied before every test (tests/fixtures.py): flushing the Redis database would take
# the broker's queues of a test's real Celery worker with it. Keys carry the database counter either way.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kemitraan-test"}
}
