"""Abierto settings: one file, read from the environment.

ABIERTO_ENV chooses the profile: ``development`` (default: SQLite, in-process cache, console
email, DEBUG on), ``test`` (set by the test suite) or ``production`` (secure cookies, HSTS,
MFA for staff; SECRET_KEY and ALLOWED_HOSTS are required). Everything else is an environment
variable with a safe default; see README.md ("Configuración").
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# Under pytest the profile is "test" unless ABIERTO_ENV says otherwise.
ENV = os.environ.get("ABIERTO_ENV") or ("test" if "pytest" in sys.modules else "development")
if ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"ABIERTO_ENV={ENV!r}: use development, test or production.")
PRODUCTION = ENV == "production"
VAR_DIR = Path(os.environ.get("ABIERTO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "si", "sí"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_limits(name: str, default: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Rate limits from ``NAME=limit=hits/seconds,...`` over the defaults (others kept)."""
    limits = dict(default)
    for item in env_list(name, []):
        limit, _eq, value = item.partition("=")
        hits, _slash, seconds = value.partition("/")
        if limit.strip() not in default or not hits.strip().isdigit() or not seconds.isdigit():
            raise ImproperlyConfigured(f"{name}: «{item}» no es nombre=usos/segundos.")
        limits[limit.strip()] = (int(hits), int(seconds))
    return limits


def development_secret_key() -> str:
    """A key generated once into var/ so sessions survive restarts; never committed."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", ENV == "development")
SECRET_KEY = os.environ.get("SECRET_KEY") or ""
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY es obligatorio con ABIERTO_ENV=production.")
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Ours first, so our templates override those of allauth and the admin.
    "abierto.core",
    "abierto.accounts",
    "abierto.plans",
    "abierto.forum",
    "abierto.content",
    "abierto.mesas",
    "abierto.proposals",
    "abierto.evaluation",
    "abierto.commitments",
    "abierto.opendata",
    "abierto.core.admin_config.AbiertoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    # allauth, axes and django-tasks-db under Spanish names in the admin (same app labels).
    "abierto.core.third_party_apps.EmailAddressesConfig",
    "abierto.core.third_party_apps.TwoStepConfig",
    "abierto.core.third_party_apps.AccessAttemptsConfig",
    "abierto.core.third_party_apps.BackgroundTasksConfig",
    "django_filters",
    # Imports every app's rules.py (per-object permissions, see abierto/core/permissions.py).
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",  # only for its Swagger UI static files (served by us, never a CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "abierto.core.middleware.PrivatePagesMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "abierto.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "abierto.core.middleware.LanguageMiddleware",
    # Public pages for anonymous visitors from the shared cache (abierto/core/pagecache.py).
    "abierto.core.pagecache.SharedPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "abierto.accounts.middleware.StaffMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the headers above (CSP, frames, ...), so a refused upload carries them too; no
    # middleware before it reads the body.
    "abierto.core.middleware.RequestSizeLimitMiddleware",
    "abierto.core.middleware.NulPathMiddleware",
    "axes.middleware.AxesMiddleware",
]
#: Bench mode (``make bench`` only, never a real site): the bare hello view at /bench/hola/
#: (R1, the framework's floor) and the SQL query count of each request in a response header.
ABIERTO_BENCH = env_bool("ABIERTO_BENCH", False)
if ABIERTO_BENCH:
    MIDDLEWARE.insert(0, "abierto.core.middleware.BenchQueryCountMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "abierto.core.context_processors.site",
            ],
        },
    },
]

# Form widgets and labels render with the project's templates (core overrides the label).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
SQLITE_OPTIONS = {
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock when a
    # transaction starts, so two writers queue instead of failing with "database is locked".
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=10000",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "abierto.sqlite3"}
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that serves as an empty cache while Redis is down (core/cache.py).
            "BACKEND": "abierto.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "abierto"),
            # A Redis that hangs costs a request two seconds at most, not a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks (django.tasks on the database; `manage.py task_worker` runs them) -------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_ADAPTER = "abierto.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gobierno Abierto] "
# Failed logins are counted and locked out by django-axes (AXES_* below), not twice by allauth.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("ABIERTO_SITE_NAME", "Gobierno Abierto Ecuador")
# Staff roles must use a second factor in production; demo accounts sign in directly.
ABIERTO_REQUIRE_STAFF_MFA = env_bool("ABIERTO_REQUIRE_STAFF_MFA", PRODUCTION)

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "abierto.accounts.adapters.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client address comes from one place (abierto.core.net.client_ip, django-ipware behind
# PROXY_COUNT proxies), for the lockout as for every rate limit.
AXES_CLIENT_IP_CALLABLE = "abierto.core.net.axes_client_ip"

# --- Client address and rate limits ----------------------------------------------------------
# Number of trusted reverse proxies in front of the app (each appends to X-Forwarded-For).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
# name -> (hits, seconds), fixed windows in the shared cache (abierto.core.ratelimit).
# Override some with ABIERTO_RATE_LIMITS="submit_email=3/3600,login_ip=20/3600".
ABIERTO_RATE_LIMITS = env_limits(
    "ABIERTO_RATE_LIMITS",
    {
        # Many people share one address (a mesa's wifi, a university, a mobile carrier): the
        # per-address limit only stops floods; the per-email limit is the one that bites.
        "submit_ip": (60, 3600),  # new final proposals per client address per hour
        "submit_email": (5, 3600),  # new final proposals per contact mailbox per hour
        "status_ip": (30, 600),  # tracking-code look-ups per client address per 10 minutes
        "recover_ip": (10, 3600),  # «¿Perdió su código?» requests per client address per hour
        "recover_email": (3, 3600),  # lost-code mails asked for one mailbox per hour
        "similar_ip": (240, 600),  # live "similar proposals" hints per address per 10 minutes
        "join_ip": (30, 3600),  # «Sumarse» requests per client address per hour
        "join_email": (5, 3600),  # adhesion links mailed to one mailbox per hour
        "report_ip": (20, 3600),  # «Denunciar» reports per client address per hour
        # Failed sign-ins per client address across every account (password spraying); the
        # per-account lockout is django-axes' (AXES_FAILURE_LIMIT).
        "login_ip": (30, 3600),
        # Mesa registrations (a full mesa must not be filled with invented addresses).
        "register_ip": (30, 3600),  # registrations per client address per hour
        "register_email": (6, 3600),  # registrations per mailbox per hour
        # Printable reports rendered to PDF on request (CPU): the published ones are files.
        "report_pdf_ip": (30, 600),
        # Writes through the API (progress reports, measurements) per personal token per hour.
        "api_write_token": (120, 3600),
    },
)
# A proposal form sent back sooner than this after it was opened is from a robot.
ABIERTO_PROPOSAL_MIN_SECONDS = int(os.environ.get("ABIERTO_PROPOSAL_MIN_SECONDS", "5"))

# --- Email: every message goes through the task queue, after commit ------------------------
# Django 6.1 mailers: "default" (what allauth, Django and our services use) only enqueues;
# the task worker delivers through "delivery": SMTP when EMAIL_HOST is set, else the console.
if os.environ.get("EMAIL_HOST"):
    EMAIL_DELIVERY = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ["EMAIL_HOST"],
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": 30,
        },
    }
elif ENV == "test":
    EMAIL_DELIVERY = {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
else:
    EMAIL_DELIVERY = {"BACKEND": "abierto.core.mail.ReadableConsoleBackend"}
MAILERS = {
    "default": {"BACKEND": "abierto.core.mail.QueuedEmailBackend"},
    "delivery": EMAIL_DELIVERY,
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Gobierno Abierto <no-responder@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Español")), ("en", _("Inglés"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing dates everywhere ("9 de junio de 2022"): the short formats match the long.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "America/Guayaquil"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "idioma"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION

# --- Static files and uploads ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# No MEDIA_URL is served: uploads are private and go out through views that check access.
STORAGES = {
    # FileSystemStorage that removes a half-written file when the disk is full.
    "default": {"BACKEND": "abierto.core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns when the folder is missing
#: Public pages are kept in the shared cache at most this long (0 switches the page cache
#: off); writes invalidate them at once, this only bounds what the clock alone changes.
#: Off by default in production without Redis: each worker's in-process cache would keep its
#: own pages and miss the other workers' writes (one process in development and tests).
ABIERTO_PAGE_CACHE_SECONDS = int(
    os.environ.get("ABIERTO_PAGE_CACHE_SECONDS", "60" if REDIS_URL or not PRODUCTION else "0")
)
ABIERTO_MAX_REQUEST_BYTES = int(os.environ.get("ABIERTO_MAX_REQUEST_BYTES", str(35 * 1024 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # No nonce: every script is a file of the site, and a page kept in the shared cache
    # (abierto/core/pagecache.py) is then as valid as a fresh one.
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS es obligatorio con ABIERTO_ENV=production.")

# --- Audit log --------------------------------------------------------------------------------
# Key of the HMAC that hides who acted in the public hash chain (core.audit.private_hash).
# Defaults to SECRET_KEY; set it explicitly before ever rotating SECRET_KEY, and keep it for as
# long as the audit log is verified (the verifier needs it to check the private part).
ABIERTO_AUDIT_SECRET = os.environ.get("ABIERTO_AUDIT_SECRET") or SECRET_KEY

# --- Site -----------------------------------------------------------------------------------
ABIERTO_SITE_NAME = os.environ.get("ABIERTO_SITE_NAME", "Gobierno Abierto Ecuador")
# Absolute address of the site, for links in emails (sent by the worker, outside any request).
ABIERTO_SITE_URL = os.environ.get("ABIERTO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ABIERTO_COUNTRY = os.environ.get("ABIERTO_COUNTRY", "Ecuador")
ABIERTO_DEMO_ACCOUNTS = ENV == "development"
# Licence of the open data (/datos/, every dataset, the footer): an SPDX id among
# CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, PDDL-1.0 (abierto/opendata/licenses.py).
ABIERTO_DATA_LICENSE = os.environ.get("ABIERTO_DATA_LICENSE", "CC-BY-4.0")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
