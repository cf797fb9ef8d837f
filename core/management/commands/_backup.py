"""Shared by backup_portal and restore_portal: PostgreSQL client tools and the file storage.

One archive holds `manifest.json`, `database.dump` (pg_dump's custom format) and `media/`
with every file of the default storage (local folder or S3 alike, read through the storage).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError
from django.db import connection
from django.utils.translation import gettext as _

DUMP_NAME = "database.dump"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"


def _major(version_output: str) -> int | None:
    match = re.search(r"(\d+)(?:\.\d+)?", version_output)
    return int(match.group(1)) if match else None


def server_major_version() -> int:
    """Return the major version of the server the portal's database runs on."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _candidate_bin_dirs() -> list[Path]:
    dirs: list[Path] = []
    if configured := getattr(settings, "BACKUP_PG_BIN_DIR", ""):
        dirs.append(Path(configured))
    try:
        import pgserver

        # The embedded cluster's own binaries: the system's pg_dump may be older than it.
        dirs.append(Path(pgserver.__file__).parent / "pginstall" / "bin")
    except ImportError:
        pass
    if on_path := shutil.which("pg_dump"):
        dirs.append(Path(on_path).resolve().parent)
    dirs.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    return dirs


def client_tool(name: str) -> str:
    """Return the path of pg_dump or pg_restore whose major version matches the server's.

    pg_dump refuses a newer server and an older pg_restore cannot read a newer dump, so an
    exact match is preferred and otherwise the newest tool that is not older than the server.
    """
    server = server_major_version()
    found: list[tuple[int, str]] = []
    for directory in _candidate_bin_dirs():
        tool = directory / name
        if not tool.is_file() or not os.access(tool, os.X_OK):
            continue
        result = subprocess.run([str(tool), "--version"], capture_output=True, text=True)
        major = _major(result.stdout)  # "pg_dump (PostgreSQL) 18.3 (Debian ...)"
        if major == server:
            return str(tool)
        if major and major > server:
            found.append((major, str(tool)))
    if found:
        return max(found)[1]
    raise CommandError(
        _("No %(tool)s for PostgreSQL %(version)s was found: install the client tools.")
        % {"tool": name, "version": server}
    )


def libpq_environment(database_name: str | None = None) -> dict[str, str]:
    """Return the environment that points libpq tools at the portal's database."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": database_name or db["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def storage_files(storage, folder: str = "") -> list[str]:
    """Return the name of every file in the storage, recursively, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names.extend(storage_files(storage, f"{folder}{sub}/"))
    return sorted(names)
