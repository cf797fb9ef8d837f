"""Demo circulars: one sent to the Working Group on Migration and Development, a
communication test of a liaison network with some confirmations, and a draft."""

from datetime import timedelta

import pghistory
from django.db import transaction
from django.utils import timezone

from core.history.labels import DEMO_DATA
from core.mailing import Delivery
from focal_points.models import Presidency, WorkingGroup
from meetings.circulars.services import circular_create, circular_queue
from meetings.models import Circular, CircularDelivery

PRESIDENCY_EMAIL = "presidencia.pro.tempore@example.org"

SENT = {
    "subject_es": "Consulta sobre el borrador del Plan de Trabajo (datos de demostración)",
    "subject_en": "Consultation on the draft Work Plan (demo data)",
    "body_es": "Estimados puntos focales:\n\nLa Presidencia Pro Tempore les invita a enviar sus "
    "comentarios sobre el borrador del Plan de Trabajo antes de la próxima reunión del grupo."
    "\n\nAtentamente,\nPresidencia Pro Tempore",
    "body_en": "Dear focal points,\n\nThe Pro-Tempore Presidency invites you to send your "
    "comments on the draft Work Plan before the group's next meeting.\n\nKind regards,\n"
    "Pro-Tempore Presidency",
}
TEST = {
    "subject_es": "Prueba de comunicación de la red (datos de demostración)",
    "subject_en": "Communication test of the network (demo data)",
    "body_es": "Estimados puntos focales:\n\nEsta circular comprueba que nuestros datos de "
    "contacto están al día. Confirmen su recepción con el enlace que sigue.",
    "body_en": "Dear focal points,\n\nThis circular checks that our contact details are "
    "current. Please confirm receipt with the link below.",
    "asks_confirmation": True,
    "confirm_within_days": 14,
}
DRAFT = {
    "subject_es": "Convocatoria a la próxima reunión virtual (borrador de demostración)",
    "subject_en": "Notice of the next virtual meeting (demo draft)",
    "body_es": "Borrador: fecha y enlace por confirmar.",
    "body_en": "Draft: date and link to be confirmed.",
}


def load() -> list[str]:
    """Create the demo circulars where missing (by Spanish subject); change nothing else."""
    created = 0
    with transaction.atomic(), pghistory.context(reason=DEMO_DATA):
        presidency = Presidency.objects.current()
        if presidency is not None and not presidency.email:
            Presidency.objects.filter(pk=presidency.pk).update(email=PRESIDENCY_EMAIL)
        groups = list(WorkingGroup.objects.filter(is_active=True).order_by("pk"))
        by_acronym = {group.acronym_es: group for group in groups}
        first = by_acronym.get("GTMD") or (groups[0] if groups else None)
        network = next((g for g in groups if g.kind == WorkingGroup.Kind.LIAISON_NETWORK), first)
        if first is not None:
            created += _circular(SENT, first, confirmed_share=0)
            created += _circular(TEST, network, confirmed_share=2)
            created += _circular(DRAFT, first, queue=False)
    return [f"Circulars: {created} new demo circulars"]


def _circular(fields: dict, group, *, confirmed_share: int = 0, queue: bool = True) -> int:
    if Circular.objects.filter(subject_es=fields["subject_es"]).exists():
        return 0
    circular = circular_create(
        circular=Circular(**fields), working_groups=[group], documents=(), countries=()
    )
    if not queue:
        return 1
    circular_queue(circular=circular)
    # The demo sends no e-mail: the rows are recorded as sent (the queue finds nothing due),
    # one of them failed, and for the test every other person has confirmed.
    now = timezone.now()
    rows = CircularDelivery.objects.filter(circular=circular).order_by("pk")
    rows.update(state=Delivery.State.SENT, sent_at=now, attempts=1)
    failed = rows.first()
    if failed is not None:
        CircularDelivery.objects.filter(pk=failed.pk).update(
            state=Delivery.State.FAILED,
            sent_at=None,
            error="SMTPRecipientsRefused: 450 4.2.2 Mailbox full (demo data)",
            attempts=6,
        )
    if confirmed_share:
        pks = list(rows.filter(state=Delivery.State.SENT).values_list("pk", flat=True))
        CircularDelivery.objects.filter(pk__in=pks[::confirmed_share]).update(
            confirmed_at=now + timedelta(hours=2)
        )
    Circular.objects.filter(pk=circular.pk).update(status=Circular.Status.SENT, finished_at=now)
    return 1
