"""backup_portal and restore_portal: one archive brings back the same rows and files."""

import tarfile
import uuid
from io import StringIO

import psycopg2
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from tests.focal_points.factories import CountryFactory

# pg_dump reads through its own connection: the rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def _storage_at(settings, folder) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder},
        },
    }


def _query(database_name: str, sql: str) -> list[tuple]:
    db = settings.DATABASES["default"]
    with (
        psycopg2.connect(
            dbname=database_name,
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"],
            password=db["PASSWORD"] or None,
        ) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped after the test."""
    name = f"crm_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    yield name
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_and_files(
    settings, tmp_path, fresh_database
):
    # Some rows and uploaded files, one of them in a nested folder with an accent.
    _storage_at(settings, tmp_path / "media")
    CountryFactory(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    CountryFactory(iso_code="MX", name_es="México", name_en="Mexico")
    default_storage.save("letters/2026/carta-méxico.pdf", ContentFile(b"%PDF-1.4 letter"))
    default_storage.save("documents/report.txt", ContentFile(b"Informe anual"))

    out = StringIO()
    call_command("backup_portal", output_dir=str(tmp_path / "backups"), stdout=out)
    [archive] = (tmp_path / "backups").glob("crm-portal-*.tar.gz")
    assert str(archive) in out.getvalue()
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "database.dump"} <= set(tar.getnames())

    # Restore onto an empty server database and an empty storage.
    _storage_at(settings, tmp_path / "restored-media")
    call_command(
        "restore_portal",
        str(archive),
        database_name=fresh_database,
        yes=True,
        stdout=StringIO(),
    )

    countries = _query(
        fresh_database, "SELECT iso_code, name_es FROM focal_points_country ORDER BY iso_code"
    )
    assert countries == [("CR", "Costa Rica"), ("MX", "México")]
    migrations = _query(fresh_database, "SELECT count(*) FROM django_migrations")[0][0]
    assert (
        migrations
        == _query(settings.DATABASES["default"]["NAME"], "SELECT count(*) FROM django_migrations")[
            0
        ][0]
    )
    restored = tmp_path / "restored-media"
    assert (restored / "letters/2026/carta-méxico.pdf").read_bytes() == b"%PDF-1.4 letter"
    assert (restored / "documents/report.txt").read_text() == "Informe anual"


def test_restore_refuses_a_file_that_is_not_a_portal_backup(tmp_path):
    bogus = tmp_path / "other.tar.gz"
    with tarfile.open(bogus, "w:gz"):
        pass
    with pytest.raises(CommandError, match="no es una copia de seguridad del portal"):
        call_command("restore_portal", str(bogus), yes=True)
