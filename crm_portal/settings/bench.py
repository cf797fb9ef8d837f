"""Benchmarks: production-like settings (no debug) on a cluster of their own."""

from .base import *  # noqa: F403
from .base import ENV, VAR_DIR, database_settings

DEBUG = False
if not ENV.get("DATABASE_URL"):
    DATABASES = {"default": database_settings(VAR_DIR / "postgres-bench")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = VAR_DIR / "media-bench"  # noqa: F405
STORAGES["default"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": MEDIA_ROOT},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
