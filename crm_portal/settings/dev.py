"""Development: debug on, e-mails printed on the console."""

from .base import *  # noqa: F403
from .base import ENV

DEBUG = ENV.get("DJANGO_DEBUG", "1") == "1"
EMAIL_BACKEND = ENV.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# runserver serves static files through WhiteNoise without collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
