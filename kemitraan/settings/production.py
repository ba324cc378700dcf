"""Production: PostgreSQL, Redis and SMTP from the environment; SECRET_KEY is required.

The app runs behind a TLS-terminating reverse proxy that passes Host and X-Forwarded-Proto (README,
"Production"). Django trusts X-Forwarded-Proto for request.is_secure(), so the proxy must set it on
every request and never pass on a client's own.
"""

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, env

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = False
# Admins and staff sign in with a second step (an authenticator app) unless this is turned off.
KEMITRAAN_REQUIRE_2FA_FOR_STAFF = env.bool("KEMITRAAN_REQUIRE_2FA_FOR_STAFF", default=True)
# Every PDF leaves sealed with the region's certificate: `migrate` (run before the app starts, see
# docker-compose.yml) and `check` stop with an error while none is configured (core.checks).
KEMITRAAN_SEAL_REQUIRED = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The container's health check asks over plain http from inside (docker-compose.yml): no redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# One year; 0 switches HSTS off (for a first deployment, try a short value before committing to a year).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading binds the whole domain to HTTPS in browsers for good: the domain's owner decides, not the
# app, so it is off unless set (and `check --deploy`'s W021 is silenced below for that reason).
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Connections kept across requests (each gunicorn thread holds one, checked before reuse): opening one
# costs a PostgreSQL backend start on every request otherwise. docs/decisions/0059.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# One cache shared by every web process, in Redis (the broker's server unless CACHE_URL names another);
# without either, the processes of one host share files under var/ (base.py).
if _cache_url := env.str("CACHE_URL", default=REDIS_URL):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="kemitraan"),
        }
    }
