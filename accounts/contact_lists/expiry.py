"""Prepared contact lists past their keeping period: rows and files deleted by a daily task."""

import os
from contextlib import suppress
from datetime import datetime

from django.core.files.storage import Storage

from accounts.models import ContactExport, contact_export_folder
from core.tasks import rows_claim_each


def _folder_delete(storage: Storage, folder: str) -> None:
    try:
        _folders, names = storage.listdir(folder)
    except FileNotFoundError:  # never written, or deleted by an earlier run
        return
    # Every file of the folder: also one left behind by a build killed before its commit.
    for name in names:
        storage.delete(f"{folder}/{name}")
    with suppress(NotImplementedError, OSError):  # a local folder: remove it once empty
        os.rmdir(storage.path(folder))


def _delete(export: ContactExport) -> None:
    storage = ContactExport._meta.get_field("file").storage
    folder = contact_export_folder(export.pk)  # delete() clears the primary key
    # The row goes in this transaction, committed only after its files are gone: a run killed
    # in between keeps the (expired, no longer offered) row for the next run to finish.
    export.delete()
    if export.file.name:
        storage.delete(export.file.name)  # no error when it is already gone
    _folder_delete(storage, folder)


def contact_exports_delete_expired(*, now: datetime | None = None) -> int:
    """Delete the prepared lists past their keeping period and their files; return how many."""
    # A list being built is locked by its build and skipped: the next day's run takes it.
    return rows_claim_each(ContactExport.objects.expired(now), handle=_delete)
