"""Production: secrets and the database from the environment, HTTPS only, SMTP mail."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASE_URL, ENV, SECRET_KEY

DEBUG = False
if SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production.")
# No embedded cluster here: a deploy without DATABASE_URL must not run on a local folder.
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "Set DATABASE_URL in production (postgres://user:password@host:5432/name); "
        "the embedded PostgreSQL cluster is for development and tests only."
    )


def _flag(name: str, default: str = "1") -> bool:
    return ENV.get(name, default) == "1"


SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
SECURE_SSL_REDIRECT = _flag("DJANGO_SECURE_SSL_REDIRECT")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS for a year with subdomains and preload (check --deploy asks for all three). A first
# deploy on a new domain may start lower: DJANGO_HSTS_SECONDS=3600.
SECURE_HSTS_SECONDS = int(ENV.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("DJANGO_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Downloads can be handed to the web server (nginx X-Accel-Redirect) instead of Python.
DOCUMENTS_X_ACCEL_REDIRECT_PREFIX = ENV.get("DJANGO_X_ACCEL_REDIRECT_PREFIX", "")
