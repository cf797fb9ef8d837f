"""Reference data: member countries, their institutions, working groups, presidencies."""

from datetime import date

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.models import TimeStampedModel, constraint_message, localized_sort_key
from focal_points import access
from focal_points.models.base import (
    ADDRESS_MAX_LENGTH,
    MANDATE_MAX_LENGTH,
    PRESIDENCIES_DO_NOT_OVERLAP,
    inclusive_period,
    text_at_most,
)


class CountryQuerySet(models.QuerySet):
    def members(self):
        return self.filter(status=Country.Status.MEMBER)

    def observers(self):
        return self.filter(status=Country.Status.OBSERVER)

    def by_name(self):
        """Order by the name in the active language, ignoring accents."""
        return self.order_by(localized_sort_key("name"), "iso_code")

    def visible_to(self, user):
        """Rows this user may read: reference data is public."""
        return access.restrict(self, access.reference_scope(user))

    def writable_by(self, user):
        """Rows this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.reference_write_scope(user))


class Country(TimeStampedModel):
    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Enter two capital letters, e.g. CR."))],
        help_text=_("Two-letter ISO 3166-1 code, e.g. CR for Costa Rica."),
    )
    name = models.CharField(_("name"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MEMBER
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"), name="country_iso_code_two_capitals"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.iso_code


class InstitutionQuerySet(models.QuerySet):
    def by_name(self):
        return self.order_by(localized_sort_key("name"), "pk")

    def in_country(self, country):
        return self.filter(country=country)

    def visible_to(self, user):
        """Rows this user may read: reference data is public."""
        return access.restrict(self, access.reference_scope(user))

    def writable_by(self, user):
        """Rows this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.reference_write_scope(user))


class Institution(TimeStampedModel):
    class Kind(models.TextChoices):
        FOREIGN_AFFAIRS = "foreign_affairs", _("Ministry of foreign affairs")
        MIGRATION = "migration", _("Interior or migration authority")
        LABOUR = "labour", _("Labour")
        ECONOMY = "economy", _("Economy")
        RURAL_DEVELOPMENT = "rural_development", _("Rural development")
        CONSULATE = "consulate", _("Consulate or embassy")
        INTERNATIONAL_ORGANIZATION = "international_organization", _("International organization")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        TECHNICAL_SECRETARIAT = "technical_secretariat", _("Technical Secretariat")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
        help_text=_("Leave empty for international organizations."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    address = models.TextField(
        _("address"),
        blank=True,
        max_length=ADDRESS_MAX_LENGTH,
        validators=[MaxLengthValidator(ADDRESS_MAX_LENGTH)],
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="international_organization") | Q(country__isnull=True),
                name="institution_international_has_no_country",
                violation_error_message=_(
                    "An international organization does not belong to a country."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="institution_not_its_own_parent"
            ),
            text_at_most("address", ADDRESS_MAX_LENGTH, "institution_address_length"),
        ]

    def __str__(self) -> str:
        if self.acronym:
            return f"{self.name} ({self.acronym})"
        return self.name


class WorkingGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def by_name(self):
        return self.order_by(localized_sort_key("name"), "pk")

    def visible_to(self, user):
        """Rows this user may read: reference data is public."""
        return access.restrict(self, access.reference_scope(user))

    def writable_by(self, user):
        """Rows this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.reference_write_scope(user))


class WorkingGroup(TimeStampedModel):
    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("Working group")
        LIAISON_NETWORK = "liaison_network", _("Liaison officers network")
        AD_HOC = "ad_hoc", _("Ad hoc group")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(
        _("address name"),
        max_length=60,
        unique=True,
        help_text=_("The group's public address, e.g. gtmd for …/directory/groups/gtmd/."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    mandate = models.TextField(
        _("mandate"),
        blank=True,
        max_length=MANDATE_MAX_LENGTH,
        validators=[MaxLengthValidator(MANDATE_MAX_LENGTH)],
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("focal_points:group_detail", args=[self.slug])


class PresidencyQuerySet(models.QuerySet):
    def on(self, day: date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def current(self, today: date | None = None) -> "Presidency | None":
        """Return the presidency in force today, or None between presidencies."""
        return self.on(today or timezone.localdate()).first()

    def held_by(self, country):
        return self.filter(country=country)

    def overlapping(self, *, starts_on: date, ends_on: date | None = None, after_hand_over=False):
        """Presidencies sharing a day with the period.

        after_hand_over: leave out the one a hand-over on starts_on ends the day before.
        """
        rows = self.filter(ends_on__gte=starts_on)
        if ends_on is not None:
            rows = rows.filter(starts_on__lte=ends_on)
        if after_hand_over:
            rows = rows.filter(starts_on__gte=starts_on)
        return rows

    def visible_to(self, user):
        """Rows this user may read: reference data is public."""
        return access.restrict(self, access.reference_scope(user))

    def writable_by(self, user):
        """Rows this user may change: the Secretariat and the PPT in office."""
        return access.restrict(self, access.reference_write_scope(user))


class PresidencyManager(models.Manager.from_queryset(PresidencyQuerySet)):
    def get_queryset(self):
        # A presidency is named by its country (__str__): every read brings the country, so
        # no list of presidencies (a form's choices, a report) reads the countries one by one.
        return super().get_queryset().select_related("country")


class Presidency(TimeStampedModel):
    """A country's Pro-Tempore Presidency (PPT) of the CRM for one period."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="presidencies"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    meeting_number = models.CharField(
        _("meeting number"),
        max_length=10,
        blank=True,
        help_text=_('Roman numeral of the Vice-Ministerial Meeting, e.g. "XX".'),
    )
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Replies to the presidency's circulars go to this address."),
    )

    objects = PresidencyManager()

    class Meta:
        verbose_name = _("Pro-Tempore Presidency")
        verbose_name_plural = _("Pro-Tempore Presidencies")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="presidency_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            ExclusionConstraint(
                name=PRESIDENCIES_DO_NOT_OVERLAP,
                expressions=[
                    (inclusive_period("starts_on", "ends_on"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_(
                    "Another Pro-Tempore Presidency already covers part of these dates."
                ),
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.country} ({self.starts_on:%Y})"
        if self.meeting_number:
            return f"{label} · {self.meeting_number} CRM"
        return label

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    @classmethod
    def overlap_message(cls) -> str:
        """Return the message of the no-overlapping-presidencies rule."""
        return constraint_message(cls, PRESIDENCIES_DO_NOT_OVERLAP)
