"""Tests: their own embedded cluster, fast hashing, e-mails kept in memory."""

from .base import *  # noqa: F403
from .base import ENV, VAR_DIR, database_settings

# A cluster of its own so a test run never touches the development data.
if not ENV.get("DATABASE_URL"):
    DATABASES = {"default": database_settings(VAR_DIR / "postgres-test")}
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
