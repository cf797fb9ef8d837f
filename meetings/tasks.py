"""Tasks of the meetings app, run by the queue's workers: sending invitations and reminders."""

from core.tasks import schedule_ensure
from meetings.invitations.sending import invitation_send_pending
from meetings.models import Meeting

INVITATION_SCHEDULE = "invitations-send"
INVITATION_TASK = "meetings.tasks.invitations_send"
# Every five minutes: an invitation confirmed in the admin is also queued at once, so the
# schedule only picks up what a dead worker or a refused mail server left behind.
INVITATION_PERIOD = "*/5 * * * *"


def invitations_send(meeting_id: int | None = None) -> int:
    """Send every invitation and reminder due (a task: rows are claimed, none sent twice)."""
    meeting = Meeting.objects.filter(pk=meeting_id).first() if meeting_id else None
    return invitation_send_pending(meeting=meeting)


def invitation_schedule_sync(sender=None, using="default", **kwargs) -> None:
    """Keep the invitation sending on the queue's schedule (post_migrate)."""
    if using != "default":
        return
    schedule_ensure(name=INVITATION_SCHEDULE, func=INVITATION_TASK, period=INVITATION_PERIOD)
