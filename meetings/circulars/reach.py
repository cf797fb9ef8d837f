"""The communication test: a confirmation clears "unreachable", a passed deadline sets it."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history.labels import reason_register
from core.mailing import Delivery
from focal_points.models import FocalPoint
from focal_points.services import focal_point_reachability_set
from meetings.circulars.services import circular_delivery_confirm
from meetings.models import Circular, CircularDelivery

# Rows whose e-mail was tried for good: sent, or failed or bounced (the address is no good).
SETTLED = (Delivery.State.SENT, Delivery.State.FAILED, Delivery.State.BOUNCED)
# The reasons history shows for the marker, read in the reader's language.
TEST_CONFIRMED = reason_register(
    "communication-test-confirmed", _("Confirmed a communication test")
)
TEST_MISSED = reason_register(
    "communication-test-missed", _("Did not confirm a communication test by its deadline")
)


@transaction.atomic
def circular_delivery_confirm_receipt(*, delivery: CircularDelivery) -> bool:
    """Record a recipient's confirmation once, and clear their "unreachable"; return if new."""
    recorded = circular_delivery_confirm(delivery=delivery)
    if recorded:
        # Late or not, a click on the link shows the address works: whatever test marked the
        # person, they are reachable again.
        focal_point_reachability_set(
            focal_points=[delivery.focal_point],
            unreachable_since=None,
            reason=TEST_CONFIRMED,
        )
    return recorded


def closed_tests(today: date | None = None):
    """Communication tests sent whose day to confirm by has passed."""
    today = today or timezone.localdate()
    return (
        Circular.objects.exclude(status=Circular.Status.DRAFT)
        .filter(asks_confirmation=True, confirm_by__lt=today)
        .order_by("confirm_by", "pk")
    )


def circular_missed(circular: Circular):
    """People of a closed test who did not confirm and confirmed nothing since it was sent."""
    missed = CircularDelivery.objects.filter(
        circular=circular,
        focal_point=OuterRef("pk"),
        confirmed_at__isnull=True,
        state__in=SETTLED,
    )
    # A confirmation of any circular after this one went out shows the person was reached.
    confirmed_later = CircularDelivery.objects.filter(
        focal_point=OuterRef("pk"), confirmed_at__gte=circular.queued_at
    )
    return FocalPoint.objects.active().filter(Exists(missed)).exclude(Exists(confirmed_later))


def circular_deadlines_close(*, today: date | None = None) -> int:
    """Mark unreachable everyone who let a test's deadline pass unconfirmed; return how many."""
    # Safe to run every day and twice: people already marked keep the day of their first
    # missed test (focal_point_reachability_set changes only people not marked yet).
    marked = 0
    for circular in closed_tests(today):
        with transaction.atomic():
            marked += focal_point_reachability_set(
                focal_points=circular_missed(circular),
                unreachable_since=circular.confirm_by,
                reason=TEST_MISSED,
            )
    return marked


@dataclass
class Confirmations:
    """A test's list for the admin: who confirmed so far, or who did not once it closed."""

    closed: bool
    people: list[CircularDelivery]
    count: int


CONFIRMATIONS_SHOWN_MAX = 500


def circular_confirmations(
    circular: Circular, deliveries=None, *, today: date | None = None
) -> Confirmations | None:
    """List who confirmed a test so far, or after its deadline who did not (two queries)."""
    if not circular.asks_confirmation or circular.is_draft:
        return None
    today = today or timezone.localdate()
    closed = circular.confirm_by is not None and circular.confirm_by < today
    rows = (deliveries if deliveries is not None else CircularDelivery.objects.all()).filter(
        circular=circular
    )
    if closed:
        rows = rows.filter(confirmed_at__isnull=True, state__in=SETTLED).order_by("email", "pk")
    else:
        rows = rows.filter(confirmed_at__isnull=False).order_by(F("confirmed_at").desc(), "pk")
    shown = list(rows.select_related("focal_point__institution__country")[:CONFIRMATIONS_SHOWN_MAX])
    count = len(shown) if len(shown) < CONFIRMATIONS_SHOWN_MAX else rows.count()
    return Confirmations(closed=closed, people=shown, count=count)
