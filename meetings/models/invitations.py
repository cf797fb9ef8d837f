"""Invitations to a meeting: one per person, its sending state, the answer and reminders."""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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

    def due_for_sending(self):
        """Invitations not sent yet, and reminders asked for but not sent."""
        return self.filter(Q(state=Invitation.State.PENDING) | Q(reminder_due=True))


class Invitation(TimeStampedModel):
    """A person invited to a meeting: the e-mail sent, their answer, the reminders."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Sending failed")

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
    state = models.CharField(
        _("sending"), max_length=10, choices=State.choices, default=State.PENDING
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    send_error = models.TextField(_("sending error"), blank=True)
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
            models.CheckConstraint(
                condition=Q(state__in=["pending", "sent", "failed"]),
                name="invitation_state_known",
            ),
            models.CheckConstraint(
                condition=Q(state="sent", sent_at__isnull=False) | ~Q(state="sent"),
                name="invitation_sent_has_time",
            ),
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
        ]
        indexes = [
            models.Index(
                fields=["state"],
                condition=Q(state="pending") | Q(reminder_due=True),
                name="invitation_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.focal_point} · {self.meeting}"

    def get_reply_url(self) -> str:
        return reverse("meetings:invitation_reply", args=[self.token])
