import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ._backup import DUMP_NAME, MANIFEST_NAME, MEDIA_PREFIX, client_tool, libpq_environment


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those of a backup_portal archive."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="A .tar.gz written by backup_portal.")
        parser.add_argument(
            "--database-name",
            default=None,
            help="Restore into this database on the same server (default: the portal's own).",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args, archive, database_name=None, yes=False, **options) -> None:
        path = Path(archive)
        if not path.is_file():
            raise CommandError(_("No backup archive at %(path)s.") % {"path": path})
        target = database_name or settings.DATABASES["default"]["NAME"]
        if not yes:
            answer = input(
                _("Replace the data of database %(name)s and the uploaded files? [y/N] ")
                % {"name": target}
            )
            if answer.strip().lower() not in {"y", "yes", "s", "si", "sí"}:
                raise CommandError(_("Restore cancelled."))
        with tempfile.TemporaryDirectory(prefix="crm-restore-") as tmp, tarfile.open(path) as tar:
            members = {member.name: member for member in tar.getmembers()}
            if MANIFEST_NAME not in members or DUMP_NAME not in members:
                raise CommandError(_("%(path)s is not a portal backup.") % {"path": path})
            manifest = json.load(tar.extractfile(members[MANIFEST_NAME]))
            tar.extract(members[DUMP_NAME], tmp, filter="data")
            self._restore_database(Path(tmp) / DUMP_NAME, target)
            restored = 0
            for name, member in members.items():
                if not (name.startswith(MEDIA_PREFIX) and member.isfile()):
                    continue
                self._restore_file(name.removeprefix(MEDIA_PREFIX), tar.extractfile(member))
                restored += 1
        if restored != manifest.get("files", restored):
            raise CommandError(_("The archive is incomplete: some files are missing."))
        self.stdout.write(
            ngettext(
                "Restored database %(name)s and %(count)d file from %(path)s.",
                "Restored database %(name)s and %(count)d files from %(path)s.",
                restored,
            )
            % {"name": target, "count": restored, "path": path}
        )

    def _restore_database(self, dump: Path, database_name: str) -> None:
        pg_restore = client_tool("pg_restore")
        # The portal's own connection would hold locks on the tables pg_restore drops.
        connections.close_all()
        # --clean --if-exists drops what the dump recreates; one transaction, all or nothing.
        result = subprocess.run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={database_name}",
                str(dump),
            ],
            env=libpq_environment(database_name),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(_("pg_restore failed: %(error)s") % {"error": result.stderr})

    def _restore_file(self, name: str, content) -> None:
        # Same name as in the backup: the database rows point at it.
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, File(content, name=name))
        if saved != name:
            raise CommandError(_("Could not restore %(name)s under its own name.") % {"name": name})
