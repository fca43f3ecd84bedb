"""Settings for Revisionsspår, read from the environment (see .env.example)."""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY måste sättas när DEBUG är av (produktionsläge).")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django's admin on a site that requires a second factor (accounts/admin_site.py).
    "accounts.admin_config.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "committees",
    "accounts",
    "audits",
    "recommendations",
    "responses",
    "documents",
    "outbox",
    "overview",
    "transparency",
    # The REST API (api/): framework, schema, documentation page from vendored files.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]
# The demo cases and the load generator (load_demo, generate_load): for development, tests
# and benchmarks, never in a production installation.
DEMO = env.bool("DEMO", default=DEBUG)
if DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "log_request_id.middleware.RequestIDMiddleware",
    # Before anything reads the request: bad bytes and oversized bodies are refused here.
    "revisionsspar.middleware.HostileInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "revisionsspar.middleware.PrivatePagesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "committees.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "revisionsspar.urls"
WSGI_APPLICATION = "revisionsspar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Persistent connections: opening one costs PostgreSQL a process fork per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two people saving at once: WAL lets readers go on while one writes, IMMEDIATE takes the
    # write lock when a transaction begins (not halfway, where SQLite cannot wait and fails
    # with "database is locked"), and a writer waits up to 20 s for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # A server-side cursor costs three round trips where a plain query costs one; the
    # iterated querysets here (choices of a filter) are small.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # An unreachable database fails a request within seconds instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "committees.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS L2 asks for at least 12 characters.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for new and changed passwords; older hashes still verify and are upgraded at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "committees.backends.UserBackend",
    "accounts.oidc.MunicipalityBackend",
]
# Brute force: five failures for one user name from one address lock that pair out for a
# while (not for good, so an attacker cannot lock a colleague out permanently).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address behind TRUSTED_PROXY_COUNT proxies: each proxy appends the address it
# was connected from to X-Forwarded-For, so the client is the TRUSTED_PROXY_COUNT-th entry from
# the right; what a client writes into the header itself stays to the left and is ignored.
# django-ipware counts only the proxies listed in the header, and the last proxy is the peer
# (REMOTE_ADDR), not an entry: hence one less. Without proxies the peer address is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# A header with more entries than proxies is the normal case (a client may send its own).
IPWARE_STRICT = False

# --- Accounts: invitations, password reset, second factor, single sign-on -------------------
# Invitation and reset links work once and for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
OTP_TOTP_ISSUER = "Revisionsspår"
# Each municipality's OpenID Connect provider is configured in the admin (accounts.IdentityProvider).
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
# The providers list no user in the lockout's records; the login form keeps its own.
AXES_ENABLE_ADMIN = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
# Swedish for third-party admin pages that ship none, and Django's wording where Django REST
# framework translates the same message (locale/sv; compiled .mo committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded and generated documents live outside every web root and are served only
# through views that check permission.
PRIVATE_STORAGE_ROOT = Path(env.str("PRIVATE_STORAGE_ROOT", default=str(VAR_DIR / "private")))
MEDIA_ROOT = PRIVATE_STORAGE_ROOT
MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# A request body larger than one attachment and its form is refused (413) before it is read.
MAX_REQUEST_BODY_SIZE = MAX_UPLOAD_SIZE + 1024 * 1024
# Form fields (not files) up to 5 MB, uploads above 5 MB go to a temporary file on disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL.startswith("filemail://") or not EMAIL_URL:
    # django-environ drops the leading slash of a filemail path, so the folder is read here.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_URL.removeprefix("filemail://") or str(VAR_DIR / "mail")
else:
    vars().update(env.email_url_config(EMAIL_URL))
# An SMTP server that accepts a connection and never answers costs a worker 10 s, not forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Revisionsspår <noreply@revisionsspar.se>")

REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that dispatches work while Redis is down gives up within seconds; the work is
# kept in the outbox and sent again once the broker answers (see outbox/).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Every task has a hard time limit; the longest (an annual report, 6 minutes) fits well within
# the visibility timeout, so a task is redelivered only when its worker died. No task is
# scheduled with a countdown: mail retries wait in the database (see outbox/), not the broker.
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 15 * 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_TIMEZONE = TIME_ZONE

# The list filters' choices are cached (core/filter_choices.py). Without CACHE_URL each
# process keeps its own copy for at most a minute after another process changes them;
# production shares one cache in Redis. A cache that does not answer costs the pages only
# their queries.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if "redis" in CACHES["default"]["BACKEND"].lower():
    # A frozen Redis costs a page half a second, then the page reads from the database.
    for option in ("socket_connect_timeout", "socket_timeout"):
        CACHES["default"].setdefault("OPTIONS", {}).setdefault(option, 0.5)

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# --- Security ------------------------------------------------------------------------
# Sessions end after 30 idle minutes and at the latest 12 hours after login (ASVS L2);
# longer values from the environment are capped.
SESSION_COOKIE_AGE = min(env.int("SESSION_IDLE_SECONDS", default=30 * 60), 30 * 60)
SESSION_ABSOLUTE_SECONDS = min(env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60), 12 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "revisionsspar.views.csrf_failure"
# HTTPS only in production; the test suite and a plain-HTTP test host turn the redirect off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The container's health check speaks plain HTTP to the web process itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Only behind a proxy that sets this header itself and drops it from clients, e.g.
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO for nginx with
# `proxy_set_header X-Forwarded-Proto $scheme;`.
if proxy_ssl_header := env.str("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (proxy_ssl_header, "https")
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Scripts and styles come only from our static files: no inline code, no other origin.
# Bootstrap's icons are data: URLs in its stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Logging: one JSON line per record on stderr, with the request's id -------------------
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
LOG_REQUESTS = env.bool("LOG_REQUESTS", default=True)
LOGGING = logging_config(env.str("LOG_LEVEL", default="INFO"))

# --- Worker: deadline reminders and PDF documents ---------------------------------------
# The daily reminder sweep runs at REMINDER_HOUR (local time); secretaries are reminded
# REMINDER_DAYS_BEFORE days before the deadline, on the day and weekly once overdue.
REMINDER_HOUR = env.int("REMINDER_HOUR", default=7)
REMINDER_DAYS_BEFORE = env.list("REMINDER_DAYS_BEFORE", cast=int, default=[14, 7, 1])
OUTBOX_RESEND_SECONDS = 60
# Every periodic task, each with `expires` so a backlog after an outage runs once, not piled up.
CELERY_BEAT_SCHEDULE = {
    "send-deadline-reminders": {
        "task": "responses.tasks.sweep_reminders",
        "schedule": crontab(minute=0, hour=REMINDER_HOUR),
        "options": {"expires": 12 * 60 * 60},
    },
    # Work whose dispatch failed while the broker was down is sent again once it answers.
    "resend-outbox": {
        "task": "outbox.tasks.resend_pending",
        "schedule": OUTBOX_RESEND_SECONDS,
        "options": {"expires": OUTBOX_RESEND_SECONDS},
    },
}

# --- REST API (api/) -----------------------------------------------------------------------
# Personal access tokens or the browser's session; every request counted per token (or per
# user on a session) in the cache, so several web processes share the count through CACHE_URL.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.AccessTokenAuthentication",
        "api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated", "api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env.str("API_RATE", default="300/min")},
    # Without a token, requests count per client address: behind a proxy, the one it appends.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.SwedishJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Revisionsspår API",
    "DESCRIPTION": "Granskningar, rekommendationer, yttranden, uppföljning och händelser för diariet.",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AuditStatusEnum": "audits.models.AuditStatus",
        "AuditKindEnum": "audits.models.AuditKind",
        "AnswerStatusEnum": "responses.models.ResponseStatus",
        "FollowUpStatusEnum": "recommendations.models.FollowUpStatus",
        "CommitteeKindEnum": "committees.models.CommitteeKind",
        "DocumentKindEnum": "documents.models.DocumentKind",
        "DocumentStateEnum": "documents.models.DocumentState",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # The online validator badge would call another origin.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
}
# Webhooks: each call gives up after this many seconds; a failed delivery is tried again
# after 1, 2, 4 … times WEBHOOK_RETRY_SECONDS (at most half an hour: longer countdowns outlive
# the broker's visibility timeout), at most WEBHOOK_MAX_ATTEMPTS times in all.
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_RETRY_SECONDS = env.int("WEBHOOK_RETRY_SECONDS", default=60)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
