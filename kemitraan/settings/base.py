"""Settings shared by every environment, read from environment variables.

With nothing set, the project runs on embedded defaults: SQLite under var/, Celery's file-system
broker under var/, and console email — no server to install.
"""

from pathlib import Path

import environ
import xstatic.pkg.bootstrap as xstatic_bootstrap
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("KEMITRAAN_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
# KEMITRAAN_ENV_FILE names another file (tests use /dev/null to see the settings without a local .env).
env.read_env(env.str("KEMITRAAN_ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# The module that answers can(user, action) for core's base views and viewsets (core/access.py).
ACCESS_POLICY = "accounts.permissions"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "csp",
    "accounts",
    "registry",
    "agreements",
    "evaluations",
    "notifications",
    "jobs",
    "portal",
    "demo",
    "core",  # shared template tags, base models and management commands
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "core.request_guard.OddBytesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Headers every environment sends, so that the browser tests meet the same policy as production; the
# production settings add HSTS, the redirect to HTTPS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Pages and htmx send the CSRF token from the rendered page, never from the cookie: no script reads it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Browser features no page uses, switched off (core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# Content-Security-Policy (django-csp): scripts and styles only from our own static files; a script
# or style element written into a page carries the request's nonce ({{ csp_nonce }}). Inline style
# attributes are refused, so the templates use classes from static/css/kemitraan.css instead.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    },
}

ROOT_URLCONF = "kemitraan.urls"
WSGI_APPLICATION = "kemitraan.wsgi.application"
ASGI_APPLICATION = "kemitraan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "core.context_processors.csp_nonce",
            ],
        },
    },
]

SQLITE_PATH = VAR_DIR / "kemitraan.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, a worker and beat share one file: WAL and a busy timeout keep writes from colliding.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered sections of the agreement page (agreements/section_cache.py) and the register's pages
# (registry/register_cache.py). The pages' keys hold a token kept in the cache itself, replaced by every
# write, in whichever process: the cache must be one for all processes (the web server, the Celery worker
# and beat of `make run`), hence files under var/ on the embedded default; production shares one Redis
# (production.py).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 2000},  # a section is 5–60 kB, a list page 30–80 kB
    }
}
KEMITRAAN_PAGE_CACHE_SECONDS = env.int("KEMITRAAN_PAGE_CACHE_SECONDS", default=24 * 60 * 60)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/lockout.html"  # a plain Indonesian page instead of a bare 429

# Two-step sign-in (accounts.two_factor): required of admins and staff when on (production's default),
# optional for everyone else. Wrong codes count as failed logins for axes, and django-otp makes each
# try after a miss wait longer (1 s, 2 s, 4 s, …).
KEMITRAAN_REQUIRE_2FA_FOR_STAFF = env.bool("KEMITRAAN_REQUIRE_2FA_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Kemitraan")
# The admin never shows an authenticator's secret or QR code (its pages for them answer 403).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# API tokens (accounts.ApiToken) expire this many days after they are made.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=90)

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="id")
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Grouping is done where it belongs (the rupiah filter); on globally it would also group ids ("queue-row-1.234").
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
# Where collectstatic gathers the files WhiteNoise serves (the Dockerfile runs it when building the image).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Bootstrap comes as a Python package (xstatic-bootstrap): served from its own folder, never copied in.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic_bootstrap.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
PRIVATE_STORAGE_ROOT = VAR_DIR / "private"
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# A checked import file of more rows than this is imported by a background job (progress bar on the
# page); smaller ones are imported in the request.
IMPORT_INLINE_MAX_ROWS = env.int("IMPORT_INLINE_MAX_ROWS", default=200)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kemitraan <kemitraan@localhost>")

_broker_dir = VAR_DIR / "broker"
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery-results'}"
)
if CELERY_BROKER_URL == "filesystem://":
    # kombu's file-system transport fails when its folders are missing; create them wherever we start from.
    for _folder in (
        _broker_dir / "out",
        _broker_dir / "processed",
        _broker_dir / "control",
        VAR_DIR / "celery-results",
    ):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        # Without it kombu writes its control (broadcast) folder into whatever directory a process starts in.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# PDFs, reports and imports (the outbox's jobs) run on a queue of their own, served by a worker of its
# own (`-Q documents` in scripts/run.sh and docker-compose.yml), so that a pile of summaries never
# holds up the reminders and other short tasks on the default queue. A worker started without -Q
# serves both.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (
    Queue("celery", Exchange("celery"), routing_key="celery"),
    Queue("documents", Exchange("documents"), routing_key="documents"),
)
CELERY_TASK_ROUTES = {"jobs.run_job": {"queue": "documents"}}

REST_FRAMEWORK = {
    # Token first: an unauthenticated request then gets 401 with `WWW-Authenticate: Token`, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kemitraan API",
    "DESCRIPTION": "Registri kerja sama daerah",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AgreementCategoryEnum": "agreements.choices.Category",
        "RiskCategoryEnum": "agreements.choices.RiskCategory",
        "ObligationCategoryEnum": "agreements.choices.ObligationCategory",
        "ChallengeCategoryEnum": "evaluations.choices.ChallengeCategory",
        "ClosureReasonEnum": "agreements.choices.ClosureReason",
        "InstrumentKindEnum": "agreements.choices.InstrumentKind",
        "InstrumentStatusEnum": "agreements.choices.InstrumentStatus",
        "ObligationKindEnum": "agreements.choices.ObligationKind",
        "RiskStatusEnum": "agreements.choices.RiskStatus",
        "BenefitKindEnum": "agreements.choices.BenefitKind",
        "ContributionKindEnum": "agreements.choices.ContributionKind",
        "FundingSourceKindEnum": "agreements.models.structure.FundingSourceKind",
    },
}

# Template fragments other apps add to the profile page (accounts.views.profile).
PROFILE_SECTIONS = [
    "accounts/partials/notification_link.html",
    "accounts/partials/calendar_link.html",
    "accounts/partials/api_token.html",
]

# The home government whose cooperation unit runs this registry; shown on reports and pages.
HOME_GOVERNMENT_NAME = env.str("HOME_GOVERNMENT_NAME", default="Pemerintah Kabupaten Jember")

# The electronic seal on every issued PDF (core.seal, docs/decisions/0056): the organisation certificate
# as a PKCS#12 file and its passphrase; a time-stamp server (RFC 3161) makes the seals PAdES B-T instead
# of B-B. KEMITRAAN_PDF_SEALER names another sealer class (a government signing service).
KEMITRAAN_PDF_SEALER = env.str("KEMITRAAN_PDF_SEALER", default="core.seal.Pkcs12Sealer")
KEMITRAAN_SIGNING_P12 = env.str("KEMITRAAN_SIGNING_P12", default="")
KEMITRAAN_SIGNING_PASSPHRASE = env.str("KEMITRAAN_SIGNING_PASSPHRASE", default="")
KEMITRAAN_TSA_URL = env.str("KEMITRAAN_TSA_URL", default="")
# Production refuses to start without a working sealer (core.checks); elsewhere a job that seals
# without one fails with the reason.
KEMITRAAN_SEAL_REQUIRED = False

# The audit of reads (core.audit): downloads are kept this many days, then pruned daily (UU 27/2022:
# no longer than needed). The reader's address is REMOTE_ADDR unless this many proxies of our own
# stand in front of the app; then it is read from X-Forwarded-For, counting from the right.
READ_LOG_RETENTION_DAYS = env.int("READ_LOG_RETENTION_DAYS", default=365)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# History is evidence: the admin shows past versions without a "revert" button (core.admin_helpers
# also refuses the POST, which this setting alone does not).
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # A worker logs one line per document it makes (jobs.summary), not WeasyPrint's steps and page
    # numbers, nor the glyph lists fontTools prints when it subsets a font: both only at WARNING.
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}
