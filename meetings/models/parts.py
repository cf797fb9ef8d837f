"""What a meeting holds: its agenda and the library's documents in their roles."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from focal_points import access
from meetings.models.meeting import TEXT_MAX_LENGTH, Meeting


class MeetingPartQuerySet(models.QuerySet):
    """Rows that belong to one meeting: they are seen with it and written by its editors."""

    def visible_to(self, user):
        """Rows of the meetings this user may see."""
        return access.restrict(self, access.meeting_scope(user, "meeting__distribution"))

    def writable_by(self, user):
        """Rows this user may change: the meeting's editors."""
        return access.restrict(self, access.meeting_write_scope(user))


class AgendaItem(TimeStampedModel):
    """One item of a meeting's agenda."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    notes = models.TextField(
        _("notes"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    day = models.DateField(_("day"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    presenter = models.ForeignKey(
        "focal_points.FocalPoint",
        verbose_name=_("presenter (directory)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    presenter_name = models.CharField(
        _("presenter (name)"),
        max_length=255,
        blank=True,
        help_text=_("For a presenter who is not in the directory."),
    )
    # A string reference, not an import: documents and meetings are sibling layers.
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="agenda_items",
    )

    objects = MeetingPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["meeting_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(presenter__isnull=True) | Q(presenter_name=""),
                name="agenda_item_one_presenter",
                violation_error_message=_(
                    "Choose the presenter from the directory or type a name, not both."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        meeting = self.meeting if self.meeting_id else None
        if self.day and meeting and not (meeting.starts_on <= self.day <= meeting.ends_on):
            raise ValidationError({"day": _("The day must fall within the meeting's dates.")})

    @property
    def presenter_display(self) -> str:
        if self.presenter_id:
            return self.presenter.full_name
        return self.presenter_name


class MeetingDocument(TimeStampedModel):
    """A document of the library in one role for a meeting: its agenda, report, minutes..."""

    class Role(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        REPORT = "report", _("Report")
        PRESIDENCY_REPORT = "ppt_report", _("Report of the Presidency")
        MINUTES = "minutes", pgettext_lazy("meeting record", "Minutes")
        PRESENTATION = "presentation", _("Presentation")
        OTHER = "other", _("Other document")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="document_links"
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="meeting_links",
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MeetingPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("documents of the meeting")
        ordering = ["meeting_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "document", "role"],
                name="meeting_document_once_per_role",
                violation_error_message=_("This document already has this role in the meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.document}"
