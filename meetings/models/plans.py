"""A working group's work plans: activities on the Plan of Action's axes, goals, measurements."""

from decimal import Decimal

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from focal_points import access
from meetings.models.meeting import TEXT_MAX_LENGTH, Meeting


class PlanQuerySet(models.QuerySet):
    """Rows of a work plan, seen and written by the rules of the plan (`lookup` reaches it)."""

    plan_lookup = ""

    def visible_to(self, user):
        """Rows of the plans this user may read: adopted ones to all, drafts to members."""
        return access.restrict(self, access.work_plan_scope(user, self.plan_lookup))

    def writable_by(self, user):
        """Rows this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.work_plan_write_scope(user))


class WorkPlanQuerySet(PlanQuerySet):
    def of_group(self, working_group):
        return self.filter(working_group=working_group)


class ActivityQuerySet(PlanQuerySet):
    plan_lookup = "plan__"


class IndicatorQuerySet(PlanQuerySet):
    plan_lookup = "activity__plan__"


class MeasurementQuerySet(PlanQuerySet):
    plan_lookup = "indicator__activity__plan__"


class WorkPlan(TimeStampedModel):
    """A working group's plan for a period, adopted at a meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        CLOSED = "closed", _("Closed")

    working_group = models.ForeignKey(
        "focal_points.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="work_plans",
    )
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    adopted_at = models.ForeignKey(
        Meeting,
        verbose_name=_("adopted at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_work_plans",
    )

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["working_group_id", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="work_plan_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "adopted", "closed"]),
                name="work_plan_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%Y}–{self.ends_on:%Y})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:plan_detail", args=[self.working_group.slug, self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in access.PUBLIC_PLAN_STATUSES


class Activity(TimeStampedModel):
    """One activity of a work plan: what, on which axis, by whom, when, and how it went."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="activities"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    thematic_axis = models.ForeignKey(
        "documents.ThematicAxis",
        verbose_name=_("thematic axis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    responsible_countries = models.ManyToManyField(
        "focal_points.Country",
        verbose_name=_("countries responsible"),
        blank=True,
        related_name="plan_activities",
    )
    responsible_institutions = models.ManyToManyField(
        "focal_points.Institution",
        verbose_name=_("institutions responsible"),
        blank=True,
        related_name="plan_activities",
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    meetings = models.ManyToManyField(
        Meeting, verbose_name=_("meetings"), blank=True, related_name="plan_activities"
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="plan_activities",
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["plan_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="activity_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "under_way", "done", "postponed", "dropped"]),
                name="activity_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(TimeStampedModel):
    """A goal of an activity, measured: from a baseline towards a target, in a unit."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("goal"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. countries, people"))
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["activity_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(target=F("baseline")),
                name="indicator_target_differs_from_baseline",
                violation_error_message=_("The target must differ from the baseline."),
            ),
        ]

    def __str__(self) -> str:
        return self.description


def progress_of(*, baseline: Decimal, target: Decimal, value: Decimal | None) -> float | None:
    """Return how far a value has gone from baseline to target (0..1, capped), or None."""
    if value is None or target == baseline:
        return None
    share = float((value - baseline) / (target - baseline))
    return max(0.0, min(1.0, share))


class Measurement(TimeStampedModel):
    """A dated value of an indicator, with the document it comes from."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("source document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measurements",
    )

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator_id", "measured_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"],
                name="measurement_once_per_day",
                violation_error_message=_("This indicator already has a value on this day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on:%Y-%m-%d})"
