"""Local and demo settings: SQLite, the Westfriesland demo region, no second factor (``make run``)."""

import os

os.environ.setdefault("REGIE_DEMO", "true")
os.environ.setdefault("REGIE_REQUIRE_2FA", "false")
os.environ.setdefault("SECRET_KEY", "demo-only-not-secret-8c3f1e0b7a0d4e1f9b2c")
os.environ.setdefault("REGIE_PSEUDONYM_KEY", "demo-only-pseudonym-key")

from .base import *  # noqa: E402,F403

WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
