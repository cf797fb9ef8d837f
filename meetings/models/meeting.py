"""A meeting: kind, dates, place, presidency, groups, status and distribution."""

import uuid
import zoneinfo
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from focal_points import access

TEXT_MAX_LENGTH = 10_000
MEETING_ENDS_AFTER_START = "meeting_ends_after_start"
# Kinds whose editions are numbered ("XX CRM", "XXXVI GRCM").
NUMBERED_KINDS = ("vice_ministerial", "grcm")
# The region's zones, for meetings held at set hours (iCalendar writes them with the times).
TIME_ZONES = [
    "America/Costa_Rica",
    "America/Belize",
    "America/El_Salvador",
    "America/Guatemala",
    "America/Tegucigalpa",
    "America/Managua",
    "America/Panama",
    "America/Mexico_City",
    "America/Santo_Domingo",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Vancouver",
    "UTC",
]
TIME_ZONE_CHOICES = [(name, name) for name in TIME_ZONES]


def new_calendar_uid() -> str:
    """Return a globally unique iCalendar UID, kept by the meeting for ever."""
    return f"{uuid.uuid4()}@crm-portal"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings this user may see: public ones to all, members-only ones to members."""
        return access.restrict(self, access.meeting_scope(user))

    def writable_by(self, user):
        """Meetings this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.meeting_write_scope(user))

    def upcoming(self, today: date | None = None):
        """Meetings not yet over, soonest first."""
        today = today or timezone.localdate()
        return self.filter(ends_on__gte=today).order_by("starts_on", "pk")

    def past(self, today: date | None = None):
        """Meetings already over, latest first."""
        today = today or timezone.localdate()
        return self.filter(ends_on__lt=today).order_by("-starts_on", "-pk")

    def for_listing(self):
        """Load what a list shows in a constant number of queries."""
        return self.select_related("host_country", "presidency__country").prefetch_related(
            "working_groups"
        )

    def for_calendar(self):
        """Load what a calendar feed writes, in one query."""
        return self.select_related("host_country").order_by("starts_on", "pk")


class Meeting(TimeStampedModel):
    """A meeting of the CRM: a Vice-Ministerial Meeting, a GRCM, a group, a seminar..."""

    class Kind(models.TextChoices):
        VICE_MINISTERIAL = "vice_ministerial", _("Vice-Ministerial Meeting")
        GRCM = "grcm", _("Regional Consultation Group on Migration (GRCM)")
        WORKING_GROUP = "working_group", _("Working group meeting")
        LIAISON_NETWORK = "liaison_network", _("Liaison officers network meeting")
        SEMINAR = "seminar", _("Seminar")
        WORKSHOP = "workshop", _("Workshop")
        OTHER = "other", _("Other meeting")

    class Modality(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Distribution(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only (closed-door)")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("number"),
        max_length=10,
        blank=True,
        help_text=_('Roman numeral of a numbered meeting, e.g. "XX" (Vice-Ministerial, GRCM).'),
    )
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    slug = models.SlugField(
        _("address name"),
        max_length=80,
        unique=True,
        help_text=_("The meeting's public address, e.g. xx-crm-2015."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("For meetings of long ago whose exact days are not known."),
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a meeting of whole days."),
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONE_CHOICES, default=settings.TIME_ZONE
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    host_country = models.ForeignKey(
        "focal_points.Country",
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    modality = models.CharField(
        _("modality"), max_length=10, choices=Modality.choices, default=Modality.IN_PERSON
    )
    virtual_link = models.URLField(
        _("link to join"),
        max_length=500,
        blank=True,
        help_text=_("For virtual and hybrid meetings; shown to signed-in members only."),
    )
    presidency = models.ForeignKey(
        "focal_points.Presidency",
        verbose_name=_("Pro-Tempore Presidency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Found from the start date unless you choose it yourself."),
    )
    presidency_chosen = models.BooleanField(
        _("presidency chosen by hand"),
        default=False,
        help_text=_("Keep this presidency even if the dates change."),
    )
    working_groups = models.ManyToManyField(
        "focal_points.WorkingGroup",
        verbose_name=_("working groups concerned"),
        blank=True,
        related_name="meetings",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    outcomes = models.TextField(
        _("outcomes"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    registration_closes_on = models.DateField(
        _("registration closes on"),
        null=True,
        blank=True,
        help_text=_(
            "Invitees may answer and change their answer until this day; empty: until the "
            "day before the meeting starts."
        ),
    )
    distribution = models.CharField(
        _("distribution"),
        max_length=10,
        choices=Distribution.choices,
        default=Distribution.PUBLIC,
        help_text=_("Members only: the meeting does not exist for visitors (closed-door)."),
    )
    # iCalendar: the UID never changes, SEQUENCE grows when the date, place or status does.
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    uid = models.CharField(
        _("calendar identifier"),
        max_length=120,
        unique=True,
        default=new_calendar_uid,
        editable=False,
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name=MEETING_ENDS_AFTER_START,
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(number="") | Q(kind__in=NUMBERED_KINDS),
                name="meeting_number_only_for_numbered_kinds",
                violation_error_message=_("Only Vice-Ministerial and GRCM meetings are numbered."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="meeting_end_time_needs_start_time",
                violation_error_message=_("Give a start time before an end time."),
            ),
            models.CheckConstraint(
                condition=Q(distribution__in=["public", "members"]),
                name="meeting_distribution_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "postponed", "cancelled"]),
                name="meeting_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["distribution", "ends_on"], name="meeting_distribution_end"),
            models.Index(fields=["-starts_on", "-id"], name="meeting_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%Y})" if self.starts_on else self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.time_zone:
            try:
                zoneinfo.ZoneInfo(self.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise ValidationError({"time_zone": _("Unknown time zone.")}) from None
        if (
            self.start_time
            and self.end_time
            and self.starts_on == self.ends_on
            and self.end_time < self.start_time
        ):
            raise ValidationError({"end_time": _("The meeting cannot end before it starts.")})

    @property
    def registration_deadline(self) -> date:
        """The last day on which invitees may answer."""
        return self.registration_closes_on or (self.starts_on - timedelta(days=1))

    def registration_open(self, today: date | None = None) -> bool:
        """Tell whether invitees may still answer or change their answer."""
        today = today or timezone.localdate()
        return today <= self.registration_deadline and not self.is_cancelled

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_public(self) -> bool:
        return self.distribution == self.Distribution.PUBLIC

    @property
    def dates_display(self) -> str:
        """The dates in the active language's format, as precisely as they are known."""
        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.starts_on.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return date_format(self.starts_on, "YEAR_MONTH_FORMAT")
        if self.starts_on == self.ends_on:
            return date_format(self.starts_on, "DATE_FORMAT")
        return f"{date_format(self.starts_on, 'DATE_FORMAT')} – " + date_format(
            self.ends_on, "DATE_FORMAT"
        )

    @property
    def place_display(self) -> str:
        """City and host country, as far as they are known."""
        parts = [self.city, str(self.host_country) if self.host_country_id else ""]
        return ", ".join(part for part in parts if part)

    @property
    def shown_in_spanish_fallback(self) -> bool:
        """True when the visitor reads English and this meeting has no English title."""
        return (get_language() or "es")[:2] != "es" and not (self.title_en or "").strip()
