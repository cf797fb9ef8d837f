"""Tasks of the meetings app, run by the queue's workers: invitations, reminders, circulars."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.tasks import schedule_ensure
from meetings.circulars.reach import circular_deadlines_close
from meetings.circulars.sending import circular_send_pending
from meetings.invitations.sending import invitation_send_pending
from meetings.models import Circular, Meeting

INVITATION_SCHEDULE = "invitations-send"
INVITATION_TASK = "meetings.tasks.invitations_send"
# Every five minutes: an invitation confirmed in the admin is also queued at once, so the
# schedule only picks up what a dead worker or a refused mail server left behind.
INVITATION_PERIOD = "*/5 * * * *"
CIRCULAR_SCHEDULE = "circulars-send"
CIRCULAR_TASK = "meetings.tasks.circulars_send"
# Every minute: a queued circular is sent at once by its own task; the schedule sends the
# retries when their back-off ends, and whatever a dead worker left behind.
CIRCULAR_PERIOD = "* * * * *"
DEADLINE_SCHEDULE = "circular-deadlines"
DEADLINE_TASK = "meetings.tasks.circulars_deadlines_close"
# Daily, just after midnight: a test's day to confirm by has passed for the whole day.
DEADLINE_PERIOD = "15 0 * * *"


def invitations_send(meeting_id: int | None = None) -> int:
    """Send every invitation and reminder due (a task: rows are claimed, none sent twice)."""
    meeting = Meeting.objects.filter(pk=meeting_id).first() if meeting_id else None
    # As for circulars: stop claiming before the queue's timeout; the schedule goes on.
    return invitation_send_pending(meeting=meeting, until=_claim_until()).total


def circulars_send(circular_id: int | None = None) -> int:
    """Send every circular e-mail due (a task: rows are claimed, none sent twice)."""
    circular = Circular.objects.filter(pk=circular_id).first() if circular_id else None
    # Stop claiming a minute before the queue's timeout would stop the worker mid-send; the
    # schedule's next run (every minute) goes on with the rest.
    return circular_send_pending(circular=circular, until=_claim_until()).total


def _claim_until():
    """Return when a sending task stops claiming rows: a minute before its timeout."""
    return timezone.now() + timedelta(seconds=max(settings.TASK_TIMEOUT_SECONDS - 60, 30))


def circulars_deadlines_close() -> int:
    """Mark unreachable those who let a communication test's deadline pass (idempotent)."""
    return circular_deadlines_close()


def invitation_schedule_sync(sender=None, using="default", **kwargs) -> None:
    """Keep the invitation sending on the queue's schedule (post_migrate)."""
    if using != "default":
        return
    schedule_ensure(name=INVITATION_SCHEDULE, func=INVITATION_TASK, period=INVITATION_PERIOD)


def circular_schedule_sync(sender=None, using="default", **kwargs) -> None:
    """Keep the circulars' sending (and their retries) on the queue's schedule (post_migrate)."""
    if using != "default":
        return
    schedule_ensure(name=CIRCULAR_SCHEDULE, func=CIRCULAR_TASK, period=CIRCULAR_PERIOD)
    schedule_ensure(name=DEADLINE_SCHEDULE, func=DEADLINE_TASK, period=DEADLINE_PERIOD)
