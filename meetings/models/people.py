"""Who attends a meeting, and the secret addresses of personal calendars."""

import secrets

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from focal_points import access
from meetings.models.meeting import Meeting


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Participants this user may see: members and staff, in the meetings they see."""
        return access.restrict(self, access.participant_scope(user))

    def writable_by(self, user):
        """Participants this user may change: editors all, a coordinator their delegation."""
        return access.restrict(self, access.participant_write_scope(user))

    def attending(self):
        """Participants who come: entered by staff, or invited and answered "attending"."""
        return self.exclude(Q(invitation__isnull=False) & ~Q(invitation__answer="attending"))


class Participant(TimeStampedModel):
    """Someone who attends a meeting: a focal point of the directory or a guest."""

    class Role(models.TextChoices):
        HEAD_OF_DELEGATION = "head", _("Head of delegation")
        DELEGATE = "delegate", _("Delegate")
        OBSERVER = "observer", _("Observer")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        SPEAKER = "speaker", _("Speaker")
        SECRETARIAT = "secretariat", _("Technical Secretariat")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    focal_point = models.ForeignKey(
        "focal_points.FocalPoint",
        verbose_name=_("focal point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    guest_name = models.CharField(_("guest's name"), max_length=255, blank=True)
    guest_institution = models.CharField(_("guest's institution"), max_length=255, blank=True)
    guest_email = models.EmailField(_("guest's e-mail"), blank=True)
    delegation_country = models.ForeignKey(
        "focal_points.Country",
        verbose_name=_("delegation of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_delegates",
    )
    delegation_other = models.CharField(
        _("observer or organization"),
        max_length=255,
        blank=True,
        help_text=_("For participants who do not come for a member country."),
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    # Set by the invitation; the answer sits on the Invitation (participant.invitation).
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True, editable=False)
    attended_on = models.DateField(
        _("attended on"),
        null=True,
        blank=True,
        help_text=_("The first day the person signed the attendance list."),
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting_id", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(focal_point__isnull=False) & Q(guest_name=""))
                | (Q(focal_point__isnull=True) & ~Q(guest_name="")),
                name="participant_focal_point_or_guest",
                violation_error_message=_(
                    "Choose a focal point of the directory or give a guest's name (not both)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(delegation_country__isnull=True) | Q(delegation_other=""),
                name="participant_one_delegation",
                violation_error_message=_(
                    "A participant comes for a country or for an observer or organization, "
                    "not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "focal_point"],
                condition=Q(focal_point__isnull=False),
                name="participant_focal_point_once",
                violation_error_message=_("This focal point is already a participant."),
            ),
            models.UniqueConstraint(
                "meeting",
                Lower("guest_email"),
                condition=~Q(guest_email=""),
                name="participant_guest_email_once",
                violation_error_message=_("A guest with this e-mail is already a participant."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.focal_point.full_name if self.focal_point_id else self.guest_name

    @property
    def institution_display(self) -> str:
        if self.focal_point_id:
            return str(self.focal_point.institution)
        return self.guest_institution

    @property
    def email(self) -> str:
        return self.focal_point.email if self.focal_point_id else self.guest_email

    @property
    def delegation_display(self) -> str:
        if self.delegation_country_id:
            return str(self.delegation_country)
        return self.delegation_other


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def visible_to(self, user):
        """Addresses this user may read: their own."""
        return access.restrict(self, access.calendar_token_scope(user))

    def writable_by(self, user):
        """Addresses this user may revoke: their own."""
        return access.restrict(self, access.calendar_token_write_scope(user))


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret address of a focal point's personal calendar feed; revocable."""

    focal_point = models.ForeignKey(
        "focal_points.FocalPoint",
        verbose_name=_("focal point"),
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["focal_point"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.focal_point} · {self.created_at:%Y-%m-%d}"

    def get_feed_url(self) -> str:
        return reverse("meetings:personal_calendar", args=[self.token])
