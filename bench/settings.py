"""Settings for the page benchmark: the development settings as production would serve them.

DEBUG off (no query log, no debug toolbar-ish overhead), plain static storage (the hashed manifest needs
a collectstatic the benchmark does not run), the test client's host allowed, mail kept in memory, and
the floor views (bench/floor.py) wired beside the product's URLs.
"""

from pathlib import Path

from kemitraan.settings.local import *  # noqa: F403
from kemitraan.settings.local import ALLOWED_HOSTS, DATABASES, STORAGES, TEMPLATES, VAR_DIR, env

DEBUG = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WhiteNoise warns about a missing STATIC_ROOT on every request.
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
BENCH_TEMPLATES = Path(__file__).resolve().parent / "templates"
ROOT_URLCONF = "bench.urls"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BENCH_TEMPLATES]}]
# As production keeps them (kemitraan/settings/production.py): a connection per thread, not per request.
DATABASES = {"default": {**DATABASES["default"], "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}}
# The cache production uses (kemitraan/settings/production.py) when a Redis is named (make bench runs
# under scripts/services.sh, which names one); otherwise the embedded default's files.
if _cache_url := env.str("CACHE_URL", default=env.str("REDIS_URL", default="")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
