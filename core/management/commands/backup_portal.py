import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ._backup import (
    DUMP_NAME,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    client_tool,
    libpq_environment,
    server_major_version,
    storage_files,
)


class Command(BaseCommand):
    help = "Archive the database (pg_dump) and every uploaded file into one dated file."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output-dir",
            default=None,
            help="Folder for the archive (default: settings.BACKUP_DIR, var/backups).",
        )

    def handle(self, *args, output_dir=None, **options) -> None:
        target_dir = Path(output_dir or settings.BACKUP_DIR)
        target_dir.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
        archive = target_dir / f"crm-portal-{stamp}.tar.gz"
        files = storage_files(default_storage)
        with tempfile.TemporaryDirectory(prefix="crm-backup-") as tmp:
            dump = Path(tmp) / DUMP_NAME
            pg_dump = client_tool("pg_dump")
            # Custom format: compressed, and pg_restore can recreate it into any database.
            result = subprocess.run(
                [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
                env=libpq_environment(),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise CommandError(_("pg_dump failed: %(error)s") % {"error": result.stderr})
            manifest = {
                "created": timezone.now().isoformat(),
                "database": settings.DATABASES["default"]["NAME"],
                "server_major_version": server_major_version(),
                "pg_dump": pg_dump,
                "files": len(files),
            }
            # Written under a temporary name: a half-written archive never looks complete.
            partial = archive.with_name(archive.name + ".partial")
            with tarfile.open(partial, "w:gz") as tar:
                manifest_path = Path(tmp) / MANIFEST_NAME
                manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
                tar.add(manifest_path, arcname=MANIFEST_NAME)
                tar.add(dump, arcname=DUMP_NAME)
                for name in files:
                    with default_storage.open(name, "rb") as source:
                        info = tarfile.TarInfo(MEDIA_PREFIX + name)
                        info.size = default_storage.size(name)
                        info.mtime = int(timezone.now().timestamp())
                        tar.addfile(info, source)
            partial.rename(archive)
        self.stdout.write(
            ngettext(
                "Backup written to %(archive)s (%(count)d file).",
                "Backup written to %(archive)s (%(count)d files).",
                len(files),
            )
            % {"archive": archive, "count": len(files)}
        )
