"""Settings for Jämlik, read only from the environment (see docs/configuration.md)."""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from jamlik.lib.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)


def _development_secret_key() -> str:
    # Kept in var/ so that sessions survive restarts of a development server.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env_secret("SECRET_KEY") or _development_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The CSRF failure page in the site's language and layout (jamlik/templates/403_csrf.html).
CSRF_FAILURE_VIEW = "jamlik.lib.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "jamlik.security",
    "jamlik.ops",  # before django_tasks_db: its db_worker lowers the CPU priority
    "django_tasks",
    "django_tasks_db",
    "jamlik.tokens",
    "jamlik.organisations",
    "jamlik.programs",
    "jamlik.partners",
    "jamlik.people",
    "jamlik.workshops",
    "jamlik.activities",
    "jamlik.needs",
    "jamlik.surveys",
    "jamlik.governance",
    "jamlik.finance",
    "jamlik.reports",
    "jamlik.goals",
    "jamlik.premises",
    "jamlik.volunteers",
    "jamlik.communication",
    "jamlik.strategy",
    # Last, as its documentation asks: deletes a FileField's file once the row is deleted or
    # the file replaced (after the commit), so certificates and report files do not outlive
    # their rows.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "jamlik.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jamlik.security.middleware.IdleTimeoutMiddleware",
    "jamlik.security.middleware.TwoFactorMiddleware",
    # Axes turns a locked-out login into its lockout page; it must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jamlik.urls"
WSGI_APPLICATION = "jamlik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jamlik" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jamlik.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "jamlik" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "jamlik" / "static"]
# Uploaded files (letters of intent, …) are private: served only through views that check access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Readable by the server's user only: uploads may name people.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Security: safe by default; a development server over plain http turns these off.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS redirect and HSTS are on without DEBUG; turn them off only behind a proxy that does both.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
# Subdomains and the browsers' preload list concern the whole domain (often a municipality's):
# opt-in choices, so check --deploy does not warn about them.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None

# Content Security Policy (django-csp): no inline scripts, styles or handlers, nothing from
# elsewhere; charts are data: images. Templates keep scripts in jamlik/static/jamlik/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Login throttling (django-axes): a username or an address that fails LOGIN_FAILURE_LIMIT
# times within LOGIN_LOCKOUT_MINUTES is locked for that long (the admin can unlock).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jamlik.security.throttling.lockout_response"
# Behind a proxy the client's address is the last one the proxy appended to X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "jamlik.security.throttling.client_ip" if BEHIND_TLS_PROXY else None

# Two-factor authentication (django-otp): required for these roles ("admin": a superuser);
# "leader" and "researcher" are program roles.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", ["leader", "researcher", "admin"])
_ROLES = {"leader", "promoter", "hub", "steering", "researcher", "viewer", "admin"}
if not set(TWO_FACTOR_REQUIRED_ROLES) <= _ROLES:
    raise ImproperlyConfigured(f"TWO_FACTOR_REQUIRED_ROLES: use some of {sorted(_ROLES)}")
OTP_TOTP_ISSUER = "Jämlik"

# Sessions on shared tablets: signed out after this many idle minutes and when the browser closes.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30, minimum=1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "jamlik@localhost")
# The site's own domain, for what must name it outside a request (calendar UIDs).
SITE_DOMAIN = env_str("SITE_DOMAIN", ALLOWED_HOSTS[0] if ALLOWED_HOSTS else "localhost")

# Domain settings.
# Published counts below this are shown as "<N"; DESIGN.md: never below 3.
SUPPRESS_BELOW = env_int("SUPPRESS_BELOW", 5, minimum=3)
# A participant who attends in at least this many distinct ISO weeks is "recurring".
RECURRING_MIN_WEEKS = env_int("RECURRING_MIN_WEEKS", 6, minimum=1)
# The outreach list: who came at least OUTREACH_MIN_VISITS times in a workshop and has not
# come to the program for OUTREACH_AFTER_WEEKS weeks.
OUTREACH_AFTER_WEEKS = env_int("OUTREACH_AFTER_WEEKS", 4, minimum=1)
OUTREACH_MIN_VISITS = env_int("OUTREACH_MIN_VISITS", 3, minimum=2)
# Seconds a public calendar page may be cached by browsers and proxies.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300, minimum=0)
# Sites that may frame the public calendar's snippet (CSP frame-ancestors); "*" any site.
PUBLIC_EMBED_ANCESTORS = env_list("PUBLIC_EMBED_ANCESTORS", ["*"])
# Compare every cached figure with a recomputation (the test suite turns it on).
FIGURES_CACHE_CHECK = env_bool("FIGURES_CACHE_CHECK", False)
# Largest upload accepted by the web import, in megabytes.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_MB * 1024 * 1024
# `jamlik retention` erases or anonymises participants not seen for this many months.
RETENTION_MONTHS = env_int("RETENTION_MONTHS", 36, minimum=1)
# Largest document accepted (letters of intent, …: jamlik/lib/uploads.py), in megabytes.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 10, minimum=1)
# The dashboard reminds to repeat the stakeholder analysis after this many months.
STAKEHOLDER_REVIEW_MONTHS = env_int("STAKEHOLDER_REVIEW_MONTHS", 12, minimum=1)

# Production serving, background tasks, logs (issue 16; docs/deployment.md) ---------------
# Static files: WhiteNoise serves the compressed, hashed files that `collectstatic` wrote
# to STATIC_ROOT (strict: a file missing from the manifest is an error). The test suite
# swaps in the plain storage (conftest.py) so that it runs without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Slow work (report files, agenda e-mails) runs as a task: inline by default, so that the
# demo and a plain development server need nothing more; `database` queues it for
# `jamlik db_worker`, which production runs beside the web server.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {TASKS_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
# `jamlik db_worker` runs at this niceness (0-19; 0 leaves it) so web requests go first.
TASK_WORKER_NICE = env_int("TASK_WORKER_NICE", 10, minimum=0)
# SMTP for the smtp e-mail backend (a relay on this host by default).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# API tokens expire after this many days at most.
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365, minimum=1)

# One JSON object per line on standard output; requests are logged by jamlik.ops.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "jamlik.ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "jamlik.request": {"level": env_str("REQUEST_LOG_LEVEL", "INFO")},
        # The request log has each request once; Django's own line would repeat it.
        "django.request": {"level": "ERROR"},
    },
}
