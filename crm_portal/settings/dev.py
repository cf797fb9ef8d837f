"""Development: debug on, e-mails printed on the console, the embedded cluster by default."""

from .base import *  # noqa: F403
from .base import DATABASE_URL, ENV, VAR_DIR

DEBUG = ENV.get("DJANGO_DEBUG", "1") == "1"
EMAIL_BACKEND = ENV.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# runserver serves static files through WhiteNoise without collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
if not DATABASE_URL:
    # Imported here: production never loads pgserver nor installs its exit handlers.
    from crm_portal.embedded_postgres import embedded_databases

    DATABASES = embedded_databases(VAR_DIR, "postgres")
