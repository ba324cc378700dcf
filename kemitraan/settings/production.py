"""Production: PostgreSQL, Redis and SMTP from the environment; SECRET_KEY is required."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = False
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SESSION_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
