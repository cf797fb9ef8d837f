"""Settings layers: production needs a real database and passes Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Nothing listens there: importing the settings and the deploy checks must not connect.
UNREACHABLE_DATABASE = "postgres://portal:secret@127.0.0.1:9/crm_portal"

PROBE = """
import atexit, json, signal, sys
from django.conf import settings
settings.DATABASES  # import the settings module
print(json.dumps({
    "pgserver": "pgserver" in sys.modules,
    "embedded": "crm_portal.embedded_postgres" in sys.modules,
    "sigterm_default": signal.getsignal(signal.SIGTERM) is signal.SIG_DFL,
    "host": settings.DATABASES["default"]["HOST"],
}))
"""


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    # A production-like environment: none of the test run's DJANGO_* or database variables.
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CRM_")) and k != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "crm_portal.settings.prod", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_to_start_without_database_url():
    result = _run(["-c", PROBE], DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set DATABASE_URL in production" in result.stderr
    # It failed before reaching the embedded cluster.
    assert "pgserver" not in result.stderr


def test_production_settings_with_database_url_start_no_embedded_cluster():
    result = _run(
        ["-c", PROBE],
        DATABASE_URL=UNREACHABLE_DATABASE,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '{"pgserver": false, "embedded": false, "sigterm_default": true, "host": "127.0.0.1"}'
    )


def test_production_settings_pass_the_deploy_checks_without_a_warning():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DATABASE_URL=UNREACHABLE_DATABASE,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_hsts_is_configurable_from_the_environment():
    probe = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    defaults = _run(
        ["-c", probe], DATABASE_URL=UNREACHABLE_DATABASE, DJANGO_SECRET_KEY=secrets.token_hex(32)
    )
    assert defaults.stdout.split() == ["31536000", "True", "True"], defaults.stderr
    lowered = _run(
        ["-c", probe],
        DATABASE_URL=UNREACHABLE_DATABASE,
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        DJANGO_HSTS_SECONDS="3600",
        DJANGO_HSTS_PRELOAD="0",
    )
    assert lowered.stdout.split() == ["3600", "True", "False"], lowered.stderr


BASE_URL_PROBE = "from django.conf import settings; print(settings.PORTAL_BASE_URL)"


def test_links_follow_the_host_and_port_served_unless_an_address_is_set():
    env = {"DJANGO_SETTINGS_MODULE": "crm_portal.settings.base"}
    served = _run(["-c", BASE_URL_PROBE], DJANGO_PORT="8101", **env)
    assert served.stdout.strip() == "http://127.0.0.1:8101", served.stderr
    other_host = _run(["-c", BASE_URL_PROBE], DJANGO_HOST="0.0.0.0", DJANGO_PORT="9000", **env)
    assert other_host.stdout.strip() == "http://0.0.0.0:9000"
    explicit = _run(
        ["-c", BASE_URL_PROBE],
        DJANGO_PORTAL_BASE_URL="https://crm.example.org",
        DJANGO_PORT="8101",
        **env,
    )
    assert explicit.stdout.strip() == "https://crm.example.org"
    assert _run(["-c", BASE_URL_PROBE], **env).stdout.strip() == "http://127.0.0.1:8000"
