"""Invitations to a meeting: one per person, its sending state, the answer and reminders."""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.mailing import Delivery, delivery_constraints, delivery_due_index, due
from core.models import TimeStampedModel
from focal_points import access
from meetings.models.meeting import Meeting
from meetings.models.people import Participant


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Invitations this user may read: staff, for the meetings they may see."""
        return access.restrict(self, access.invitation_scope(user))

    def writable_by(self, user):
        """Invitations this user may send, remind or cancel: the meetings' editors."""
        return access.restrict(self, access.meeting_write_scope(user))

    def unanswered(self):
        return self.filter(answer="")

    def due_for_sending(self, now=None):
        """Invitations and reminders queued and not waiting for a retry."""
        return due(self, now)


class Invitation(TimeStampedModel, Delivery):
    """A person invited to a meeting: the e-mail sent, their answer, the reminders.

    The sending is a core.mailing Delivery (state, attempts, back-off, Message-ID). A reminder
    is a second sending of the same row: it is queued again, and a queued row that was sent
    before (sent_at set) goes out as the reminder.
    """

    class Answer(models.TextChoices):
        ATTENDING = "attending", _("Attending")
        NOT_ATTENDING = "not_attending", _("Not attending")
        SUBSTITUTE = "substitute", _("Someone else from the delegation comes")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    focal_point = models.ForeignKey(
        "focal_points.FocalPoint",
        verbose_name=_("focal point"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    # The delegation the person was invited for (their seat's country).
    country = models.ForeignKey(
        "focal_points.Country",
        verbose_name=_("delegation of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="invitation",
    )
    token = models.CharField(
        _("reply key"), max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    answer = models.CharField(_("answer"), max_length=15, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Filled when the person answers that someone else of their delegation comes.
    substitute = models.OneToOneField(
        Participant,
        verbose_name=_("coming instead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces_invitation",
    )
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminder_due = models.BooleanField(_("reminder waiting to be sent"), default=False)
    invited_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting_id", "country_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "focal_point"],
                name="invitation_once_per_person",
                violation_error_message=_("This person is already invited to this meeting."),
            ),
            *delivery_constraints("invitation"),
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True)
                | Q(
                    answer__in=["attending", "not_attending", "substitute"],
                    answered_at__isnull=False,
                ),
                name="invitation_answer_known",
            ),
            models.CheckConstraint(
                condition=Q(substitute__isnull=True) | Q(answer="substitute"),
                name="invitation_substitute_only_when_replaced",
            ),
            # A reminder is asked for by recording when: never one without the other.
            models.CheckConstraint(
                condition=Q(reminder_due=False) | Q(reminded_at__isnull=False),
                name="invitation_reminder_has_time",
            ),
            # A reminder waits in the queue behind an invitation already sent; the sender
            # clears the flag in the transaction that hands the reminder to the mail server.
            models.CheckConstraint(
                condition=Q(reminder_due=False) | Q(state="queued", sent_at__isnull=False),
                name="invitation_reminder_queued_after_sending",
            ),
        ]
        indexes = [delivery_due_index("invitation")]

    def __str__(self) -> str:
        return f"{self.focal_point} · {self.meeting}"

    @property
    def is_reminder_sending(self) -> bool:
        """Tell whether the queued e-mail of this row is a reminder (it was sent before)."""
        return self.state == self.State.QUEUED and self.sent_at is not None

    def get_reply_url(self) -> str:
        return reverse("meetings:invitation_reply", args=[self.token])
