"""Prepared contact lists expire: a daily task deletes old rows and their files, safely twice."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone, translation
from django_q.models import Schedule, Success

from accounts.contact_lists import expiry
from accounts.models import ContactExport
from accounts.tasks import (
    CONTACT_EXPORTS_CLEANUP_TASK,
    CONTACT_EXPORTS_SCHEDULE,
    contact_exports_schedule_sync,
)
from core.tasks import task_enqueue
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_storage(settings, tmp_path):
    # Files of this module's lists in a folder of their own, never another test's.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    settings.CONTACT_EXPORT_KEEP_DAYS = 7


def prepared(user, *, days_ago: float) -> ContactExport:
    """Record a ready list asked for some days ago, with its file."""
    export = ContactExport.objects.create(
        requested_by=user,
        scope=ContactExport.Scope.DIRECTORY,
        requested_at=timezone.now() - timedelta(days=days_ago),
    )
    export.file.save("contacts-directory.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    export.status = ContactExport.Status.READY
    export.people = 2000
    export.save()
    return export


def exists(name: str) -> bool:
    return ContactExport._meta.get_field("file").storage.exists(name)


def run_cleanup(name: str) -> dict:
    task_enqueue(CONTACT_EXPORTS_CLEANUP_TASK, name=name)
    assert run_queued_tasks() == 1
    return Success.objects.get(name=name).result


def test_migrate_puts_the_clean_up_on_a_daily_schedule():
    # The test database was built by migrate: its post_migrate hook wrote the schedule.
    schedule = Schedule.objects.get(name=CONTACT_EXPORTS_SCHEDULE)
    assert schedule.func == CONTACT_EXPORTS_CLEANUP_TASK
    assert (schedule.schedule_type, schedule.cron, schedule.repeats) == (
        Schedule.CRON,
        "0 6 * * *",
        -1,
    )
    assert schedule.next_run > timezone.now()
    # Syncing again (every migrate) keeps one schedule.
    contact_exports_schedule_sync()
    assert Schedule.objects.filter(name=CONTACT_EXPORTS_SCHEDULE).count() == 1


def test_an_expired_list_and_its_file_go_a_fresh_one_stays_and_a_second_run_is_harmless(member):
    old = prepared(member, days_ago=7.01)
    fresh = prepared(member, days_ago=6.9)
    old_file, fresh_file = old.file.name, fresh.file.name

    assert run_cleanup("cleanup-1") == {"deleted": 1}

    assert list(ContactExport.objects.all()) == [fresh]
    assert not exists(old_file) and exists(fresh_file)
    assert run_cleanup("cleanup-2") == {"deleted": 0}
    assert exists(fresh_file)


def test_a_file_already_gone_and_one_left_by_a_killed_build_are_both_fine(member):
    old = prepared(member, days_ago=30)
    default_storage.delete(old.file.name)
    # A build killed after writing its file but before committing left a second file behind.
    other = prepared(member, days_ago=30)
    leftover = default_storage.save(
        f"contact-exports/{other.pk}/left-behind.pdf", ContentFile(b"x")
    )

    assert expiry.contact_exports_delete_expired() == 2

    assert not ContactExport.objects.exists()
    assert not exists(leftover) and not exists(other.file.name)
    assert not exists(f"contact-exports/{other.pk}")


def test_a_run_killed_half_way_leaves_an_unoffered_row_that_the_next_run_finishes(client, member):
    old = prepared(member, days_ago=8)
    real_delete = expiry._folder_delete

    def killed_after_the_files(storage, folder):
        real_delete(storage, folder)
        raise SystemExit("worker killed")

    # The files are gone, the row's deletion is rolled back with the killed transaction.
    with (
        mock.patch.object(expiry, "_folder_delete", killed_after_the_files),
        pytest.raises(SystemExit),
    ):
        expiry.contact_exports_delete_expired()
    assert ContactExport.objects.filter(pk=old.pk).exists() and not exists(old.file.name)

    # The expired row is neither listed nor downloadable meanwhile: no broken link.
    client.force_login(member)
    page = client.get("/en/accounts/contacts/prepared/")
    assert f"/accounts/contacts/prepared/{old.pk}/" not in page.text
    assert client.get(f"/en/accounts/contacts/prepared/{old.pk}/").status_code == 404

    assert expiry.contact_exports_delete_expired() == 1
    assert not ContactExport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_list_being_built_is_left_to_the_next_run(contact_group):
    from django.db import connections

    from tests.accounts.factories import FocalPointUserFactory

    owner = FocalPointUserFactory(focal_point=contact_group["people"]["pa_principal"])
    old = prepared(owner, days_ago=8)
    # Another connection (the build) holds the row: the clean-up skips it without waiting.
    build = connections.create_connection("default")
    try:
        with build.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                "SELECT id FROM accounts_contactexport WHERE id = %s FOR UPDATE", [old.pk]
            )
            assert expiry.contact_exports_delete_expired() == 0
            cursor.execute("ROLLBACK")
    finally:
        build.close()
    assert ContactExport.objects.filter(pk=old.pk).exists()
    assert expiry.contact_exports_delete_expired() == 1


def test_a_download_whose_file_vanished_is_a_404_not_a_500(client, member):
    export = prepared(member, days_ago=1)
    default_storage.delete(export.file.name)
    client.force_login(member)
    assert client.get(f"/en/accounts/contacts/prepared/{export.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "heading", "note"),
    [
        ("en", "Kept until", "Each list is kept for 7 days after it was asked for"),
        ("es", "Se conserva hasta", "Cada lista se conserva 7 días desde que se pidió"),
    ],
)
def test_the_page_says_until_when_each_list_is_kept(client, member, language, heading, note):
    export = prepared(member, days_ago=1)
    client.force_login(member)

    page = client.get(f"/{language}/accounts/contacts/prepared/")

    assert heading in page.text and note in page.text
    with translation.override(language):
        from django.utils.formats import date_format

        until = date_format(timezone.localtime(export.kept_until), "DATETIME_FORMAT")
    assert until in page.text


def test_the_command_counts_then_deletes(member, capsys):
    prepared(member, days_ago=9)
    prepared(member, days_ago=1)

    with translation.override("en"):
        call_command("delete_expired_contact_exports", "--dry-run")
        assert "Would delete 1 prepared contact list (kept 7 days)." in capsys.readouterr().out
        assert ContactExport.objects.count() == 2

        call_command("delete_expired_contact_exports")
        assert "Deleted 1 prepared contact list (kept 7 days)." in capsys.readouterr().out
        assert ContactExport.objects.count() == 1
        call_command("delete_expired_contact_exports")
        assert "Deleted 0 prepared contact lists" in capsys.readouterr().out
    # In the portal's default language, Spanish.
    call_command("delete_expired_contact_exports", "--dry-run")
    assert "Se eliminarían 0 listas de contactos preparadas" in capsys.readouterr().out


def test_the_page_takes_the_same_queries_for_one_list_or_five(client, member, count_queries):
    client.force_login(member)
    prepared(member, days_ago=1)
    client.get("/en/accounts/contacts/prepared/")  # warm the session
    one = count_queries(lambda: client.get("/en/accounts/contacts/prepared/"))
    for days_ago in (1, 2, 3, 4):
        prepared(member, days_ago=days_ago)
    assert count_queries(lambda: client.get("/en/accounts/contacts/prepared/")) == one
