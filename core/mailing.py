"""E-mails recorded one row per recipient: sent once, retried with back-off, outcome kept.

A model that sends mail subclasses the abstract `Delivery` (its state, attempts, error and
Message-ID) and hands a queryset of its rows to `deliveries_send()`, which claims each due
row under `SELECT ... FOR UPDATE SKIP LOCKED`, sends its e-mail and records the outcome in
the same transaction. The lock is held across the SMTP call on purpose: a worker killed
mid-send rolls its one row back, and the next run sends it again. That row is the only
e-mail that can ever go twice, and its fixed Message-ID (derived from the row) lets mail
clients recognise the copy.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

ERROR_MAX_LENGTH = 2000
# Minutes to wait after the 1st, 2nd... transient failure; after the last one, "failed".
DEFAULT_RETRY_BACKOFF = (1, 5, 30, 120, 720)


class Delivery(models.Model):
    """One e-mail to one recipient: its sending state, attempts and last error."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")

    state = models.CharField(
        _("sending"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Null: due now. Set after a transient failure to the time of the next try.
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def is_settled(self) -> bool:
        return self.state != self.State.QUEUED


def delivery_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Return the database rules every delivery table shares, named after prefix."""
    states = [state.value for state in Delivery.State]
    return [
        models.CheckConstraint(condition=Q(state__in=states), name=f"{prefix}_state_known"),
        models.CheckConstraint(
            condition=~Q(state=Delivery.State.SENT) | Q(sent_at__isnull=False),
            name=f"{prefix}_sent_has_time",
        ),
        models.CheckConstraint(
            condition=~Q(state=Delivery.State.BOUNCED) | Q(bounced_at__isnull=False),
            name=f"{prefix}_bounced_has_time",
        ),
    ]


def delivery_due_index(prefix: str) -> models.Index:
    """Return the partial index the senders read: queued rows in the order they are claimed."""
    # On the primary key, the claim's ORDER BY: rows already sent (most of a table, in time)
    # are never scanned; the few queued rows are filtered on next_attempt_at in the heap.
    return models.Index(
        fields=["id"],
        condition=Q(state=Delivery.State.QUEUED),
        name=f"{prefix}_due_idx",
    )


def due(queryset: models.QuerySet, now: datetime | None = None) -> models.QuerySet:
    """Filter deliveries to those to be tried now: queued and not waiting for a retry."""
    now = now or timezone.now()
    return queryset.filter(state=Delivery.State.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    bounced: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.retried + self.failed + self.bounced


def message_id_for(row: models.Model) -> str:
    """Return the Message-ID of a delivery row's e-mail: the same row, the same Message-ID."""
    domain = urlsplit(settings.PORTAL_BASE_URL).hostname or "crm-portal.invalid"
    return f"<{row._meta.app_label}.{row._meta.model_name}.{row.pk}@{domain}>"


def retry_backoff() -> list[timedelta]:
    minutes = getattr(settings, "MAIL_RETRY_BACKOFF", DEFAULT_RETRY_BACKOFF)
    return [timedelta(minutes=value) for value in minutes]


class _Outcome:
    SENT, RETRY, FAILED, BOUNCED = "sent", "retry", "failed", "bounced"


# Failures of the connection or of our own account, not of this e-mail: try again later, and
# stop this run (the next rows would only fail the same way and use up their attempts).
_SERVER_FAILURES = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPHeloError,
    smtplib.SMTPSenderRefused,
    ConnectionError,
    TimeoutError,
)


def classify_error(error: Exception) -> tuple[str, bool]:
    """Return (outcome, server_down) for a failed send: retry later, failed or bounced."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()] or [550]
        return (_Outcome.RETRY if all(400 <= c < 500 for c in codes) else _Outcome.BOUNCED), False
    if isinstance(error, _SERVER_FAILURES):
        return _Outcome.RETRY, True
    if isinstance(error, smtplib.SMTPResponseException):
        return (_Outcome.RETRY if 400 <= error.smtp_code < 500 else _Outcome.FAILED), False
    if isinstance(error, OSError):  # socket errors: refused, unreachable, reset
        return _Outcome.RETRY, True
    return _Outcome.FAILED, False  # malformed address, a template error, anything else


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]


def _check_recipients(message: EmailMessage) -> None:
    recipients = message.recipients()
    if not recipients:
        raise ValueError("The e-mail has no recipient.")
    for address in recipients:
        try:
            validate_email(address)
        except ValidationError:
            raise ValueError(f"Malformed e-mail address: {address!r}") from None


def _record(row, outcome: str, error: Exception | None, now: datetime) -> None:
    row.attempts += 1
    row.error = _describe(error) if error is not None else ""
    if outcome == _Outcome.SENT:
        row.state, row.sent_at, row.next_attempt_at = Delivery.State.SENT, now, None
    elif outcome == _Outcome.BOUNCED:
        row.state, row.bounced_at, row.next_attempt_at = Delivery.State.BOUNCED, now, None
    elif outcome == _Outcome.RETRY and row.attempts <= len(retry_backoff()):
        row.next_attempt_at = now + retry_backoff()[row.attempts - 1]
    else:
        row.state, row.next_attempt_at = Delivery.State.FAILED, None
    row.save(
        update_fields=[
            "state",
            "attempts",
            "next_attempt_at",
            "sent_at",
            "bounced_at",
            "error",
            "message_id",
        ]
    )


def deliveries_send(
    queryset: models.QuerySet,
    *,
    build_message: Callable[[models.Model], EmailMessage],
    limit: int | None = None,
    until: datetime | None = None,
) -> DeliveryReport:
    """Send the due deliveries of a queryset, each in its own locked transaction.

    limit: at most this many rows; until: claim no row after this time (a task ends before
    the queue's timeout would stop it mid-send, and the next run goes on).
    """
    report = DeliveryReport()
    connection = get_connection()
    started = timezone.now()
    rows = due(queryset, started).select_for_update(skip_locked=True, of=("self",))
    try:
        while (limit is None or report.total < limit) and (until is None or timezone.now() < until):
            with transaction.atomic():
                # Only this row is locked (of=self): a circular or a person stays editable,
                # and other workers take the next rows (SKIP LOCKED).
                row = rows.order_by("pk").first()
                if row is None:
                    break
                outcome, server_down, error = _send_row(row, build_message, connection)
                _record(row, outcome, error, timezone.now())
            _count(report, row)
            if server_down:
                # Let the connection be opened afresh by the next run.
                _close_quietly(connection)
                break
    finally:
        _close_quietly(connection)
    return report


_REPORT_FIELD = {
    Delivery.State.SENT: "sent",
    Delivery.State.FAILED: "failed",
    Delivery.State.BOUNCED: "bounced",
    Delivery.State.QUEUED: "retried",
}


def _count(report: DeliveryReport, row) -> None:
    field = _REPORT_FIELD[row.state]
    setattr(report, field, getattr(report, field) + 1)


def _send_row(row, build_message, connection) -> tuple[str, bool, Exception | None]:
    try:
        message = build_message(row)
        _check_recipients(message)
        row.message_id = message.extra_headers.setdefault("Message-ID", message_id_for(row))
        message.connection = connection
        connection.open()
        message.send()
    except Exception as error:  # every failure is recorded on the row, never raised
        outcome, server_down = classify_error(error)
        logger.warning("Delivery %s %s: %s", row._meta.label, row.pk, _describe(error))
        if server_down:
            _close_quietly(connection)
        return outcome, server_down, error
    return _Outcome.SENT, False, None


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # a dead connection may fail to close; the next open starts afresh
        logger.debug("Closing the mail connection failed", exc_info=True)


def delivery_mark_bounced(*, deliveries: models.QuerySet, error: str = "") -> int:
    """Mark deliveries as bounced (reported later by the mail server); return how many."""
    return deliveries.exclude(state=Delivery.State.BOUNCED).update(
        state=Delivery.State.BOUNCED,
        bounced_at=timezone.now(),
        next_attempt_at=None,
        error=error[:ERROR_MAX_LENGTH],
    )
