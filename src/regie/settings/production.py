"""Production settings: PostgreSQL, HTTPS, a second factor for every staff login, no demo."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("REGIE_DEMO", "false")
os.environ.setdefault("REGIE_REQUIRE_2FA", "true")

from .base import *  # noqa: E402,F403
from .env import env  # noqa: E402

if not SECRET_KEY or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters.")
if not REGIE_PSEUDONYM_KEY:  # noqa: F405
    raise ImproperlyConfigured("REGIE_PSEUDONYM_KEY must be set.")
if REGIE_DEMO:  # noqa: F405
    raise ImproperlyConfigured("REGIE_DEMO cannot be on in production.")
if not REGIE_REQUIRE_2FA:  # noqa: F405
    # every staff login can reach a role that sees dossiers: the second factor is not optional
    raise ImproperlyConfigured(
        "REGIE_REQUIRE_2FA cannot be off in production: roles that see dossiers need a second"
        " factor."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", True, "Redirect plain HTTP to HTTPS.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS", 31536000, "HSTS max-age in seconds.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
