"""Benchmarks: production-like settings (no debug) on a cluster of their own."""

from .base import *  # noqa: F403
from .base import DATABASE_URL, ENV, VAR_DIR

DEBUG = False
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
if not DATABASE_URL:
    # A cluster of its own: a benchmark run never starts (or touches) the development data.
    from crm_portal.embedded_postgres import embedded_databases

    DATABASES = embedded_databases(VAR_DIR, "postgres-bench")
# bench/load.py points its gunicorn workers at the database it prepared, and tries
# connection settings; production reads them from DATABASE_URL (base.py).
if ENV.get("BENCH_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = ENV["BENCH_DATABASE_NAME"]  # noqa: F405
if ENV.get("DJANGO_CONN_MAX_AGE"):
    DATABASES["default"]["CONN_MAX_AGE"] = int(ENV["DJANGO_CONN_MAX_AGE"])  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
if ENV.get("BENCH_FLOOR"):
    ROOT_URLCONF = "bench.floor"  # the portal's URLs and the benchmarks' floor view
