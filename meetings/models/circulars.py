"""Circulars: a bilingual message to chosen focal points, and one delivery row per person."""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.mailing import Delivery, delivery_constraints, delivery_due_index, due
from core.models import TimeStampedModel
from focal_points import access
from focal_points.models import Designation
from meetings.models.meeting import Meeting

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20000
CONFIRM_WITHIN_DAYS_MAX = 60


class CircularQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Circulars this user may read: staff by role, a focal point those sent to them."""
        return access.restrict(self, access.circular_scope(user))

    def writable_by(self, user):
        """Circulars this user may compose and send: the meetings' editors."""
        return access.restrict(self, access.circular_write_scope(user))

    def sending(self):
        return self.filter(status=Circular.Status.SENDING)


class Circular(TimeStampedModel):
    """A message to focal points in both working languages, chosen by group, country, role."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("circular", "Draft")
        SENDING = "sending", pgettext_lazy("circular", "Sending")
        SENT = "sent", pgettext_lazy("circular", "Sent")

    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    single_language = models.BooleanField(
        _("one language only"),
        default=False,
        help_text=_("Tick to send the message in one language only (otherwise both are required)."),
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="circulars",
        help_text=_("Linked in the e-mail for the recipients who may read them."),
    )
    working_groups = models.ManyToManyField(
        "focal_points.WorkingGroup",
        verbose_name=_("working groups"),
        blank=True,
        related_name="circulars",
    )
    countries = models.ManyToManyField(
        "focal_points.Country",
        verbose_name=_("countries"),
        blank=True,
        related_name="circulars",
        help_text=_("Leave empty for every country."),
    )
    roles = ArrayField(
        models.CharField(max_length=12, choices=Designation.Role.choices),
        verbose_name=_("seats"),
        default=list,
        blank=True,
        help_text=_("Leave empty for every seat."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("invitees of the meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circulars",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The communication test: each recipient confirms receipt with one click.
    asks_confirmation = models.BooleanField(
        _("communication test"),
        default=False,
        help_text=_("Ask each recipient to confirm receipt with one click."),
    )
    confirm_within_days = models.PositiveSmallIntegerField(
        _("confirm within (days)"), null=True, blank=True
    )
    confirm_by = models.DateField(_("confirm by"), null=True, blank=True)
    reply_to = models.EmailField(_("reply-to"), blank=True)

    objects = CircularQuerySet.as_manager()

    class Meta:
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "sending", "sent"]),
                name="circular_status_known",
            ),
            models.CheckConstraint(
                condition=Q(asks_confirmation=False, confirm_within_days__isnull=True)
                | Q(
                    asks_confirmation=True,
                    confirm_within_days__gte=1,
                    confirm_within_days__lte=CONFIRM_WITHIN_DAYS_MAX,
                ),
                name="circular_confirm_days_iff_test",
                violation_error_message=_(
                    "A communication test needs a number of days between 1 and 60 to confirm "
                    "(and only a communication test has one)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(queued_at__isnull=False),
                name="circular_queued_has_time",
            ),
            models.CheckConstraint(
                condition=Q(confirm_by__isnull=True) | Q(asks_confirmation=True),
                name="circular_confirm_by_only_for_tests",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status"], condition=Q(status="sending"), name="circular_sending_idx"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def languages(self) -> list[str]:
        """Return the languages the circular is written in (subject and message both given)."""
        return [
            language
            for language in ("es", "en")
            if (getattr(self, f"subject_{language}", "") or "").strip()
            and (getattr(self, f"body_{language}", "") or "").strip()
        ]

    def clean(self):
        super().clean()
        errors = {}
        written = self.languages()
        if not written:
            errors["subject_es"] = _("Write the subject and the message in at least one language.")
        elif len(written) == 1 and not self.single_language:
            missing = "en" if written == ["es"] else "es"
            errors[f"subject_{missing}"] = _(
                'Write the subject and the message in both languages, or tick "one language only".'
            )
        for language in ("es", "en"):
            subject = (getattr(self, f"subject_{language}", "") or "").strip()
            body = (getattr(self, f"body_{language}", "") or "").strip()
            if bool(subject) != bool(body) and f"subject_{language}" not in errors:
                errors[f"body_{language}" if subject else f"subject_{language}"] = _(
                    "Give both the subject and the message in this language, or neither."
                )
        if self.asks_confirmation and not self.confirm_within_days:
            errors["confirm_within_days"] = _(
                "Say within how many days (1 to 60) the recipients should confirm."
            )
        if not self.asks_confirmation:
            self.confirm_within_days = None
        if errors:
            raise ValidationError(errors)


class CircularDeliveryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Delivery rows this user may read: of the circulars they read, by role."""
        return access.restrict(self, access.circular_delivery_scope(user))

    def writable_by(self, user):
        """Delivery rows this user may mark bounced: the circulars' editors."""
        return access.restrict(self, access.circular_write_scope(user))

    def due(self, now=None):
        """Rows to be tried now: queued and not waiting for a retry."""
        return due(self, now or timezone.now())

    def unconfirmed(self):
        """Rows of a communication test whose recipient has not confirmed."""
        return self.filter(circular__asks_confirmation=True, confirmed_at__isnull=True)


class CircularDelivery(Delivery):
    """One recipient of a circular: the address and language it went to, and its outcome."""

    circular = models.ForeignKey(
        Circular,
        verbose_name=_("circular"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    focal_point = models.ForeignKey(
        "focal_points.FocalPoint",
        verbose_name=_("focal point"),
        on_delete=models.PROTECT,
        related_name="circular_deliveries",
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=2)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = CircularDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("circular delivery")
        verbose_name_plural = _("circular deliveries")
        ordering = ["circular_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "focal_point"],
                name="circular_delivery_once_per_person",
                violation_error_message=_("This person already receives this circular."),
            ),
            *delivery_constraints("circular_delivery"),
        ]
        indexes = [delivery_due_index("circular_delivery")]

    def __str__(self) -> str:
        return f"{self.circular} · {self.email}"
