"""Settings for the test suite. DATABASE_URL still chooses (SQLite by default, PostgreSQL on CI)."""

import os

os.environ.setdefault("REGIE_DEMO", "true")
os.environ.setdefault("REGIE_REQUIRE_2FA", "false")
os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("REGIE_PSEUDONYM_KEY", "test-only-pseudonym-key")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_FAILURE_LIMIT = 5
# rate limits count in memory, emptied before every test (conftest.py)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
