"""Settings shared by every environment; dev, test and prod only override a few values."""

import os
from base64 import b64encode
from datetime import timedelta
from hashlib import sha256
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# The environment is read here, once, with the DJANGO_ prefix (DATABASE_URL is the convention).
ENV = os.environ
SECRET_KEY = ENV.get("DJANGO_SECRET_KEY", "insecure-development-key-change-me-in-production")
DEBUG = ENV.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = [h for h in ENV.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in ENV.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Links in e-mails: the address set, else the one `make run HOST=... PORT=...` serves on.
PORTAL_BASE_URL = ENV.get("DJANGO_PORTAL_BASE_URL") or (
    f"http://{ENV.get('DJANGO_HOST', '127.0.0.1')}:{ENV.get('DJANGO_PORT', '8000')}"
)

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its patches apply to admin forms.
    "modeltranslation",
    "core.apps.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "import_export",
    "pgtrigger",
    "pghistory",
    # The directory's own history pages replace pghistory's untranslated generic admin.
    "core.apps.AxesConfig",
    "phonenumber_field",
    "csp",
    # The task queue (django-q2, ORM broker): tasks are rows of the portal's own database.
    "django_q",
    "core",
    "accounts",
    "focal_points",
    "meetings",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise right after SecurityMiddleware: static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files need no policy; every page and admin view gets one.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session and must precede CommonMiddleware (URL redirects).
    "django.middleware.locale.LocaleMiddleware",
    # Before any view reads the request (after the language is known, for the error page):
    # a NUL in an address never reaches the database.
    "core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history event written during a request.
    "pghistory.middleware.HistoryMiddleware",
    # Axes last, as its documentation asks, so it sees the final authentication result.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "crm_portal.urls"
WSGI_APPLICATION = "crm_portal.wsgi.application"
ASGI_APPLICATION = "crm_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    # Django's own form templates (django.forms, installed above) in their Jinja2 copies, and
    # the admin's fieldsets (core/jinja2): see core.forms.FormRenderer. Pages never reach it.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
    },
]

# Postgres always, from DATABASE_URL only. Without it dev.py, test.py and bench.py start the
# private cluster under var/ (crm_portal.embedded_postgres); prod.py refuses to start, so a
# deploy that forgets the variable fails loudly instead of writing to a local folder.
DATABASE_URL = ENV.get("DATABASE_URL", "")
DATABASES = (
    {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASE_URL
    else {}
)
FORM_RENDERER = "core.forms.FormRenderer"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any other backend checks them.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_AGE = int(ENV.get("DJANGO_SESSION_COOKIE_AGE", 60 * 60 * 8))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# One-time sign-in links for focal points (django-sesame).
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True
SESAME_TOKEN_NAME = "sesame"

# Staff password lock-out (django-axes): lock a username from one address, not a whole office.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Our own page (translated) instead of axes' English-only lock-out text.
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Sign-in hardening (accounts): client address behind proxies, staff user-name length.
# DJANGO_PROXY_COUNT proxies of our own stand in front of the portal; 0 means clients connect
# directly and X-Forwarded-For is ignored. The lock-out and the sign-in link limits both ask
# core.client_address.client_ip (axes' own ipware settings took a forged left entry).
PORTAL_PROXY_COUNT = int(ENV.get("DJANGO_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"
# Axes logs user names as typed; cut them to an account's 150 so any login form is safe.
AXES_USERNAME_CALLABLE = "accounts.lockout.axes_username"

# Phones are stored as RFC 3966 URIs (tel:+502-2411-1111;ext=3): unlike E.164 they keep an
# extension. Numbers stored earlier in E.164 still read back unchanged.
PHONENUMBER_DB_FORMAT = "RFC3966"

# Languages: Spanish is the default and the fallback of every translated field.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/Costa_Rica"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "es"
MODELTRANSLATION_LANGUAGES = ("es", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("es",), "es": ("en",)}
# The tabbed translation admin loads jQuery UI from a CDN by default: serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise warns on every request when its root is missing (before the first collectstatic).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(ENV.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Media has no URL route: restricted files only leave through permission-checked views.

STORAGE_BACKEND = ENV.get("DJANGO_STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ENV.get("DJANGO_S3_BUCKET", ""),
            "endpoint_url": ENV.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": ENV.get("DJANGO_S3_REGION") or None,
            "access_key": ENV.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": ENV.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A cache shared by every app server process: sign-in rate limits count across all of them.
# Searched pages of the library are kept in each process's own memory: they are checked
# against the library's version, read from the shared cache (documents/selectors.py), and a
# page is 10-25 KB, so 500 of them stay under 15 MB per process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    },
    "search_results": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "search-results",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# Uploads: keep large files on disk, not in memory, and cap what a request may carry.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# The largest document file staff may upload (bytes); the web server's limit must allow it.
DOCUMENTS_MAX_UPLOAD_SIZE = int(ENV.get("DJANGO_DOCUMENTS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024))
# Empty: Django streams downloads. prod.py may set an nginx internal location instead.
DOCUMENTS_X_ACCEL_REDIRECT_PREFIX = ""

# `make backup` / backup_portal: where archives go, and optionally the PostgreSQL client tools'
# folder (otherwise the one matching the server: the embedded cluster's own, or PATH's).
BACKUP_DIR = Path(ENV.get("DJANGO_BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_PG_BIN_DIR = ENV.get("DJANGO_PG_BIN_DIR", "")

EMAIL_BACKEND = ENV.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = ENV.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(ENV.get("DJANGO_EMAIL_PORT", 25))
EMAIL_HOST_USER = ENV.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = ENV.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = ENV.get("DJANGO_EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = ENV.get("DJANGO_DEFAULT_FROM_EMAIL", "CRM Portal <no-reply@example.org>")

# Spreadsheet imports wait between preview and confirm: keep them in the shared media storage
# rather than one app server's /tmp.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Content-Security-Policy (django-csp 4): everything from our own origin, no inline script or
# style. The one inline style allowed is templates/500.html's, by its hash (it inlines its CSS
# so the page renders even when static files fail); tests/core/test_security.py checks that
# the hash still matches the template.
CSP_500_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;"
    "padding:0 1rem;color:#1c1f24}h1{color:#0b3c5d}"
)
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [
            _SELF,
            f"'sha256-{b64encode(sha256(CSP_500_STYLE.encode()).digest()).decode()}'",
        ],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
    },
}

# The task queue: django-q2 with its ORM broker, so tasks live in the portal's Postgres and
# Django stays on psycopg2. A task is handed to one worker under a lease of `retry` seconds;
# a worker that dies without acknowledging it lets the lease run out and another worker runs
# the task again (up to max_attempts), so every task must be safe to repeat.
TASK_TIMEOUT_SECONDS = int(ENV.get("DJANGO_TASK_TIMEOUT", 600))
Q_CLUSTER = {
    "name": "crm-portal",
    "orm": "default",
    "workers": int(ENV.get("DJANGO_TASK_WORKERS", 2)),
    # A task still running after `timeout` seconds is stopped; `retry` must exceed it, or a
    # slow task would be handed to a second worker while the first still runs it.
    "timeout": TASK_TIMEOUT_SECONDS,
    "retry": TASK_TIMEOUT_SECONDS + 60,
    "max_attempts": 3,
    "poll": 1,
    "save_limit": 1000,
    # A schedule missed while no worker ran fires once, not once per missed period.
    "catch_up": False,
}
# The verification cycle's period: "daily", "weekly", "monthly", "quarterly", "yearly" or a
# cron expression ("0 6 1 * *"); migrate writes it into the queue's schedule.
VERIFICATION_CYCLE = ENV.get("DJANGO_VERIFICATION_CYCLE", "monthly")

# A contact list's PDF of more people than this is prepared on the task queue (WeasyPrint
# takes about 10 s of CPU per 1,000 people) and offered for download when ready.
CONTACT_LIST_INLINE_PDF_MAX_PEOPLE = int(ENV.get("DJANGO_CONTACT_LIST_INLINE_PDF_MAX", 300))
# A prepared list (its row and its file) is kept this many days after it was asked for; a
# daily task on the queue deletes the older ones.
CONTACT_EXPORT_KEEP_DAYS = int(ENV.get("DJANGO_CONTACT_EXPORT_KEEP_DAYS", 7))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Demo data (make run): each entry is "module.function", run in this order by load_demo; the
# function loads its app's rows idempotently and returns lines to print (the demo accounts).
PORTAL_DEMO_LOADERS = [
    "focal_points.demo.load",
    "documents.demo.load",
    "meetings.demo.load",
    "meetings.demo_plans.load",
    "meetings.demo_circulars.load",
    "meetings.demo_reach.load",
    "accounts.demo.load",
]

# Circulars: replies go to the presidency's address in office (Presidency.email); without one,
# to this address, else DEFAULT_FROM_EMAIL. Minutes between tries after a transient failure.
PORTAL_REPLY_TO = ENV.get("DJANGO_PORTAL_REPLY_TO", "")
MAIL_RETRY_BACKOFF = [1, 5, 30, 120, 720]
# A communication test's confirm link works this long (well past any deadline: 60 days max).
CIRCULAR_CONFIRM_LINK_DAYS = 180
