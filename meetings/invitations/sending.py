"""The invitation e-mails, sent outside the web request, each at most once."""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings.feeds import calendar_for, calendar_name
from meetings.models import Invitation, Meeting

logger = logging.getLogger(__name__)
ERROR_MAX_LENGTH = 2000


@dataclass
class SendReport:
    invitations: int = 0
    reminders: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.invitations + self.reminders + self.failed


def _language(invitation: Invitation) -> str:
    language = invitation.focal_point.preferred_language or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


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
    language = _language(invitation)
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


def _claim(meeting: Meeting | None):
    rows = Invitation.objects.due_for_sending()
    if meeting is not None:
        rows = rows.filter(meeting=meeting)
    # SKIP LOCKED: a second sender running at the same time takes the next row, never this one.
    return (
        rows.select_for_update(skip_locked=True, of=("self",))
        .select_related("meeting__host_country", "focal_point")
        .order_by("pk")
        .first()
    )


def _send_one(meeting: Meeting | None, report: SendReport) -> bool:
    """Claim one due invitation, send it and record the outcome; False when none is due."""
    with transaction.atomic():
        invitation = _claim(meeting)
        if invitation is None:
            return False
        reminder = invitation.state == Invitation.State.SENT
        try:
            invitation_message(invitation, reminder=reminder).send()
        except Exception as error:  # any failure of rendering or SMTP is recorded, not raised
            logger.warning("Invitation %s not sent: %s", invitation.pk, error)
            invitation.send_error = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
            if reminder:
                invitation.reminder_due = False
            else:
                invitation.state = Invitation.State.FAILED
            report.failed += 1
        else:
            invitation.send_error = ""
            if reminder:
                invitation.reminder_due = False
                report.reminders += 1
            else:
                invitation.state = Invitation.State.SENT
                invitation.sent_at = timezone.now()
                report.invitations += 1
        invitation.save(update_fields=["state", "sent_at", "send_error", "reminder_due"])
    return True


def invitation_send_pending(
    *, meeting: Meeting | None = None, limit: int | None = None
) -> SendReport:
    """Send the invitations and reminders due, each once: safe to run twice or side by side."""
    # One transaction per e-mail: the row stays locked while its e-mail goes out and is marked
    # sent in the same commit, so no other run can send it again.
    report = SendReport()
    while limit is None or report.total < limit:
        if not _send_one(meeting, report):
            break
    return report
