"""Reads of a circular's sending: the counts per state, the rows that did not arrive."""

from dataclasses import dataclass

from django.db.models import Count, Q

from core.mailing import Delivery
from meetings.models import Circular, CircularDelivery

# The delivery record lists at most this many failed or bounced rows (with the full count).
PROBLEMS_SHOWN_MAX = 500


@dataclass
class Progress:
    """How far a circular's sending has come."""

    total: int
    queued: int
    sent: int
    failed: int
    bounced: int
    confirmed: int

    @property
    def settled(self) -> int:
        return self.sent + self.failed + self.bounced

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.settled / self.total)

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "queued": self.queued,
            "sent": self.sent,
            "failed": self.failed,
            "bounced": self.bounced,
            "confirmed": self.confirmed,
            "settled": self.settled,
            "percent": self.percent,
        }


def _counts(prefix: str = "") -> dict:
    def count(**lookups):
        return Count(f"{prefix}pk", filter=Q(**{f"{prefix}{k}": v for k, v in lookups.items()}))

    return {
        "total_count": Count(f"{prefix}pk"),
        "queued_count": count(state=Delivery.State.QUEUED),
        "sent_count": count(state=Delivery.State.SENT),
        "failed_count": count(state=Delivery.State.FAILED),
        "bounced_count": count(state=Delivery.State.BOUNCED),
        "confirmed_count": count(confirmed_at__isnull=False),
    }


def circular_progress(circular: Circular, deliveries=None) -> Progress:
    """Count a circular's delivery rows per state, in one query."""
    rows = deliveries if deliveries is not None else CircularDelivery.objects.all()
    counts = rows.filter(circular=circular).aggregate(**_counts())
    return Progress(**{key.removesuffix("_count"): value for key, value in counts.items()})


def with_delivery_counts(circulars):
    """Annotate circulars with their delivery counts (the admin list, one query)."""
    return circulars.annotate(**_counts("deliveries__"))


def delivery_problems(circular: Circular, deliveries=None):
    """Return the failed and bounced rows of a circular, with their people."""
    rows = deliveries if deliveries is not None else CircularDelivery.objects.all()
    return (
        rows.filter(circular=circular, state__in=[Delivery.State.FAILED, Delivery.State.BOUNCED])
        .select_related("focal_point__institution__country")
        .order_by("state", "email", "pk")
    )
