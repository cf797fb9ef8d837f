"""Migration 0005: invitations' states become delivery states, both ways, reminders kept."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from meetings.invitations.services import invitation_create
from meetings.models import Invitation
from tests.focal_points.factories import DesignationFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _states() -> dict[int, tuple[str, bool]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, state, reminder_due FROM meetings_invitation ORDER BY id")
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def test_pending_is_queued_and_a_waiting_reminder_is_a_queued_second_sending():
    designations = DesignationFactory.create_batch(3)
    meeting = MeetingFactory(
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
        registration_closes_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    waiting, sent, reminded = invitation_create(
        meeting=meeting, invitees=[(d.focal_point_id, d.country_id) for d in designations]
    )
    now = timezone.now()
    Invitation.objects.filter(pk=sent.pk).update(state="sent", sent_at=now)
    Invitation.objects.filter(pk=reminded.pk).update(
        state="queued", sent_at=now, reminder_due=True, reminded_at=now
    )
    try:
        call_command("migrate", "meetings", "0004", verbosity=0)
        assert _states() == {
            waiting.pk: ("pending", False),
            sent.pk: ("sent", False),
            reminded.pk: ("sent", True),
        }
    finally:
        call_command("migrate", "meetings", verbosity=0)
    assert _states() == {
        waiting.pk: ("queued", False),
        sent.pk: ("sent", False),
        reminded.pk: ("queued", True),
    }
    assert Invitation.objects.get(pk=reminded.pk).is_reminder_sending
