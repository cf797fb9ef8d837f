"""Demo: an earlier communication test, closed, with two people who never confirmed it."""

from datetime import timedelta

import pghistory
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.history.labels import DEMO_DATA
from core.mailing import Delivery
from focal_points.models import WorkingGroup
from meetings.circulars.reach import circular_deadlines_close
from meetings.circulars.services import circular_create, circular_queue
from meetings.models import Circular, CircularDelivery

# Sent a month ago, two weeks to confirm: closed by now.
SENT_DAYS_AGO = 30
EARLIER_TEST = {
    "subject_es": "Prueba de comunicación del primer semestre (datos de demostración)",
    "subject_en": "First-half communication test (demo data)",
    "body_es": "Estimados puntos focales:\n\nConfirmen la recepción de esta circular con el "
    "enlace que sigue.",
    "body_en": "Dear focal points,\n\nPlease confirm receipt of this circular with the link below.",
    "asks_confirmation": True,
    "confirm_within_days": 14,
}
SILENT = 2


def load() -> list[str]:
    """Create the closed demo test where missing, then close the deadlines passed."""
    with transaction.atomic(), pghistory.context(reason=DEMO_DATA):
        created = _earlier_test()
    marked = circular_deadlines_close()
    return [f"Communication tests: {created} new closed demo test, {marked} people unreachable"]


def _earlier_test() -> int:
    if Circular.objects.filter(subject_es=EARLIER_TEST["subject_es"]).exists():
        return 0
    groups = WorkingGroup.objects.filter(is_active=True).order_by("pk")
    group = groups.filter(kind=WorkingGroup.Kind.LIAISON_NETWORK).first() or groups.first()
    if group is None:
        return 0
    today = timezone.localdate()
    sent_on = today - timedelta(days=SENT_DAYS_AGO)
    circular = circular_create(
        circular=Circular(**EARLIER_TEST), working_groups=[group], documents=(), countries=()
    )
    circular_queue(circular=circular, today=sent_on)
    # The demo sends no e-mail: the rows are recorded as sent a month ago.
    sent_at = timezone.now() - timedelta(days=SENT_DAYS_AGO)
    Circular.objects.filter(pk=circular.pk).update(
        status=Circular.Status.SENT, queued_at=sent_at, finished_at=sent_at
    )
    rows = CircularDelivery.objects.filter(circular=circular)
    rows.update(state=Delivery.State.SENT, sent_at=sent_at, attempts=1)
    # Everyone confirmed but two people who confirmed no other circular either.
    confirmed_elsewhere = CircularDelivery.objects.filter(
        focal_point=OuterRef("focal_point_id"), confirmed_at__isnull=False
    )
    silent = list(
        rows.exclude(Exists(confirmed_elsewhere)).order_by("pk").values_list("pk", flat=True)
    )[:SILENT]
    rows.exclude(pk__in=silent).update(confirmed_at=sent_at + timedelta(days=1))
    return 1
