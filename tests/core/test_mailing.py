"""core.mailing: one e-mail per delivery row, retried with back-off, outcome recorded."""

import smtplib
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection
from django.utils import timezone

from core.mailing import (
    Delivery,
    classify_error,
    deliveries_send,
    delivery_mark_bounced,
    message_id_for,
)
from meetings.models import Circular, CircularDelivery
from tests.focal_points.factories import FocalPointFactory


@pytest.fixture
def rows(db):
    """A circular being sent to three people."""
    circular = Circular.objects.create(
        subject_es="Aviso",
        body_es="Texto",
        single_language=True,
        status=Circular.Status.SENDING,
        queued_at=timezone.now(),
    )
    people = FocalPointFactory.create_batch(3)
    return [
        CircularDelivery.objects.create(
            circular=circular, focal_point=person, email=person.email, language="es"
        )
        for person in people
    ]


def build(row):
    return EmailMessage(subject="Aviso", body="Texto", to=[row.email])


def failing_for(addresses, error):
    """A build_message whose e-mail raises error when sent to one of addresses."""

    class Failing(EmailMessage):
        def send(self, fail_silently=False):
            if self.to[0] in addresses:
                raise error
            return super().send(fail_silently)

    return lambda row: Failing(subject="Aviso", body="Texto", to=[row.email])


def test_each_row_is_sent_once_with_its_own_message_id(rows):
    report = deliveries_send(CircularDelivery.objects.all(), build_message=build)
    assert (report.sent, report.total) == (3, 3)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in rows)
    # The Message-ID is the row's: a copy ever sent again is recognisable.
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == {message_id_for(r) for r in rows}
    for row in CircularDelivery.objects.all():
        assert (row.state, row.attempts, row.error) == (Delivery.State.SENT, 1, "")
        assert row.sent_at is not None and row.message_id == message_id_for(row)
    # A second run finds nothing due.
    assert deliveries_send(CircularDelivery.objects.all(), build_message=build).total == 0
    assert len(mail.outbox) == 3


def test_a_transient_refusal_is_retried_with_back_off_then_failed(rows, settings):
    settings.MAIL_RETRY_BACKOFF = [1, 5]
    refused = smtplib.SMTPRecipientsRefused({rows[0].email: (451, b"try later")})
    send = failing_for({rows[0].email}, refused)
    report = deliveries_send(CircularDelivery.objects.all(), build_message=send)
    assert (report.sent, report.retried) == (2, 1)
    row = CircularDelivery.objects.get(pk=rows[0].pk)
    assert (row.state, row.attempts) == (Delivery.State.QUEUED, 1)
    assert "451" in row.error and row.next_attempt_at > timezone.now()
    # Not due before its time.
    assert deliveries_send(CircularDelivery.objects.all(), build_message=send).total == 0
    for _step in range(2):
        CircularDelivery.objects.filter(pk=row.pk).update(
            next_attempt_at=timezone.now() - timedelta(seconds=1)
        )
        deliveries_send(CircularDelivery.objects.all(), build_message=send)
    row.refresh_from_db()
    # Two waiting steps, three attempts: then it is given up.
    assert (row.state, row.attempts, row.next_attempt_at) == (Delivery.State.FAILED, 3, None)


def test_a_permanent_refusal_is_a_bounce_and_a_bad_address_fails_at_once(rows):
    refused = smtplib.SMTPRecipientsRefused({rows[0].email: (550, b"no such user")})
    CircularDelivery.objects.filter(pk=rows[1].pk).update(email="not an address")
    report = deliveries_send(
        CircularDelivery.objects.all(), build_message=failing_for({rows[0].email}, refused)
    )
    assert (report.sent, report.bounced, report.failed) == (1, 1, 1)
    bounced, failed = (CircularDelivery.objects.get(pk=r.pk) for r in rows[:2])
    assert bounced.state == Delivery.State.BOUNCED and bounced.bounced_at is not None
    assert failed.state == Delivery.State.FAILED and "Malformed" in failed.error


def test_a_server_that_is_down_stops_the_run_and_keeps_the_rows(rows):
    send = failing_for({r.email for r in rows}, ConnectionRefusedError(111, "refused"))
    report = deliveries_send(CircularDelivery.objects.all(), build_message=send)
    # One row used an attempt; the others wait untouched for the next run.
    assert (report.retried, report.total) == (1, 1)
    assert list(CircularDelivery.objects.order_by("pk").values_list("attempts", flat=True)) == [
        1,
        0,
        0,
    ]


def test_a_rendering_error_fails_the_row_and_the_others_go(rows):
    def build_or_break(row):
        if row.pk == rows[2].pk:
            raise KeyError("template variable")
        return build(row)

    report = deliveries_send(CircularDelivery.objects.all(), build_message=build_or_break)
    assert (report.sent, report.failed) == (2, 1)
    assert CircularDelivery.objects.get(pk=rows[2].pk).state == Delivery.State.FAILED


def test_limit_and_mark_bounced(rows):
    assert deliveries_send(CircularDelivery.objects.all(), build_message=build, limit=2).sent == 2
    marked = delivery_mark_bounced(
        deliveries=CircularDelivery.objects.filter(state="sent"), error="Reported by the server"
    )
    assert marked == 2
    assert CircularDelivery.objects.filter(state="bounced", bounced_at__isnull=False).count() == 2
    # Marking again changes nothing.
    assert delivery_mark_bounced(deliveries=CircularDelivery.objects.all()) == 1


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (smtplib.SMTPServerDisconnected("lost"), ("retry", True)),
        (TimeoutError(), ("retry", True)),
        (smtplib.SMTPDataError(451, b"later"), ("retry", False)),
        (smtplib.SMTPDataError(554, b"refused"), ("failed", False)),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")}), ("bounced", False)),
        (ValueError("bad"), ("failed", False)),
    ],
)
def test_errors_are_classified(error, outcome):
    assert classify_error(error) == outcome


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_share_the_rows_and_send_each_once():
    circular = Circular.objects.create(
        subject_es="Aviso",
        body_es="Texto",
        single_language=True,
        status=Circular.Status.SENDING,
        queued_at=timezone.now(),
    )
    people = FocalPointFactory.create_batch(20)
    CircularDelivery.objects.bulk_create(
        CircularDelivery(circular=circular, focal_point=p, email=p.email, language="es")
        for p in people
    )
    reports = []

    def slow_build(row):
        time.sleep(0.01)  # the SMTP call: the other sender meets the row locked meanwhile
        return build(row)

    def sender():
        try:
            rows = CircularDelivery.objects.all()
            reports.append(deliveries_send(rows, build_message=slow_build))
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert sum(r.sent for r in reports) == 20 and all(r.sent for r in reports)


def test_a_run_claims_nothing_after_its_deadline(rows):
    past = timezone.now() - timedelta(seconds=1)
    report = deliveries_send(CircularDelivery.objects.all(), build_message=build, until=past)
    assert report.total == 0
    assert CircularDelivery.objects.filter(state="queued").count() == 3
