"""Settings for Reageerwijzer, read from the environment.

With no DATABASE_URL and no REDIS_URL set, the *embedded default* applies: a SQLite file and an
on-disk Celery broker under ``var/``, so a fresh checkout runs the whole loop with nothing else
installed. With them set, PostgreSQL (psycopg 3) and Redis (broker, results, cache) are used.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _embedded_secret_key() -> str:
    """A random key kept in var/ so sessions survive a restart of the embedded default."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or _embedded_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Platform tokens are encrypted with these Fernet keys (comma-separated, newest first; older
# keys still decrypt, so a key can be rotated). Without one, a key is derived from SECRET_KEY.
FIELD_ENCRYPTION_KEY = env.list("FIELD_ENCRYPTION_KEY", default=[])

PLATFORMS_ENABLED = env.list("PLATFORMS_ENABLED", default=["demo", "facebook", "instagram"])
# The string Meta's webhook handshake must echo; empty refuses every handshake.
META_WEBHOOK_VERIFY_TOKEN = env.str("META_WEBHOOK_VERIFY_TOKEN", default="")
GRAPH_API_URL = env.str("GRAPH_API_URL", default="https://graph.facebook.com/v25.0")
DEMO_SEED = env.int("DEMO_SEED", default=42)
# A demo page publishes a new comment every this many seconds (it "keeps producing").
DEMO_COMMENT_INTERVAL_SECONDS = env.float("DEMO_COMMENT_INTERVAL_SECONDS", default=20.0)
SYNC_INTERVAL_SECONDS = env.int("SYNC_INTERVAL_SECONDS", default=60)
DEMO_SYNC_INTERVAL_SECONDS = env.int("DEMO_SYNC_INTERVAL_SECONDS", default=10)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "accounts",
    "codeofconduct",
    "moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.CurrentOrganisationMiddleware",
    "accounts.middleware.ContentSecurityPolicyMiddleware",
]

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
                "accounts.context_processors.organisation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'reageerwijzer.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web server and worker write one SQLite file at once: wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not shared-cache memory, for tests too: the live server, a worker thread and the
    # test itself then wait for each other's writes instead of failing with "table is locked".
    # One file per test process, so that two test runs on one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-reageerwijzer-{os.getpid()}.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Broker, results, cache -----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Redis hands an unacknowledged acks_late task (a sync) to a worker again after this many
    # seconds, e.g. when its worker was killed mid-sync. Keep it above every task's runtime and
    # retry countdown (600 s at most), or a running task is started a second time.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
else:
    _celery_dir = VAR_DIR / "celery"
    for _sub in ("queue", "processed", "results", "control"):
        (_celery_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_celery_dir / 'results'}"
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Brussels"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Fans out one sync task per connection whose interval has passed.
    "enqueue-due-syncs": {"task": "moderation.tasks.enqueue_due_syncs", "schedule": 5.0},
    "fire-due-follow-ups": {"task": "moderation.tasks.fire_due_follow_ups", "schedule": 60.0},
    "remind-overdue-escalations": {"task": "moderation.tasks.remind_overdue_escalations", "schedule": 900.0},
    # Platform actions whose task vanished (killed worker, broker restart): see moderation/recovery.py.
    "requeue-stalled-actions": {"task": "moderation.tasks.requeue_stalled_actions_task", "schedule": 600.0},
    "delete-expired-evidence": {
        "task": "moderation.tasks.delete_expired_evidence",
        "schedule": crontab(hour=3, minute=45),  # https://crontab.guru/#45_3_*_*_*
    },
    "remind-code-reviews": {
        "task": "codeofconduct.tasks.remind_code_reviews",
        "schedule": crontab(hour=7, minute=30),  # https://crontab.guru/#30_7_*_*_*
    },
    "apply-strike-retention": {
        "task": "codeofconduct.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=50),  # https://crontab.guru/#50_3_*_*_*
    },
    "retrain-classifiers": {
        "task": "moderation.tasks_classifier.retrain_classifiers_nightly_task",
        "schedule": crontab(hour=2, minute=30),  # https://crontab.guru/#30_2_*_*_*
    },
    "refresh-insights": {"task": "moderation.tasks_insights.refresh_insights", "schedule": 300.0},
    "rollup-insights": {
        "task": "moderation.tasks_insights.rollup_insights",
        "schedule": crontab(hour=2, minute=45),  # https://crontab.guru/#45_2_*_*_*
    },
    "send-weekly-digests": {
        "task": "moderation.tasks_insights.send_weekly_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),  # https://crontab.guru/#0_7_*_*_1
    },
    "expire-strikes": {
        "task": "codeofconduct.tasks.expire_strikes",
        "schedule": crontab(hour=3, minute=15),  # https://crontab.guru/#15_3_*_*_*
    },
}

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "moderation:inbox"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Login hardening: lockout after failed logins, optional TOTP two-step login -------------
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("accounts.middleware.CurrentOrganisationMiddleware") + 1,
    "accounts.twofactor.TwoFactorMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last: turns a lockout into our login page
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username+IP before checking
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not personal data we need to keep
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# The client address is REMOTE_ADDR unless a known number of proxies sets X-Forwarded-For;
# trusting that header without a proxy would let anyone pick a fresh "address" per try.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
OTP_TOTP_ISSUER = "Reageerwijzer"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # and never longer than SESSION_COOKIE_AGE on the server
# Tokens and secrets never appear in an error report, decorated or not (accounts/errorreports.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "accounts.errorreports.SecretsReporterFilter"

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

# --- Static ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# WhiteNoise serves static files from the web process itself (runserver without DEBUG, gunicorn);
# with finders on, no collectstatic step is needed for the embedded default.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Absolute links in e-mails (department answer links) start with this.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
ESCALATION_LINK_DAYS = env.int("ESCALATION_LINK_DAYS", default=14)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="reageerwijzer@localhost")

FORMS_URLFIELD_ASSUME_HTTPS = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env.bool("PRODUCTION", default=False):
    if not env.str("SECRET_KEY", default=""):
        raise ImproperlyConfigured("PRODUCTION=True needs SECRET_KEY from the environment.")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# LOG_FORMAT=json: one JSON object per line (config/logging.py), for web and worker alike.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'plain' or 'json'.")
if LOG_FORMAT == "json":
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # keep our handler: Celery would install its plain one

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logging.JSONFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
