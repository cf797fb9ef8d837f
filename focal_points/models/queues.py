"""Self-service queues: change requests and the verification sending log."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from focal_points import access
from focal_points.models.base import MESSAGE_MAX_LENGTH, text_at_most
from focal_points.models.people import FocalPoint


class ChangeRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(handled_at__isnull=True)

    def visible_to(self, user):
        """Requests this user may read: all for directory editors, own country for others."""
        return access.restrict(self, access.change_request_scope(user))

    def writable_by(self, user):
        """Requests this user may mark handled."""
        return access.restrict(self, access.change_request_write_scope(user))


class ChangeRequest(TimeStampedModel):
    """A focal point's note to the staff: "I have left this post; my successor is ..."."""

    class Kind(models.TextChoices):
        LEFT_POST = "left_post", _("I have left this post")
        OTHER = "other", _("Another change staff must make")

    focal_point = models.ForeignKey(
        FocalPoint,
        verbose_name=_("focal point"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    left_on = models.DateField(_("left the post on"), null=True, blank=True)
    successor_name = models.CharField(_("successor's name"), max_length=255, blank=True)
    successor_email = models.EmailField(_("successor's e-mail"), blank=True)
    successor_position = models.CharField(_("successor's position"), max_length=255, blank=True)
    message = models.TextField(
        _("message"),
        blank=True,
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A request nobody can act on is useless: say who left or what changed.
            models.CheckConstraint(
                condition=~Q(kind="other") | ~Q(message=""),
                name="change_request_other_has_message",
                violation_error_message=_("Describe the change."),
            ),
            text_at_most("message", MESSAGE_MAX_LENGTH, "change_request_message_length"),
        ]
        indexes = [models.Index(fields=["handled_at"])]

    def __str__(self) -> str:
        return f"{self.focal_point} · {self.get_kind_display()}"


class VerificationRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Log entries this user may read."""
        return access.restrict(self, access.verification_request_scope(user))

    def writable_by(self, user):
        """Log entries this user may delete (nobody edits them)."""
        return access.restrict(self, access.verification_request_write_scope(user))


class VerificationRequest(models.Model):
    """One e-mail asking a focal point to confirm their entry: the sending log."""

    focal_point = models.ForeignKey(
        FocalPoint,
        verbose_name=_("focal point"),
        on_delete=models.CASCADE,
        related_name="verification_requests",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_to = models.EmailField(_("sent to"))

    objects = VerificationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["focal_point", "-sent_at"])]

    def __str__(self) -> str:
        return f"{self.focal_point} · {self.sent_at:%Y-%m-%d}"
