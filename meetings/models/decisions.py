"""The register of decisions and recommendations, each numbered within its meeting."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.lookups import Fold
from core.models import TimeStampedModel
from focal_points import access
from meetings.models.meeting import TEXT_MAX_LENGTH, Meeting
from meetings.models.plans import Activity


class DecisionQuerySet(models.QuerySet):
    meeting_lookup = "meeting__"

    def visible_to(self, user):
        """Decisions of the meetings whose outcomes this user may read."""
        return access.restrict(self, access.decision_scope(user, self.meeting_lookup))

    def writable_by(self, user):
        """Decisions this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.decision_write_scope(user))

    def awaiting_follow_up(self):
        return self.filter(follow_up_status__in=Decision.OPEN_STATUSES)

    def addressed_to(self, working_group):
        return self.filter(working_groups=working_group)


class FollowUpNoteQuerySet(DecisionQuerySet):
    meeting_lookup = "decision__meeting__"


class Decision(TimeStampedModel):
    """A decision, recommendation or agreement of a meeting, and what became of it."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        RECOMMENDATION = "recommendation", _("Recommendation")
        AGREEMENT = "agreement", _("Agreement")

    class FollowUp(models.TextChoices):
        PENDING = "pending", _("Pending")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        SUPERSEDED = "superseded", _("Superseded")

    OPEN_STATUSES = (FollowUp.PENDING, FollowUp.IN_PROGRESS)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[MinValueValidator(1)],
        help_text=_("Its number among the meeting's entries of this kind: 2 for Recommendation 2."),
    )
    text = models.TextField(
        _("text"), max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    working_groups = models.ManyToManyField(
        "focal_points.WorkingGroup",
        verbose_name=_("groups asked to act"),
        blank=True,
        related_name="decisions",
    )
    countries = models.ManyToManyField(
        "focal_points.Country",
        verbose_name=_("countries asked to act"),
        blank=True,
        related_name="decisions",
    )
    follow_up_status = models.CharField(
        _("follow-up"), max_length=12, choices=FollowUp.choices, default=FollowUp.PENDING
    )
    activities = models.ManyToManyField(
        Activity,
        verbose_name=_("activities it gave rise to"),
        blank=True,
        related_name="decisions",
    )
    # The register's accent-insensitive search, as the library's (documents.models).
    search_vector = models.GeneratedField(
        expression=(
            SearchVector(Fold("text_es"), config="spanish", weight="A")
            + SearchVector(Fold("text_en"), config="english", weight="A")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision or recommendation")
        verbose_name_plural = _("decisions and recommendations")
        ordering = ["-meeting__starts_on", "meeting_id", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"],
                name="decision_numbered_once_per_meeting",
                violation_error_message=_(
                    "The meeting already has an entry of this kind and number."
                ),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="decision_number_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=["decision", "recommendation", "agreement"]),
                name="decision_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(follow_up_status__in=["pending", "in_progress", "done", "superseded"]),
                name="decision_follow_up_known",
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="decision_search_vector")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Name the entry as the CRM cites it: "Recommendation 2, GRCM, June 2014"."""
        meeting = self.meeting
        if meeting.kind == Meeting.Kind.GRCM:
            where = "GRCM"
        elif meeting.kind == Meeting.Kind.VICE_MINISTERIAL:
            where = gettext("%(number)s Vice-Ministerial Meeting") % {"number": meeting.number}
        else:
            where = meeting.title
        return gettext("%(kind)s %(number)s, %(meeting)s, %(month)s") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "meeting": where.strip(),
            "month": date_format(meeting.starts_on, "YEAR_MONTH_FORMAT"),
        }

    @property
    def is_open(self) -> bool:
        return self.follow_up_status in self.OPEN_STATUSES


class FollowUpNote(TimeStampedModel):
    """A dated note on what was done about a decision."""

    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="follow_up_notes",
    )
    noted_on = models.DateField(_("date"))
    text = models.TextField(
        _("note"), max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )

    objects = FollowUpNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["decision_id", "noted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.noted_on:%Y-%m-%d}: {self.text[:60]}"
