"""Test settings: PostgreSQL when DATABASE_URL is set (CI, `make test`), SQLite otherwise."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Hashed static storage breaks live-server tests unless collectstatic ran.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
_tmp = Path(tempfile.mkdtemp(prefix="kemitraan-test-"))
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(_tmp / "private"), "base_url": None},
}
PRIVATE_STORAGE_ROOT = _tmp / "private"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
AXES_ENABLED = False
LANGUAGE_CODE = "id"

# Parallel runs on one server (several checkouts, or CI next to a developer) each name their test database.
if _test_db := env.str("TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": _test_db}
