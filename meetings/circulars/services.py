"""Compose a circular and queue it: one delivery row per person, sent by the task queue."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mailing import Delivery
from core.tasks import task_enqueue
from focal_points.models import Presidency
from meetings.circulars.recipients import circular_recipients
from meetings.models import Circular, CircularDelivery

# meetings.tasks.CIRCULAR_TASK (tasks imports the sending, which must not import services).
CIRCULAR_TASK = "meetings.tasks.circulars_send"


def _set_criteria(circular: Circular, *, documents, working_groups, countries) -> None:
    if documents is not None:
        circular.documents.set(documents)
    if working_groups is not None:
        circular.working_groups.set(working_groups)
    if countries is not None:
        circular.countries.set(countries)


@transaction.atomic
def circular_create(
    *,
    circular: Circular,
    created_by=None,
    documents: Iterable = (),
    working_groups: Iterable = (),
    countries: Iterable = (),
) -> Circular:
    """Save a composed circular as a draft with its documents and recipient criteria."""
    circular.status = Circular.Status.DRAFT
    circular.created_by = created_by if getattr(created_by, "pk", None) else None
    circular.full_clean()
    circular.save()
    _set_criteria(circular, documents=documents, working_groups=working_groups, countries=countries)
    return circular


def _refuse_unless_draft(circular: Circular) -> Circular:
    locked = Circular.objects.select_for_update().filter(pk=circular.pk).first()
    if locked is None or not locked.is_draft:
        raise ValidationError(_("This circular has already been sent: it can no longer change."))
    return locked


@transaction.atomic
def circular_update(
    *,
    circular: Circular,
    documents: Iterable | None = None,
    working_groups: Iterable | None = None,
    countries: Iterable | None = None,
) -> Circular:
    """Save the changes of a draft circular (one already queued never changes)."""
    _refuse_unless_draft(circular)
    circular.full_clean()
    circular.save()
    _set_criteria(circular, documents=documents, working_groups=working_groups, countries=countries)
    return circular


def presidency_reply_to(today: date | None = None) -> str:
    """Return the address replies to a circular go to: the presidency's in office, if any."""
    presidency = Presidency.objects.current(today)
    return presidency.email if presidency is not None else ""


@transaction.atomic
def circular_queue(*, circular: Circular, today: date | None = None) -> int:
    """Queue a draft circular: snapshot its recipients as delivery rows; return how many.

    The rows are written under the unique constraint (circular, person), so a person is
    queued once however often this runs; the task queue sends them after the commit.
    """
    circular = _refuse_unless_draft(circular)
    today = today or timezone.localdate()
    recipients = circular_recipients(circular, today=today)
    if not recipients.people:
        raise ValidationError(
            _("No one with an e-mail address matches these recipients: choose others.")
        )
    rows = [
        CircularDelivery(
            circular=circular,
            focal_point=person,
            email=person.email.strip(),
            language=person.email_language,
        )
        for person in recipients.people
    ]
    CircularDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    circular.status = Circular.Status.SENDING
    circular.queued_at = timezone.now()
    circular.reply_to = presidency_reply_to(today)
    if circular.asks_confirmation:
        circular.confirm_by = today + timedelta(days=circular.confirm_within_days)
    circular.save(update_fields=["status", "queued_at", "reply_to", "confirm_by", "updated_at"])
    task_enqueue(CIRCULAR_TASK, circular.pk, name=f"circular {circular.pk}")
    return len(rows)


def circular_delivery_confirm(*, delivery: CircularDelivery) -> bool:
    """Record that a recipient confirmed receipt (once); return whether it was recorded now."""
    # One conditional UPDATE: two clicks at once record the first time only.
    return bool(
        CircularDelivery.objects.filter(pk=delivery.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
    )


@transaction.atomic
def circular_delivery_send_again(*, deliveries) -> int:
    """Queue failed or bounced deliveries again, to each person's current address."""
    rows = list(
        deliveries.filter(state__in=[Delivery.State.FAILED, Delivery.State.BOUNCED])
        .select_for_update(of=("self",))
        .select_related("focal_point")
    )
    for row in rows:
        row.email = row.focal_point.email.strip()
        row.language = row.focal_point.email_language
        row.state, row.attempts, row.next_attempt_at = Delivery.State.QUEUED, 0, None
        row.sent_at = row.bounced_at = None
        row.error = ""
    CircularDelivery.objects.bulk_update(
        rows,
        ["email", "language", "state", "attempts", "next_attempt_at", "sent_at", "bounced_at",
         "error"],
    )  # fmt: skip
    circular_ids = sorted({row.circular_id for row in rows})
    # Their circulars are being sent again until these rows are settled.
    Circular.objects.filter(pk__in=circular_ids).update(
        status=Circular.Status.SENDING, finished_at=None
    )
    for circular_id in circular_ids:
        task_enqueue(CIRCULAR_TASK, circular_id, name=f"circular {circular_id}")
    return len(rows)
