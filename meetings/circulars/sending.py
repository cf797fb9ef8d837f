"""The e-mail of each circular delivery row, sent on the task queue by core.mailing."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.mailing import Delivery, DeliveryReport, deliveries_send
from documents.models import Document
from focal_points import access
from meetings.circulars.links import circular_confirm_url
from meetings.models import Circular, CircularDelivery


class CircularMessages:
    """Build the e-mails of a run, reading each circular and its documents once."""

    def __init__(self):
        self._circulars: dict[int, Circular] = {}
        self._documents: dict[tuple[int, tuple[str, ...]], list[Document]] = {}

    def circular(self, circular_id: int) -> Circular:
        if circular_id not in self._circulars:
            self._circulars[circular_id] = Circular.objects.get(pk=circular_id)
        return self._circulars[circular_id]

    def documents(self, circular: Circular, delivery: CircularDelivery) -> list[Document]:
        """Return the circular's documents this recipient may read (no link they cannot open)."""
        distributions = access.document_distributions_of_recipient(delivery.focal_point)
        key = (circular.pk, distributions)
        if key not in self._documents:
            self._documents[key] = list(
                circular.documents.filter(distribution__in=distributions).order_by("pk")
            )
        return self._documents[key]

    def __call__(self, delivery: CircularDelivery) -> EmailMessage:
        circular = self.circular(delivery.circular_id)
        written = circular.languages()
        first = delivery.language if delivery.language in written else written[0]
        # The person's language first, the other one below.
        order = [first] + [language for language in written if language != first]
        documents = self.documents(circular, delivery)
        parts = []
        for language in order:
            with translation.override(language):
                parts.append(
                    render_to_string(
                        "meetings/email/circular.txt",
                        {
                            "subject": getattr(circular, f"subject_{language}"),
                            "body": getattr(circular, f"body_{language}"),
                            "documents": [
                                (
                                    document.title,
                                    settings.PORTAL_BASE_URL.rstrip("/")
                                    + document.get_absolute_url(),
                                )
                                for document in documents
                            ],
                            "confirm_url": circular_confirm_url(delivery, language)
                            if circular.asks_confirmation
                            else "",
                            "confirm_by": circular.confirm_by,
                            "replies_reach_presidency": bool(circular.reply_to),
                            "other_language": language != first,
                        },
                    ).strip()
                )
        reply_to = (
            circular.reply_to
            or getattr(settings, "PORTAL_REPLY_TO", "")
            or settings.DEFAULT_FROM_EMAIL
        )
        return EmailMessage(
            subject=getattr(circular, f"subject_{first}").strip(),
            body="\n\n\n".join(parts) + "\n",
            to=[delivery.email],
            reply_to=[reply_to],
        )


def circulars_settle(now=None) -> int:
    """Mark sent the circulars whose every delivery row is settled; return how many."""
    queued = CircularDelivery.objects.filter(
        circular_id=OuterRef("pk"), state=Delivery.State.QUEUED
    )
    return (
        Circular.objects.sending()
        .filter(~Exists(queued))
        .update(status=Circular.Status.SENT, finished_at=now or timezone.now())
    )


def circular_send_pending(
    *, circular: Circular | None = None, limit: int | None = None, until=None
) -> DeliveryReport:
    """Send every circular e-mail due (or one circular's), each at most once; settle them."""
    rows = CircularDelivery.objects.select_related("focal_point")
    if circular is not None:
        rows = rows.filter(circular=circular)
    report = deliveries_send(rows, build_message=CircularMessages(), limit=limit, until=until)
    circulars_settle()
    return report
