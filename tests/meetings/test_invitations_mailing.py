"""Invitations on core.mailing: retried with back-off, reminders as second sendings, once each."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings.invitations.sending import invitation_send_pending
from meetings.invitations.services import invitation_answer, invitation_create, invitation_remind
from meetings.models import Invitation
from tests.focal_points.factories import DesignationFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def meeting():
    """A meeting in five weeks with two invited people, registration open for four."""
    with time_machine.travel(NOW, tick=False):
        designations = [DesignationFactory(), DesignationFactory()]
        meeting = MeetingFactory(
            working_groups=[d.working_group for d in designations],
            starts_on=NOW.date() + datetime.timedelta(days=35),
            registration_closes_on=NOW.date() + datetime.timedelta(days=28),
        )
        invitation_create(
            meeting=meeting, invitees=[(d.focal_point_id, d.country_id) for d in designations]
        )
    return meeting


def _flaky(monkeypatch, failures: list[Exception]):
    """Make the next sends raise the given errors, in order, then succeed."""
    original = mail.EmailMultiAlternatives.send

    def send(self, fail_silently=False):
        if failures:
            raise failures.pop(0)
        return original(self, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)


def test_a_transient_failure_waits_its_back_off_and_then_sends_once(meeting, monkeypatch):
    _flaky(monkeypatch, [smtplib.SMTPServerDisconnected("connection lost")])
    with time_machine.travel(NOW, tick=False):
        # The server dropped: the row waits a minute and this run stops (the rest waits too).
        first = invitation_send_pending()
        waiting = Invitation.objects.get(attempts=1)
        assert (first.retried, first.invitations) == (1, 0)
        assert waiting.state == "queued" and "connection lost" in waiting.error
        assert waiting.next_attempt_at == NOW + datetime.timedelta(minutes=1)
        # The other invitation goes in the next run; the waiting one not before its time.
        assert invitation_send_pending().invitations == 1
    with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
        assert invitation_send_pending().invitations == 1
        assert invitation_send_pending().total == 0
    waiting.refresh_from_db()
    assert waiting.state == "sent" and waiting.error == "" and waiting.attempts == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        meeting.invitations.values_list("focal_point__email", flat=True)
    )


def test_a_refused_recipient_is_bounced_at_once(meeting, monkeypatch):
    refused = smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})
    _flaky(monkeypatch, [refused])
    report = invitation_send_pending()
    assert (report.bounced, report.invitations) == (1, 1)
    bounced = Invitation.objects.get(state="bounced")
    assert bounced.bounced_at is not None and "No such user" in bounced.error


def test_a_reminder_is_a_second_sending_with_its_own_message_id(meeting):
    with time_machine.travel(NOW, tick=False):
        invitation_send_pending()
    invitation_ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    mail.outbox.clear()
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        assert invitation_remind(meeting=meeting) == 2
        assert set(meeting.invitations.values_list("state", flat=True)) == {"queued"}
        report = invitation_send_pending()
        assert invitation_send_pending().total == 0
    assert (report.reminders, report.invitations) == (2, 0)
    assert all(m.subject.startswith("Recordatorio") for m in mail.outbox)
    reminder_ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert len(reminder_ids) == 2 and not reminder_ids & invitation_ids
    assert not meeting.invitations.filter(reminder_due=True).exists()
    assert set(meeting.invitations.values_list("state", flat=True)) == {"sent"}


def test_a_reminder_retried_after_a_transient_failure_is_still_a_reminder(meeting, monkeypatch):
    with time_machine.travel(NOW, tick=False):
        invitation_send_pending()
    mail.outbox.clear()
    _flaky(monkeypatch, [TimeoutError("timed out")])
    later = NOW + datetime.timedelta(days=2)
    with time_machine.travel(later, tick=False):
        invitation_remind(meeting=meeting)
        assert invitation_send_pending().retried == 1
    with time_machine.travel(later + datetime.timedelta(minutes=5), tick=False):
        report = invitation_send_pending()
    assert (report.reminders, report.invitations) == (2, 0)
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Recordatorio") for m in mail.outbox)


def test_an_answer_takes_a_waiting_reminder_out_of_the_queue(meeting):
    with time_machine.travel(NOW, tick=False):
        invitation_send_pending()
    mail.outbox.clear()
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        invitation_remind(meeting=meeting)
        answering = meeting.invitations.first()
        invitation_answer(invitation=answering, answer="attending")
        report = invitation_send_pending()
    answering.refresh_from_db()
    assert answering.state == "sent" and not answering.reminder_due
    assert report.reminders == 1 and len(mail.outbox) == 1


def test_the_database_refuses_a_reminder_flag_outside_the_queue(meeting):
    invitation = meeting.invitations.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(
            reminder_due=True, reminded_at=timezone.now()
        )  # queued but never sent: not a reminder
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(state="sent")  # sent without a time


def test_sending_costs_the_same_queries_for_every_email(meeting, count_queries):
    # A run with nothing due, with two e-mails, with four: a fixed cost per e-mail.
    two = count_queries(invitation_send_pending)
    idle = count_queries(invitation_send_pending)
    designations = DesignationFactory.create_batch(4)
    invitation_create(
        meeting=meeting, invitees=[(d.focal_point_id, d.country_id) for d in designations]
    )
    four = count_queries(invitation_send_pending)
    assert len(mail.outbox) == 6
    assert four - idle == 2 * (two - idle)


def test_a_run_claims_nothing_past_its_time_and_the_task_counts_what_it_sent(meeting):
    from meetings.tasks import invitations_send

    with time_machine.travel(NOW, tick=False):
        # Past the time a task was given (a minute before its timeout): nothing is claimed.
        late = invitation_send_pending(until=NOW - datetime.timedelta(seconds=1))
        assert late.total == 0 and mail.outbox == []
        assert invitations_send(meeting.pk) == 2
    assert len(mail.outbox) == 2
