"""The communication tests of a report's period: sent, confirmed, unreachable (three queries)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from core.mailing import Delivery
from focal_points.models import Designation, FocalPoint
from meetings.models import Circular, CircularDelivery

SETTLED = (Delivery.State.SENT, Delivery.State.FAILED, Delivery.State.BOUNCED)


@dataclass
class CommunicationTest:
    """One circular that asked for confirmation, counted on the group's people."""

    circular: Circular
    recipients: int = 0
    sent: int = 0
    confirmed: int = 0
    unconfirmed: int = 0
    closed: bool = False

    @property
    def unreachable(self) -> int:
        """Recipients who did not confirm by the deadline (none while it is still open)."""
        return self.unconfirmed if self.closed else 0


@dataclass
class CommunicationTests:
    tests: list[CommunicationTest] = field(default_factory=list)
    # Who did not confirm a closed test (for the staff's preview; the PDF shows counts only).
    unreachable_people: list[FocalPoint] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(test, name) for test in self.tests)

    @property
    def sent(self) -> int:
        return self.total("sent")

    @property
    def confirmed(self) -> int:
        return self.total("confirmed")

    @property
    def unreachable(self) -> int:
        return self.total("unreachable")

    def summary(self) -> dict:
        return {
            "tests": len(self.tests),
            "sent": self.sent,
            "confirmed": self.confirmed,
            "unreachable": self.unreachable,
        }


def report_communication_tests(
    *, working_group, starts_on: date, ends_on: date, today: date
) -> CommunicationTests:
    """Count the tests queued in the period on the people designated in the group then."""
    in_group = Designation.objects.filter(
        working_group=working_group, focal_point=OuterRef("focal_point_id"), starts_on__lte=ends_on
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    deliveries = CircularDelivery.objects.filter(
        Exists(in_group),
        circular__asks_confirmation=True,
        circular__queued_at__date__gte=starts_on,
        circular__queued_at__date__lte=ends_on,
    )
    unconfirmed = Q(confirmed_at__isnull=True, state__in=SETTLED)
    counts = {
        row["circular_id"]: row
        for row in deliveries.values("circular_id").annotate(
            recipients=Count("pk"),
            sent=Count("pk", filter=Q(state=Delivery.State.SENT)),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            unconfirmed=Count("pk", filter=unconfirmed),
        )
    }
    circulars = Circular.objects.filter(pk__in=list(counts)).order_by("queued_at", "pk")
    tests = []
    for circular in circulars.only("subject_es", "subject_en", "queued_at", "confirm_by"):
        row = counts[circular.pk]
        tests.append(
            CommunicationTest(
                circular=circular,
                recipients=row["recipients"],
                sent=row["sent"],
                confirmed=row["confirmed"],
                unconfirmed=row["unconfirmed"],
                closed=circular.confirm_by is not None and circular.confirm_by < today,
            )
        )
    closed_ids = [test.circular.pk for test in tests if test.closed]
    people = []
    if closed_ids:
        missed = deliveries.filter(unconfirmed, circular_id__in=closed_ids)
        people = list(
            FocalPoint.objects.filter(pk__in=missed.values("focal_point_id"))
            .select_related("institution__country")
            .by_name()
        )
    return CommunicationTests(tests=tests, unreachable_people=people)
