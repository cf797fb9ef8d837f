"""Production: secrets from the environment, secure cookies, SMTP mail."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ENV, SECRET_KEY

DEBUG = False
if SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production.")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = ENV.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(ENV.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 30))
SECURE_CONTENT_TYPE_NOSNIFF = True
# Downloads can be handed to the web server (nginx X-Accel-Redirect) instead of Python.
DOCUMENTS_X_ACCEL_REDIRECT_PREFIX = ENV.get("DJANGO_X_ACCEL_REDIRECT_PREFIX", "")
