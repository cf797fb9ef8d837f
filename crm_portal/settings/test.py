"""Tests: their own embedded cluster, fast hashing, e-mails kept in memory."""

import os

# Before importing base: it starts the embedded cluster named here.
os.environ.setdefault("CRM_EMBEDDED_CLUSTER", "postgres-test")

from .base import *  # noqa: E402, F403
from .base import VAR_DIR  # noqa: E402

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
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
