"""Django settings. Every value comes from the environment through korkyt.config.env.

Variables: KORKYT_ENV (local | production), DEBUG, SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS,
DATABASE_URL, KORKYT_DB_CONN_MAX_AGE, KORKYT_DB_PREPARED, REDIS_URL, KORKYT_HOME, KORKYT_HTTPS,
KORKYT_HSTS_SECONDS, KORKYT_LOGIN_ATTEMPTS, KORKYT_LOGIN_LOCKOUT_MINUTES, KORKYT_CELERY_EAGER,
KORKYT_MAX_UPLOAD_MB, KORKYT_MT_ENGINES, KORKYT_TASK_TIME_LIMIT, KORKYT_BROKER_VISIBILITY_TIMEOUT,
KORKYT_JOB_QUEUED_MINUTES, KORKYT_JOB_HEARTBEAT_MINUTES, KORKYT_JOB_RETENTION_DAYS, KORKYT_LOG_FORMAT,
KORKYT_METRICS_TOKEN, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
EMAIL_USE_SSL, DEFAULT_FROM_EMAIL, KORKYT_SIGNUP_OPEN, KORKYT_BASE_URL, KORKYT_EVENT_DATA_DAYS,
KORKYT_RATE_API_WRITES, KORKYT_RATE_TOKENS, KORKYT_RATE_INVITATIONS, KORKYT_TRUSTED_PROXIES,
KORKYT_CSP_REPORT_ONLY, KORKYT_MEDIA_S3_*, KORKYT_METRICS_DIRS.
See docs/deployment.md.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from korkyt.config import env
from korkyt.core.countries import cldr_overrides
from korkyt.core.csp import policies as csp_policies

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = env.base_dir()
VAR_DIR = BASE_DIR / "var"

KORKYT_ENV = env.env_str("KORKYT_ENV", "local").lower()
PRODUCTION = KORKYT_ENV == "production"
DEBUG = env.env_bool("DEBUG", False)
SECRET_KEY = env.secret_key(VAR_DIR, debug=DEBUG, production=PRODUCTION)
# The local default serves this machine only; production names its hosts (Django's test client host,
# "testserver", is added by the test settings, never here).
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when KORKYT_ENV=production")
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "ninja",
    "sorl.thumbnail",  # thumbnails of images (korkyt.core.images.files); its key-value table
    "auditlog",  # before korkyt.core: core's admin replaces auditlog's admin of the audit entries
    "korkyt.core",
    "korkyt.accounts",
    "korkyt.institutions",
    "korkyt.catalogue",
    "korkyt.search",
    "korkyt.localization",
    "korkyt.events",
    "korkyt.coproduction",
    "korkyt.festival",
    "korkyt.web",
    # After Korkyt's apps, so that Korkyt's account pages and mail templates take precedence.
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "korkyt.core.metrics.MetricsMiddleware",  # counts every answer, by view and status
    "korkyt.core.middleware.RequestIdMiddleware",  # every answer carries X-Request-ID
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # scripts and styles from the site's files only (korkyt.core.csp)
    "korkyt.core.middleware.RejectLongUrlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "korkyt.core.middleware.ApiMiddleware",  # /api/: empty query values absent, JSON 405 and 413
    "korkyt.core.middleware.RejectBadTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "korkyt.accounts.middleware.ApiWriteRateLimitMiddleware",  # 429 past KORKYT_RATE_API_WRITES
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# django-auditlog's own LogEntry is swapped for core.AuditEntry: its migrations would only create an unused
# table (which also references content types and blocks their truncation), so they do not run.
MIGRATION_MODULES = {"auditlog": None}
# Audit log (docs/audit-and-workflows.md): django-auditlog writes field changes into core.AuditEntry, which
# also holds the platform's own entries (workflow transitions) written by korkyt.core.audit.audit_log.
AUDITLOG_LOGENTRY_MODEL = "core.AuditEntry"
AUDITLOG_DISABLE_REMOTE_ADDR = True  # the request id identifies the request; no addresses kept
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # fixtures (loaddata) are not changes made by anyone
# A masked field (``register(..., mask=...)``: secrets) is recorded as changed with no part of its value.
AUDITLOG_MASK_CALLABLE = "korkyt.core.audit.registry.masked"

ROOT_URLCONF = "korkyt.config.urls"
WSGI_APPLICATION = "korkyt.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "korkyt.web.context.site",
                "korkyt.web.seo.seo",
            ],
        },
    },
    # Jinja2, auto-escaped, for the few templates rendered thousands of times per page (the editor's rows).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": True},
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
# PostgreSQL connections are kept for a minute (checked before reuse): a new one per request costs a server
# process and cold caches; SQLite only opens a file.
_default_db = f"sqlite:///{VAR_DIR / 'korkyt.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(env.env_str("DATABASE_URL") or _default_db, conn_health_checks=True)
    }
except ValueError as _error:  # dj_database_url's ParseError, UnknownSchemeError; never echo the password
    _reason = _error.__cause__ or _error
    raise ImproperlyConfigured(
        "DATABASE_URL is not a database address (e.g. postgres://user:password@host:5432/name): "
        f"{type(_reason).__name__}: {_reason}"
    ) from None
_persistent = PRODUCTION or DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.env_int(
    "KORKYT_DB_CONN_MAX_AGE", 60 if _persistent else 0, minimum=0
)
# Search statements are prepared on the server and planned once per connection (korkyt.search.db); Django's
# own queries are not prepared. Off (0) behind a transaction-pooling PgBouncer older than 1.21.
KORKYT_DB_PREPARED = env.env_bool("KORKYT_DB_PREPARED", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and KORKYT_DB_PREPARED:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
    given = DATABASES["default"]["OPTIONS"].get("options", "")  # e.g. from ?options= in DATABASE_URL
    DATABASES["default"]["OPTIONS"]["options"] = f"{given} -c plan_cache_mode=force_generic_plan".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in by email address as well as by username (django-allauth).
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:staff"
LOGOUT_REDIRECT_URL = "web:home"

# Login rate limiting (django-axes): lock an account+address after N failures for M minutes. The account
# is the one the typed name resolves to (any case of its username, or its email address: one counter per
# account); the address is the client's as allauth resolves it behind KORKYT_TRUSTED_PROXIES
# (korkyt/accounts/lockout.py).
AXES_FAILURE_LIMIT = env.env_int("KORKYT_LOGIN_ATTEMPTS", 5, minimum=1)
AXES_COOLOFF_TIME = env.env_int("KORKYT_LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "korkyt.accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "korkyt.accounts.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# Accounts of people outside the agencies (django-allauth; see docs/accounts.md). The sign-in page stays
# Korkyt's own (django-axes counts its failures); sign-up, address verification and password reset are
# allauth's, with Korkyt's templates and mail sent by the core.send_mail task.
ACCOUNT_ADAPTER = "korkyt.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Korkyt · "
ACCOUNT_SIGNUP_OPEN = env.env_bool("KORKYT_SIGNUP_OPEN", True)
ACCOUNT_RATE_LIMITS = {
    "signup": "10/m/ip,50/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "10/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "change_password": "5/m/user",
}
ACCOUNT_LOGOUT_REDIRECT_URL = "web:home"
# The platform's own rate limits (core/ratelimit.py, allauth's rate syntax: "amount/duration[,…]" with s,
# m, h or d; empty = no limit), per user or per client IP when anonymous, counted in the cache
# (docs/deployment.md).
KORKYT_RATE_API_WRITES = env.env_str("KORKYT_RATE_API_WRITES", "120/m,2000/h")
KORKYT_RATE_TOKENS = env.env_str("KORKYT_RATE_TOKENS", "10/h")
KORKYT_RATE_INVITATIONS = env.env_str("KORKYT_RATE_INVITATIONS", "20/h")  # invitations to a role, per inviter
# Proxies in front of Django that append to X-Forwarded-For (nginx of deploy/: 1); 0 = the client is
# REMOTE_ADDR and X-Forwarded-For is ignored. Every per-address limit (these, allauth's and the sign-in
# lockout of django-axes) takes the client's address from allauth's resolution with it; behind a proxy,
# without it, every client is the proxy's one address.
ALLAUTH_TRUSTED_PROXY_COUNT = env.env_int("KORKYT_TRUSTED_PROXIES", 0, minimum=0)

# Days after an event ends before its participants' personal answers are erased (docs/events.md).
KORKYT_EVENT_DATA_DAYS = env.env_int("KORKYT_EVENT_DATA_DAYS", 365, minimum=1)

# Mail: SMTP when EMAIL_HOST is set (production); otherwise every message is written as a file under
# var/mail/ (the embedded default: open the newest file to follow a sign-up link).
EMAIL_HOST = env.env_str("EMAIL_HOST")
EMAIL_FILE_PATH = VAR_DIR / "mail"
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_PORT = env.env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_USE_SSL = env.env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "Korkyt <noreply@korkyt.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address the about and privacy pages give for questions and data requests (default: DEFAULT_FROM_EMAIL).
KORKYT_CONTACT_EMAIL = env.env_str("KORKYT_CONTACT_EMAIL", "")

# Languages: the eight UI languages.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
    ("az", _("Azerbaijani")),
    ("ky", _("Kyrgyz")),
    ("tk", _("Turkmen")),
    ("tr", _("Turkish")),
    ("uz", _("Uzbek")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Number and date formats where Django's differ from CLDR or are missing (en, az, kk, ky, tk, tr).
FORMAT_MODULE_PATH = ["korkyt.config.formats"]
# Every country named in the interface language from CLDR (django-countries lacks kk, az, ky, tk, uz).
COUNTRIES_OVERRIDE = cldr_overrides()
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Media files are written whole or not at all (a temporary name, linked to the real one when complete), or
# go to an S3-protocol bucket when KORKYT_MEDIA_S3_BUCKET is set (env.media_storage, docs/deployment.md).
STORAGES = {
    "default": env.media_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Thumbnails (korkyt.core.images.files): sorl-thumbnail's Pillow engine, written on the media storage above
# under thumbs/ (thumbs/xx/yy/<hash>.jpg), what exists remembered in the database and the cache.
THUMBNAIL_ENGINE = "sorl.thumbnail.engines.pil_engine.Engine"
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_STORAGE = "default"
THUMBNAIL_PREFIX = "thumbs/"
THUMBNAIL_FORMAT = "JPEG"
THUMBNAIL_QUALITY = 85
THUMBNAIL_PROGRESSIVE = True
THUMBNAIL_UPSCALE = False
THUMBNAIL_PRESERVE_FORMAT = False
THUMBNAIL_DEBUG = False
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# One upload limit for every file a person sends (subtitle tracks, memorandum documents, TMX/TBX imports),
# read through korkyt.core.uploads; Django's own request limits are derived from it.
KORKYT_MAX_UPLOAD_MB = env.env_int("KORKYT_MAX_UPLOAD_MB", 20, minimum=1)
# Machine-translation engines for pre-translation (korkyt.mt Router config; empty: the MT step is skipped).
KORKYT_MT_ENGINES = env.env_json_list("KORKYT_MT_ENGINES")
# A request body other than uploaded files (e.g. JSON) may be as large as one upload; uploaded files above
# 2 MB (or the limit, if smaller) are streamed to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = KORKYT_MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = min(2 * 1024 * 1024, DATA_UPLOAD_MAX_MEMORY_SIZE)

# Security: HTTPS settings on in production (or when KORKYT_HTTPS=true behind a TLS proxy).
HTTPS = env.env_bool("KORKYT_HTTPS", PRODUCTION)
SECURE_SSL_REDIRECT = HTTPS

# The site's public address, for links written where no request is at hand (mail, PDF certificates). Unset
# or blank: in production the first of ALLOWED_HOSTS that names one host (a mail must never send a reader
# to localhost), else this machine's development server.
_named_hosts = [h for h in ALLOWED_HOSTS if h and not h.startswith((".", "*")) and h != "127.0.0.1"]
KORKYT_BASE_URL = (
    env.env_str("KORKYT_BASE_URL")
    or (f"{'https' if HTTPS else 'http'}://{_named_hosts[0]}" if PRODUCTION and _named_hosts else "")
    or "http://localhost:8000"
).rstrip("/")
# Probes from the machine itself (load balancer, systemd, monitoring) speak plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.env_int("KORKYT_HSTS_SECONDS", 31536000, minimum=0) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp, korkyt.core.csp): scripts and styles only from the site's own files,
# nothing inline. KORKYT_CSP_REPORT_ONLY=true sends it as Content-Security-Policy-Report-Only.
KORKYT_CSP_REPORT_ONLY = env.env_bool("KORKYT_CSP_REPORT_ONLY", False)
CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = csp_policies(KORKYT_CSP_REPORT_ONLY)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"  # links in mail

# Celery: Redis in production; a filesystem broker under var/broker/ needs no server. Its exchange table
# (control_folder) lives there too, never in the current directory.
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost//"
_broker_dir = VAR_DIR / "broker"
# The longest a task may run (the worker stops it after this); imports of 100 MB files take minutes.
# A minute before it, the task is told (SoftTimeLimitExceeded) and fails its job with a message; the soft
# limit is always below the hard one (else the worker kills the task before it can say so).
KORKYT_TASK_TIME_LIMIT = env.env_int("KORKYT_TASK_TIME_LIMIT", 3600, minimum=60)
CELERY_TASK_TIME_LIMIT = KORKYT_TASK_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = min(max(KORKYT_TASK_TIME_LIMIT - 60, 30), KORKYT_TASK_TIME_LIMIT - 1)
# Redis gives an unacknowledged message to another worker after the visibility timeout: it must be longer
# than the longest task plus its retry backoff, or a long task runs twice.
KORKYT_BROKER_VISIBILITY_TIMEOUT = env.env_int(
    "KORKYT_BROKER_VISIBILITY_TIMEOUT", 2 * KORKYT_TASK_TIME_LIMIT, minimum=1
)
if REDIS_URL and KORKYT_BROKER_VISIBILITY_TIMEOUT <= KORKYT_TASK_TIME_LIMIT + 600:
    raise ImproperlyConfigured(
        f"KORKYT_BROKER_VISIBILITY_TIMEOUT ({KORKYT_BROKER_VISIBILITY_TIMEOUT} s) must exceed "
        f"KORKYT_TASK_TIME_LIMIT ({KORKYT_TASK_TIME_LIMIT} s) plus 600 s of retry backoff, "
        "or Redis hands a running task to a second worker"
    )
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = (
    {"visibility_timeout": KORKYT_BROKER_VISIBILITY_TIMEOUT}
    if REDIS_URL
    else {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = None  # no result backend: nothing for beat to clean
CELERY_TASK_ALWAYS_EAGER = env.env_bool("KORKYT_CELERY_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic work (Celery beat): the jobs apps register in korkyt.core.jobs.periodic; schedule file in var/.
CELERY_BEAT_SCHEDULER = "korkyt.core.jobs.periodic:Scheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Background jobs: a job queued this long with no worker on it, or running with no sign of life this long,
# is failed with the reason and can be retried; finished jobs (and their files) are kept this many days.
KORKYT_JOB_QUEUED_MINUTES = env.env_int("KORKYT_JOB_QUEUED_MINUTES", 30, minimum=1)
KORKYT_JOB_HEARTBEAT_MINUTES = env.env_int("KORKYT_JOB_HEARTBEAT_MINUTES", 15, minimum=1)
KORKYT_JOB_RETENTION_DAYS = env.env_int("KORKYT_JOB_RETENTION_DAYS", 30, minimum=1)

# Logs: one JSON object per line with the request id (and task id) in production; plain text locally.
KORKYT_LOG_FORMAT = env.env_str("KORKYT_LOG_FORMAT", "json" if PRODUCTION else "plain").lower()
if KORKYT_LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured("KORKYT_LOG_FORMAT must be json or plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "korkyt.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": KORKYT_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.env_str("KORKYT_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # WeasyPrint says at INFO each step of every PDF it draws (programme, dossier, dubbing script)
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Prometheus metrics at /metrics, for a scraper sending "Authorization: Bearer <token>"; unset: no endpoint.
KORKYT_METRICS_TOKEN = env.env_str("KORKYT_METRICS_TOKEN")
# Multiprocess mode: other processes' folders added to this one's (the workers' PROMETHEUS_MULTIPROC_DIR).
KORKYT_METRICS_DIRS = env.env_list("KORKYT_METRICS_DIRS", [])

NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 200
