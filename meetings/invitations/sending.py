"""The invitation e-mails, sent outside the web request, each at most once."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.mailing import deliveries_send, message_id_for
from meetings.feeds import calendar_for, calendar_name
from meetings.models import Invitation, Meeting


@dataclass
class SendReport:
    invitations: int = 0
    reminders: int = 0
    failed: int = 0
    bounced: int = 0
    # Transient failures (server down, 4xx): tried again after MAIL_RETRY_BACKOFF.
    retried: int = 0

    @property
    def total(self) -> int:
        return self.invitations + self.reminders + self.failed + self.bounced + self.retried


def reply_links(invitation: Invitation, language: str) -> dict[str, str]:
    """Return the absolute reply address and its three one-click answers, in a language."""
    base = settings.PORTAL_BASE_URL.rstrip("/")
    with translation.override(language):
        page = base + reverse("meetings:invitation_reply", args=[invitation.token])
        meeting_page = base + invitation.meeting.get_absolute_url()
    links = {answer: f"{page}?{urlencode({'answer': answer})}" for answer in Invitation.Answer}
    return {"page": page, "meeting_page": meeting_page, **links}


def invitation_message(invitation: Invitation, *, reminder: bool = False) -> EmailMultiAlternatives:
    """Build the e-mail of an invitation (or its reminder) in the invitee's language."""
    language = invitation.focal_point.email_language
    meeting = invitation.meeting
    with translation.override(language):
        context = {
            "LANGUAGE_CODE": language,
            "invitation": invitation,
            "meeting": meeting,
            "focal_point": invitation.focal_point,
            "links": reply_links(invitation, language),
            "reminder": reminder,
            "deadline": meeting.registration_deadline,
        }
        if reminder:
            subject = _("Reminder: invitation to %(meeting)s") % {"meeting": meeting.title}
        else:
            subject = _("Invitation: %(meeting)s") % {"meeting": meeting.title}
        text_body = render_to_string("meetings/email/invitation.txt", context)
        html_body = render_to_string("meetings/email/invitation.html", context)
        calendar = calendar_for([meeting], request=None, name=calendar_name(meeting.title))
    message = EmailMultiAlternatives(
        subject=subject, body=text_body, to=[invitation.focal_point.email]
    )
    message.attach_alternative(html_body, "text/html")
    message.attach(f"{meeting.slug}.ics", calendar.to_ical(), "text/calendar; charset=utf-8")
    return message


def reminder_message_id(invitation: Invitation) -> str:
    """Return the Message-ID of an invitation's reminder: one per reminder asked for."""
    # The invitation itself has the row's Message-ID (core.mailing); a reminder is another
    # e-mail, so it gets its own (clients would fold it into the invitation otherwise), fixed
    # by the time it was asked for: a reminder sent twice after a crash still folds.
    stamp = int(invitation.reminded_at.timestamp()) if invitation.reminded_at else 0
    return message_id_for(invitation).replace("@", f".reminder.{stamp}@", 1)


def _build(invitation: Invitation, reminders: set[int]) -> EmailMultiAlternatives:
    """Build the e-mail of a claimed row: the invitation, or its reminder if it went before."""
    if not invitation.is_reminder_sending:
        return invitation_message(invitation)
    reminders.add(invitation.pk)
    if invitation.reminder_due:
        # Same transaction as the row's lock and outcome: "waiting" ends as the reminder is
        # tried (a retry after a transient failure is still a reminder, by its sent_at).
        Invitation.objects.filter(pk=invitation.pk).update(reminder_due=False)
        invitation.reminder_due = False
    message = invitation_message(invitation, reminder=True)
    message.extra_headers["Message-ID"] = reminder_message_id(invitation)
    return message


def invitation_send_pending(
    *, meeting: Meeting | None = None, limit: int | None = None, until: datetime | None = None
) -> SendReport:
    """Send the invitations and reminders due, each once: safe to run twice or side by side."""
    # core.mailing claims one row at a time under FOR UPDATE SKIP LOCKED, sends it and records
    # the outcome in the same commit: no other run can send it again. Transient failures are
    # retried with back-off; a refused address is recorded at once.
    rows = Invitation.objects.select_related("meeting__host_country", "focal_point")
    if meeting is not None:
        rows = rows.filter(meeting=meeting)
    reminders: set[int] = set()
    outcome = deliveries_send(
        rows, build_message=lambda row: _build(row, reminders), limit=limit, until=until
    )
    reminded = (
        Invitation.objects.filter(pk__in=reminders, state=Invitation.State.SENT).count()
        if reminders
        else 0
    )
    return SendReport(
        invitations=outcome.sent - reminded,
        reminders=reminded,
        failed=outcome.failed,
        bounced=outcome.bounced,
        retried=outcome.retried,
    )
