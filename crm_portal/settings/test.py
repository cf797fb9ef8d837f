"""Tests: their own embedded cluster, fast hashing, e-mails kept in memory."""

from .base import *  # noqa: F403
from .base import DATABASE_URL, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = VAR_DIR / "media-test"  # noqa: F405
STORAGES["default"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": MEDIA_ROOT},
}
# Tests clear the cache around each test, including tests without database access.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "search_results": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "search-results",
    },
}
if not DATABASE_URL:
    # A cluster of its own: a test run never starts (or touches) the development data.
    from crm_portal.embedded_postgres import embedded_databases

    DATABASES = embedded_databases(VAR_DIR, "postgres-test")
BACKUP_DIR = VAR_DIR / "backups-test"
