"""Large contact lists are prepared on the task queue and kept for the person who asked."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from accounts.contact_lists.pdf import contact_list_pdf
from accounts.contact_lists.rows import contact_list_read
from accounts.models import ContactExport
from accounts.selectors import contact_countries_visible_to, contact_groups_visible_to
from core.tasks import rows_claim_each, task_enqueue
from focal_points import access

logger = logging.getLogger(__name__)

EXPORT_TASK = "accounts.tasks.contact_export_build"


def pdf_is_prepared_on_the_queue(people: int) -> bool:
    """Tell whether a PDF of this many people is too large to produce inside a request."""
    return people > settings.CONTACT_LIST_INLINE_PDF_MAX_PEOPLE


@transaction.atomic
def contact_export_request(*, user, working_group=None, country=None) -> ContactExport:
    """Record a PDF to prepare for the user in the active language, and queue its task."""
    if working_group is not None:
        scope = ContactExport.Scope.GROUP
    elif country is not None:
        scope = ContactExport.Scope.COUNTRY
    else:
        scope = ContactExport.Scope.DIRECTORY
    export = ContactExport(
        requested_by=user,
        scope=scope,
        working_group=working_group,
        country=country,
        language=translation.get_language()[:2],
    )
    export.full_clean()
    export.save()
    # Written in this transaction: a worker sees the task only with its committed row.
    task_enqueue(EXPORT_TASK, export.pk, name=f"contact-export-{export.pk}")
    return export


def contact_export_still_allowed(export: ContactExport) -> bool:
    """Tell whether the person who asked for a list may still read it."""
    # Rights are read again when the list is built: a seat may have ended in the meantime.
    user = export.requested_by
    if not user.is_active or not access.may_read_contact_lists(user):
        return False
    if export.scope == ContactExport.Scope.GROUP:
        return contact_groups_visible_to(user).filter(pk=export.working_group_id).exists()
    if export.scope == ContactExport.Scope.COUNTRY:
        return contact_countries_visible_to(user).filter(pk=export.country_id).exists()
    return access.may_read_all_contacts(user)


def _build(export: ContactExport) -> None:
    export.finished_at = timezone.now()
    if not contact_export_still_allowed(export):
        export.status = ContactExport.Status.FAILED
        export.error = "The person may no longer read this list."
        export.save(update_fields=["status", "error", "finished_at"])
        return
    try:
        with translation.override(export.language):
            contact_list = contact_list_read(
                user=export.requested_by,
                working_group=export.working_group,
                country=export.country,
            )
            content = contact_list_pdf(contact_list)
            name = contact_list.filename("pdf")
    except Exception as error:  # recorded for the person who asked; a retry would fail alike
        logger.exception("Contact list %s could not be built", export.pk)
        export.status = ContactExport.Status.FAILED
        export.error = f"{type(error).__name__}: {error}"[:500]
        export.save(update_fields=["status", "error", "finished_at"])
        return
    # A run killed after writing the file but before committing left it behind: replace it.
    path = export.file.field.generate_filename(export, name)
    export.file.storage.delete(path)
    export.file.save(name, ContentFile(content), save=False)
    export.people = len(contact_list.people())
    export.status = ContactExport.Status.READY
    export.save(update_fields=["file", "people", "status", "finished_at"])


def contact_export_build(*, export_id: int) -> int:
    """Build a queued list's PDF; a second run of the same task finds nothing left to do."""
    pending = ContactExport.objects.filter(pk=export_id, status=ContactExport.Status.QUEUED)
    return rows_claim_each(pending.select_related("requested_by"), handle=_build)
