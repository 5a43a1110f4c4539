"""Settings shared by every environment. Environment modules set defaults, then import this."""

from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

from .env import env

SRC_DIR = Path(__file__).resolve().parent.parent  # src/regie
PROJECT_DIR = SRC_DIR.parent.parent  # repository root
VAR_DIR = Path(
    env("REGIE_VAR_DIR", str(PROJECT_DIR / "var"), "Folder for the SQLite file and uploads.")
)

SECRET_KEY = env("SECRET_KEY", "", "Django's secret key. Required in production.")
DEBUG = env("DEBUG", False, "Show technical error pages. Never in production.")
ALLOWED_HOSTS = env(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"],
    "Host names the app answers to (comma-separated).",
    list,
)
CSRF_TRUSTED_ORIGINS = env(
    "CSRF_TRUSTED_ORIGINS", [], "Origins trusted for CSRF behind a proxy (comma-separated).", list
)

# Demo mode: the Westfriesland demo region with its demo accounts, no second factor.
REGIE_DEMO = env(
    "REGIE_DEMO", False, "Demo mode: demo accounts, no second factor, banner on every page."
)
REGIE_REQUIRE_2FA = env(
    "REGIE_REQUIRE_2FA", True, "Staff must pass a TOTP second factor after the password."
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # our apps, lowest level first (see docs/adr/0002-layout.md)
    "regie.core",
    "regie.clients",
    "regie.intake",
    "regie.plans",
    "regie.progress",
    "regie.offer",
    "regie.reporting",
    "regie.decisions",
    "regie.exchange",
    "regie.portal",
    "regie.objections",
    "regie.api",
    "regie.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "regie.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "regie.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "regie.core.middleware.RequestContextMiddleware",
    "regie.core.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "regie.core.context_processors.shell",
            ],
        },
    }
]

# Database: DATABASE_URL chooses; SQLite (WAL, busy timeout, immediate transactions) by default.
DEFAULT_SQLITE = VAR_DIR / "regie.sqlite3"
DATABASE_URL = env(
    "DATABASE_URL",
    f"sqlite:///{DEFAULT_SQLITE}",
    "Database, e.g. postgres://user:pass@127.0.0.1:5432/regie. Default: SQLite in var/.",
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            " PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Sessions end after inactivity (sliding); the page warns before that and offers to extend.
SESSION_COOKIE_AGE = (
    env("SESSION_IDLE_MINUTES", 30, "Minutes of inactivity before a session ends.") * 60
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lock-out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env("LOGIN_FAILURE_LIMIT", 5, "Failed logins before an account is locked.")
# Short on purpose: anyone can lock an account by typing wrong passwords for it.
AXES_COOLOFF_TIME = env("LOGIN_LOCKOUT_MINUTES", 5, "Minutes an account stays locked.") / 60
AXES_LOCKOUT_PARAMETERS = ["username"]  # per account, from any address (core/throttling.py)
# axes.W006 asks for ip_address in the lock-out key: the per-address limit is core/throttling.py,
# with its own, higher limit (an office behind one proxy shares one address).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Per address: many failed logins (any usernames) from one IP block that IP for the window.
REGIE_LOGIN_IP_FAILURE_LIMIT = env(
    "LOGIN_IP_FAILURE_LIMIT", 20, "Failed logins from one IP address before it is blocked."
)
REGIE_LOGIN_IP_WINDOW_SECONDS = (
    env("LOGIN_IP_WINDOW_MINUTES", 15, "Window (and block time) for LOGIN_IP_FAILURE_LIMIT.") * 60
)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "regie.core.views.auth.lockout_response"
AXES_VERBOSE = False

# OpenID Connect login with a municipality's own identity provider (off by default).
OIDC_ENABLED = env("OIDC_ENABLED", False, "Offer login through an OpenID Connect provider.")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", "", "OIDC client id.")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", "", "OIDC client secret.")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", "", "OIDC authorize URL.")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", "", "OIDC token URL.")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", "", "OIDC userinfo URL.")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", "", "OIDC JWKS URL.")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256", "OIDC signing algorithm.")
OIDC_CREATE_USER = False  # accounts and roles are managed in Regie; the IdP only authenticates
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", "email", "Claim matched to the user's e-mail.")
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "regie.core.oidc.RegieOIDCBackend")
    LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"

# Internationalisation: Dutch first; the msgids are Dutch, English is a translation.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Nederlands")),
    ("en", _("Engels")),
    ("ar", _("Arabisch")),
    ("ti", _("Tigrinya")),
    ("uk", _("Oekraïens")),
]
# The staff screens offer Dutch and English; the newcomer's portal (regie.portal) all five.
STAFF_LANGUAGES = ["nl", "en"]
PORTAL_LANGUAGES = ["nl", "en", "ar", "ti", "uk"]
# Django does not know Tigrinya; add it to its language table (name, script direction).
EXTRA_LANG_INFO = {
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}
from django.conf import locale as _django_locale  # noqa: E402

for _code, _info in EXTRA_LANG_INFO.items():
    _django_locale.LANG_INFO.setdefault(_code, _info)
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["regie.formats"]
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_NAME = "regie_taal"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the newcomer's language choice is remembered

# The newcomer's portal: DigiD through the municipality's OpenID Connect broker (docs/portal.md).
REGIE_PORTAL_OIDC_ISSUER = env(
    "REGIE_PORTAL_OIDC_ISSUER", "", "Issuer URL of the DigiD OIDC broker (discovery below it)."
)
REGIE_PORTAL_OIDC_CLIENT_ID = env("REGIE_PORTAL_OIDC_CLIENT_ID", "", "Portal's OIDC client id.")
REGIE_PORTAL_OIDC_CLIENT_SECRET = env(
    "REGIE_PORTAL_OIDC_CLIENT_SECRET", "", "Portal's OIDC client secret."
)
REGIE_PORTAL_OIDC_SCOPE = env("REGIE_PORTAL_OIDC_SCOPE", "openid", "Scopes asked of the broker.")
REGIE_PORTAL_OIDC_BSN_CLAIM = env(
    "REGIE_PORTAL_OIDC_BSN_CLAIM", "bsn", "ID-token claim with the BSN."
)
REGIE_PORTAL_OIDC_LEVEL_CLAIM = env(
    "REGIE_PORTAL_OIDC_LEVEL_CLAIM", "acr", "ID-token claim with the DigiD level (SAML class)."
)
REGIE_PORTAL_MIN_LEVEL = env(
    "REGIE_PORTAL_MIN_LEVEL", "substantieel", "Lowest DigiD level accepted: substantieel or hoog."
)

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# Background work: Django's tasks framework (django-tasks backport) on the database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REGIE_WORKER_STALE_SECONDS = 60

# Pseudonymisation key for data-subject ids in the access log (keyed HMAC of the BSN).
REGIE_PSEUDONYM_KEY = env("REGIE_PSEUDONYM_KEY", "", "Key for the HMAC pseudonym of BSNs in logs.")

# REST API
# API rate limits (core/throttling.py), DRF notation: requests per second/min/hour/day.
REGIE_API_RATE_TOKEN = env("API_RATE_TOKEN", "1200/min", "API requests per token, e.g. 1200/min.")
REGIE_API_RATE_SESSION = env(
    "API_RATE_SESSION", "600/min", "API requests per logged-in session, e.g. 600/min."
)
# Counters of the limits above. The database cache is shared by every worker process; on SQLite
# the local-memory cache avoids a write per request (limits then count per process).
_CACHE_DEFAULT = "locmem" if DATABASES["default"]["ENGINE"].endswith("sqlite3") else "database"
REGIE_CACHE = env(
    "REGIE_CACHE", _CACHE_DEFAULT, "Cache for rate limits: database or locmem (SQLite default)."
)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "regie_cache"}
        if REGIE_CACHE == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "regie.core.drf.OrganisationTokenAuthentication",
        "regie.core.drf.ScopedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["regie.core.drf.HasPrincipal"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "regie.core.drf.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "regie.core.drf.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["regie.core.throttling.ApiRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON that is not JSON or nested too deeply: a Dutch 400 (core.requestlimits)
    "DEFAULT_PARSER_CLASSES": [
        "regie.core.requestlimits.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regie Inburgering API",
    "DESCRIPTION": (
        "REST API van Regie Inburgering. Authenticatie met een token per organisatie "
        "(`Authorization: Token <sleutel>`). Elke lijst toont alleen wat de organisatie mag zien."
    ),
    "VERSION": "1.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "regie.core.drf.drop_backend_integer_limits",
        "regie.core.drf.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClientStatusEnum": "regie.clients.models.ClientStatus",
        "ImportStatusEnum": "regie.clients.models.ImportJob.Status",
        "CefrLevelEnum": "regie.offer.models.CefrLevel",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO", "Log level.")},
    "loggers": {"axes": {"level": "WARNING"}},
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- The chain (exchange app, docs/exchange.md) -------------------------------------------------
# The delivery worker: short timeouts, exponential back-off with jitter, then the dead letter.
# Background jobs with an uploaded file (core.jobs): a running job whose heartbeat is older
# than this is marked failed; an uploaded file is deleted when its job ends, and at the latest
# after this many days.
REGIE_JOB_STALE_MINUTES = env(
    "REGIE_JOB_STALE_MINUTES",
    10,
    "Minutes without a heartbeat before a running job counts as failed.",
)
REGIE_UPLOAD_RETENTION_DAYS = env(
    "REGIE_UPLOAD_RETENTION_DAYS", 7, "Days an uploaded import file is kept at most."
)
REGIE_DELIVERY_TIMEOUT = env(
    "REGIE_DELIVERY_TIMEOUT", 10, "Seconds the delivery worker waits for a receiver to answer."
)
REGIE_DELIVERY_MAX_ATTEMPTS = env(
    "REGIE_DELIVERY_MAX_ATTEMPTS", 12, "Attempts before a delivery goes to the dead letter."
)
# Digikoppeling REST profile: mutual TLS with a PKIoverheid certificate, by path.
REGIE_TLS_CERT = env("REGIE_TLS_CERT", "", "Client certificate (PEM) for mutual TLS.")
REGIE_TLS_KEY = env("REGIE_TLS_KEY", "", "Private key (PEM) of the client certificate.")
REGIE_TLS_CA = env("REGIE_TLS_CA", "", "CA bundle (PEM) the receivers' certificates chain to.")
# DUO's machine channel: configuration only; without it DUO messages go through the portal.
REGIE_DUO_ENDPOINT = env("REGIE_DUO_ENDPOINT", "", "URL DUO messages are POSTed to (optional).")
REGIE_DUO_PORTAL_REMINDER_DAYS = env(
    "REGIE_DUO_PORTAL_REMINDER_DAYS",
    10,
    "Days before a DUO portal entry not yet confirmed gets a reminder (working agreement).",
)
REGIE_DUO_UNCONFIRMED_SIGNALS = env(
    "REGIE_DUO_UNCONFIRMED_SIGNALS",
    ["exam_result", "exemption", "extension", "pre_announcement"],
    "UNCONFIRMED DUO signal kinds the import handles, badged (comma-separated).",
    list,
)
# ZGW (Open Zaak): the export of cases; off while REGIE_ZGW_URL is empty.
REGIE_ZGW_URL = env("REGIE_ZGW_URL", "", "Root URL of Open Zaak (…/zaken/api/v1 etc. below it).")
REGIE_ZGW_CLIENT_ID = env("REGIE_ZGW_CLIENT_ID", "", "ZGW JWT client_id.")
REGIE_ZGW_SECRET = env("REGIE_ZGW_SECRET", "", "ZGW JWT secret (HS256).")
REGIE_ZGW_RSIN = env("REGIE_ZGW_RSIN", "", "RSIN of the organisation that owns the zaken.")
REGIE_ZGW_ZAAKTYPE = env("REGIE_ZGW_ZAAKTYPE", "", "URL of the zaaktype Inburgering.")
REGIE_ZGW_ROLTYPE = env("REGIE_ZGW_ROLTYPE", "", "URL of the roltype of the client.")
REGIE_ZGW_BESLUITTYPE_PIP = env("REGIE_ZGW_BESLUITTYPE_PIP", "", "URL of the besluittype PIP.")
REGIE_ZGW_BESLUITTYPE_BOETE = env(
    "REGIE_ZGW_BESLUITTYPE_BOETE", "", "URL of the besluittype Boete."
)
REGIE_ZGW_INFORMATIEOBJECTTYPE = env(
    "REGIE_ZGW_INFORMATIEOBJECTTYPE", "", "URL of the informatieobjecttype Beschikking."
)
# The BRP (Haal Centraal BRP API Personen 2.x, docs/brp.md): off while REGIE_BRP_URL is empty.
REGIE_BRP_URL = env(
    "REGIE_BRP_URL", "", "Base URL of the BRP API Personen (POST …/personen is below it)."
)
REGIE_BRP_API_KEY = env("REGIE_BRP_API_KEY", "", "API key sent as X-API-KEY to the BRP.")
REGIE_BRP_CERT_FILE = env(
    "REGIE_BRP_CERT_FILE", "", "Client certificate (PEM) for the BRP; empty: REGIE_TLS_CERT."
)
REGIE_BRP_KEY_FILE = env("REGIE_BRP_KEY_FILE", "", "Its private key; empty: REGIE_TLS_KEY.")
REGIE_BRP_CA_FILE = env("REGIE_BRP_CA_FILE", "", "CA bundle for the BRP; empty: REGIE_TLS_CA.")
REGIE_BRP_TIMEOUT = env("REGIE_BRP_TIMEOUT", 5, "Seconds to wait for the BRP to answer.")
