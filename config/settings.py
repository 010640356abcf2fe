"""Accord settings: one module, every deploy-time value from the environment.

The defaults are the embedded ones `make run` uses (SQLite, a file-system Celery broker, mail
written to files); production sets DATABASE_URL, REDIS_URL, SECRET_KEY and EMAIL_URL.
"""

import sys
from datetime import date
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config import api_settings, beat, languages
from config.keys import (
    old_codes_until_problem,
    previous_public_keys_problem,
    production_key_problems,
    webhook_networks_problem,
)
from config.storage import bucket_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("ACCORD_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
# A development checkout keeps its own values in .env (`make run` writes DEBUG=true there);
# the real environment always wins, and production has no .env.
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    # django-otp's framework; the devices are our own (logistics.core.accounts.models), which keep
    # the authenticator's key and the recovery codes encrypted.
    "django_otp",
    "logistics",
    "accreditation",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.RequestSizeLimit",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.languages.StaffLanguages",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "logistics.core.accounts.middleware.SecondFactorMiddleware",
    # auditlog's, after authentication: the audit trail's actor (or API key, or public link).
    "logistics.core.audit.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# No form or upload of Accord needs more in one request: a delegation's registration with its
# members' photos (5 MB each at most) and credentials, a media application's four files, an
# import file.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=100 * 1024 * 1024)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "logistics.core.context_processors.accord",
                "accreditation.context_processors.accreditation",
                "privacy.context_processors.privacy",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'accord.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server, the worker and beat share the file without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20,
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound on the server, so that psycopg prepares a statement run often on a
    # connection and PostgreSQL keeps its plan: the scan path's select of a badge with its
    # holder cost ten times more to plan than to run. Not behind a pooler in transaction
    # mode (docs/OPERATIONS.md); DB_PREPARE_THRESHOLD= (empty) turns preparing off.
    _threshold = env.str("DB_PREPARE_THRESHOLD", default="5")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True,
         "prepare_threshold": int(_threshold) if _threshold else None})
# Connections kept between requests: a new one costs more than a scan (PostgreSQL starts a
# backend; SQLite reads the whole schema again, some 10 ms).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "logistics:dashboard"
LOGOUT_REDIRECT_URL = "login"
# Staff in the roles that see personal data (logistics.core.accounts.PERSONAL_DATA_ROLES) must
# enrol a TOTP second factor before any staff page or session API call; others may.
TOTP_REQUIRED = env.bool("TOTP_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Accord"

# The committee's language: the staff UI's default, and the mails' when the recipient's is
# not known. The public pages speak seven languages, the staff UI three (config.languages).
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = languages.LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/jsqr", NODE_MODULES / "jsqr" / "dist"),
    ("vendor/tom-select", NODE_MODULES / "tom-select" / "dist"),
]
# Uploads and badge PDFs: this machine's disk (MEDIA_ROOT) by default; on several machines a
# private S3-compatible bucket that every web server and worker shares (config/storage.py).
# Files leave only through the permission-checked file routes, never by a bucket URL.
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    _file_storage = bucket_storage(
        bucket=S3_BUCKET, endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
        region=env.str("S3_REGION", default=""),
        access_key=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""))
else:
    _file_storage = {"BACKEND": "config.storage.LocalStorage"}
STORAGES = {
    "default": _file_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "media/"

# Mail: files under var/mail by default so that the demo's reminders can be read without a
# mail server; production sets EMAIL_URL=smtp://user:password@host:587/?tls=True.
# Three slashes and an absolute path: django-environ drops the first slash of the path.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default=f"filemail:///{VAR_DIR / 'mail'}")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Accord <accord@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # seconds; a hung mail server is an error

# Redis, when given, is both the Celery broker and the cache.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Redis down or hung, the cache misses within a second instead of failing the page.
    CACHES = {"default": {"BACKEND": "config.cache.TolerantRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
else:
    # kombu's file-system transport needs no server: the web process, the worker and beat
    # exchange messages through a folder.
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it for another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 5 * 60  # no task may hold a worker longer; see STALE_AFTER
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must not hold a page: kombu would retry a refused publish for most of
# a second, and wait forever on a Redis that accepts connections but does not answer. With
# these, a publish gives up within about twice CELERY_BROKER_TIMEOUT seconds (one retry, for
# a pooled connection that went stale), and logistics.core.queueing keeps the message in the
# database for the resend sweep.
CELERY_BROKER_TIMEOUT = env.float("CELERY_BROKER_TIMEOUT", default=1.0)
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_BROKER_TIMEOUT
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0,
                                    "interval_step": 0.2, "interval_max": 0.2}
if REDIS_URL:
    # A message taken by a worker that died before acknowledging it (acks_late) goes back to
    # the queue this long after delivery. It must exceed the longest task (a badge batch, an
    # hour) and the longest retry countdown (a webhook's, an hour), or a task still running
    # or waiting would run twice. The tests of faults set it to seconds.
    _visibility = env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": CELERY_BROKER_TIMEOUT,
        "socket_timeout": CELERY_BROKER_TIMEOUT,
        "visibility_timeout": _visibility,
        # Look for such messages about ten times per visibility timeout (at most every
        # 100 s, kombu's default).
        "unacked_restore_interval": max(1, min(100, _visibility // 10)),
        "unacked_restore_throttle": 1,
        # The scan for such messages takes a lock in Redis; a worker killed while holding it
        # (the very case the scan is for) would keep every other worker from scanning for
        # kombu's default of 5 minutes. A scan takes milliseconds.
        "unacked_mutex_expire": max(5, min(300, _visibility // 10)),
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Personal data purged this many days after each event's last day, nightly (privacy app,
# docs/PERSONAL_DATA.md); unset: never automatically, only by the purge_personal_data command.
PURGE_AFTER_DAYS = env.int("PURGE_AFTER_DAYS", default=None)
CELERY_BEAT_SCHEDULE = beat.schedule(env, purge_after_days=PURGE_AFTER_DAYS)

# Defaults for every event; each Event may override them.
ACCORD_REMINDERS = {
    "DUE_SOON_DAYS": env.int("REMINDER_DUE_SOON_DAYS", default=3),
    "ESCALATE_AFTER_DAYS": env.int("REMINDER_ESCALATE_AFTER_DAYS", default=3),
    "DIGEST_HOUR": env.int("REMINDER_DIGEST_HOUR", default=7),
    "WEEKLY_WEEKDAY": env.int("REMINDER_WEEKLY_WEEKDAY", default=0),  # Monday
    "WEEKLY_HOUR": env.int("REMINDER_WEEKLY_HOUR", default=8),
}

# Personal data at rest. ID document numbers are encrypted with the first of these Fernet
# keys and read with any of them, so a new key goes first and the old one stays until every
# row is re-encrypted. The keyed hash that finds duplicates without decrypting has its own
# key. Without them (development only), both are derived from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
ID_INDEX_KEY = env.str("ID_INDEX_KEY", default="")
# The private key (PEM, EC P-256) that signs badge QR codes; scanners check them offline with
# the public half. Without it (development only), one is derived from SECRET_KEY.
BADGE_SIGNING_KEY = env.str("BADGE_SIGNING_KEY", default="").replace("\\n", "\n")
# The public halves of earlier signing keys (base64 SubjectPublicKeyInfo, comma-separated):
# badges printed under them still open until their key is taken off this list.
BADGE_PREVIOUS_PUBLIC_KEYS = env.list("BADGE_PREVIOUS_PUBLIC_KEYS", default=[])
if _previous_keys_problem := previous_public_keys_problem(BADGE_PREVIOUS_PUBLIC_KEYS):
    raise ImproperlyConfigured(_previous_keys_problem)
# Badges printed before key ids (ACC1 codes) open, in either form of their signature, up to
# and including this day at the venue (YYYY-MM-DD), online and offline; from the next day
# they are refused as forged. Empty (the default): no last day, so that an upgrade does not
# stop the badges already printed. Reissue them, then set it (docs/OPERATIONS.md).
_old_codes_until = env.str("BADGE_OLD_CODES_UNTIL", default="")
if _old_codes_problem := old_codes_until_problem(_old_codes_until):
    raise ImproperlyConfigured(_old_codes_problem)
BADGE_OLD_CODES_UNTIL = date.fromisoformat(_old_codes_until) if _old_codes_until else None
# Commands that read only the code, never data or keys: a build or a CI step may run them
# without the production secrets (`manage.py makemigrations --check`).
_CODE_ONLY_COMMANDS = {"makemigrations"}
if not DEBUG and not _CODE_ONLY_COMMANDS & set(sys.argv[1:2]):
    # Production refuses to start on a weak or missing secret: each of these keys guards
    # personal data or the gates, and one derived from SECRET_KEY would change with it.
    _problems = production_key_problems(
        secret_key=SECRET_KEY, field_keys=FIELD_ENCRYPTION_KEYS, index_key=ID_INDEX_KEY,
        signing_key=BADGE_SIGNING_KEY)
    if _problems:
        raise ImproperlyConfigured(
            "Accord will not start with DEBUG off until its keys are set (for development: "
            "DEBUG=true). " + " ".join(_problems))

# Webhook deliveries go to public addresses only, and to these networks besides (a closed
# venue network: "10.20.0.0/16,fd00:1::/64"); WEBHOOK_CA_FILE adds the certificate
# authorities such a network's subscribers use (a PEM file) to the system's.
WEBHOOK_ALLOWED_NETWORKS = env.list("WEBHOOK_ALLOWED_NETWORKS", default=[])
WEBHOOK_CA_FILE = env.str("WEBHOOK_CA_FILE", default="")
if _network_problem := webhook_networks_problem(WEBHOOK_ALLOWED_NETWORKS):
    raise ImproperlyConfigured(_network_problem)
if env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=False):
    # The old all-or-nothing switch: refused rather than ignored, or a venue network's
    # subscribers would silently stop getting their deliveries after an upgrade.
    raise ImproperlyConfigured(
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES is gone: list the networks webhooks may reach in "
        "WEBHOOK_ALLOWED_NETWORKS (e.g. 10.20.0.0/16,fd00:1::/64) and unset it.")

REST_FRAMEWORK = api_settings.rest_framework(env)
# The public pages' limits per client address: each form's POSTs, and the iCal feeds.
PUBLIC_RATE_LIMITS = {
    "form": env.str("PUBLIC_RATE_FORM", default="30/10m"),
    "feed": env.str("PUBLIC_RATE_FEED", default="120/m"),
}
# The staff login: failed attempts (passwords and second-factor codes) per account from one
# client (an address; an IPv6 /64), per client across accounts, and per account from every
# client together, browsers holding the account's device cookie apart
# (logistics/core/accounts/throttle.py).
LOGIN_RATES = {
    "account": env.str("LOGIN_RATE_ACCOUNT", default="5/15m"),
    "address": env.str("LOGIN_RATE_ADDRESS", default="20/15m"),
    "account_total": env.str("LOGIN_RATE_ACCOUNT_TOTAL", default="10/15m"),
}
# Badge lookups at a gate (by printed number or name, when a code cannot be read) per gate
# operator (accreditation/gates/views.py).
GATE_LOOKUP_RATE = env.str("GATE_LOOKUP_RATE", default="10/m")
# Mails to one address the public typed (applicants, side-event organisers), per day; past
# it they are not sent (logistics/core/mail.py).
MAIL_PER_ADDRESS_PER_DAY = env.int("MAIL_PER_ADDRESS_PER_DAY", default=10)
# How many proxies of our own stand in front (X-Forwarded-For is believed that far and no
# further); 0 trusts none and counts REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SPECTACULAR_SETTINGS = api_settings.SPECTACULAR_SETTINGS

# Production hardening: on whenever DEBUG is off, so `check --deploy` is clean.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A conference day from first shift to last, counted from login (not renewed by each page):
# a badge office laptop left open overnight asks for the password again.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: a name holding markup that slipped past escaping still could not
# run or restyle a page. No page of ours has an inline script, style or on*= handler (a test
# scans the templates), so neither 'unsafe-inline' nor 'unsafe-eval' is needed: htmx's eval,
# indicator styles and settled style attributes are off (base.html), category colours come
# from a stylesheet view (accreditation/setup/category_styles.py), bars are sized from data
# attributes by accord.js. data: images are Bootstrap's SVG icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Error reports and log lines carry no personal data: logistics/core/redaction.py.
DEFAULT_EXCEPTION_REPORTER = "logistics.core.redaction.PersonalDataExceptionReporter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "logistics.core.redaction.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # pikepdf says at INFO that it started, once per process.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "pikepdf": {"level": "WARNING"}},
}
