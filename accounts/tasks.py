"""Tasks of the accounts app, run by the queue's workers: the verification cycle, contact lists."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from accounts.contact_lists.expiry import contact_exports_delete_expired
from accounts.services import verification_requests_send
from core.tasks import schedule_ensure
from focal_points.models import STALE_AFTER_MONTHS
from focal_points.services import verification_due

VERIFICATION_SCHEDULE = "verification-cycle"
VERIFICATION_TASK = "accounts.tasks.verification_cycle"
CONTACT_EXPORTS_SCHEDULE = "contact-exports-cleanup"
CONTACT_EXPORTS_CLEANUP_TASK = "accounts.tasks.contact_exports_cleanup"


def verification_cycle(months: int = STALE_AFTER_MONTHS) -> dict:
    """Ask every stale entry's focal point to confirm it; safe to run twice (7-day guard)."""
    sent, failed = verification_requests_send(focal_points=verification_due(months=months))
    return {"sent": sent, "failed": failed}


def verification_schedule_sync(sender=None, using="default", **kwargs) -> None:
    """Keep the verification cycle's schedule at settings.VERIFICATION_CYCLE (post_migrate)."""
    if using != "default":
        return
    try:
        schedule_ensure(
            name=VERIFICATION_SCHEDULE, func=VERIFICATION_TASK, period=settings.VERIFICATION_CYCLE
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"VERIFICATION_CYCLE: {error}") from error


def contact_export_build(export_id: int) -> int:
    """Prepare a queued contact list's PDF (a task: safe to run again)."""
    # Imported here: WeasyPrint loads in the worker that builds a PDF, not at every start.
    from accounts.contact_lists.exports import contact_export_build as build

    return build(export_id=export_id)


def contact_exports_cleanup() -> dict:
    """Delete prepared contact lists past their keeping period (a task: safe to run again)."""
    return {"deleted": contact_exports_delete_expired()}


def contact_exports_schedule_sync(sender=None, using="default", **kwargs) -> None:
    """Keep the daily clean-up of prepared contact lists on the queue's schedule (post_migrate)."""
    if using != "default":
        return
    schedule_ensure(
        name=CONTACT_EXPORTS_SCHEDULE, func=CONTACT_EXPORTS_CLEANUP_TASK, period="daily"
    )
