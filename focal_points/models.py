"""Who is who in the CRM: countries, institutions, groups, focal points and their seats."""

from datetime import date, timedelta

import phonenumbers
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.lookups import Fold
from core.models import TimeStampedModel, constraint_message, localized_sort_key
from focal_points import access

STALE_AFTER_MONTHS = 12
# Database constraints whose messages forms and services show by name.
ONE_PRINCIPAL_PER_SEAT = "designation_one_principal_per_seat"
DESIGNATION_ENDS_AFTER_START = "designation_ends_after_start"
PRESIDENCIES_DO_NOT_OVERLAP = "presidency_periods_do_not_overlap"

# Length limits of free text: generous for real entries, and a wall against a pasted book.
ADDRESS_MAX_LENGTH = 500
MANDATE_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 5000
ALTERNATE_EMAILS_MAX = 10


def text_at_most(field_name: str, limit: int, name: str) -> models.CheckConstraint:
    """Return a database check that a text column holds at most `limit` characters."""
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field_name), limit), name=name)


class DateRange(Func):
    """daterange(start, end, '[]'): an inclusive period; a missing end is open."""

    function = "DATERANGE"
    output_field = DateRangeField()


def inclusive_period(start: str, end: str) -> DateRange:
    """Return the inclusive daterange of two date fields, for exclusion constraints."""
    return DateRange(start, end, Value("[]"))


def stale_cutoff(today: date | None = None, months: int = STALE_AFTER_MONTHS) -> date:
    """Return the date before which a verification is stale."""
    today = today or timezone.localdate()
    return today - timedelta(days=round(months * 365.25 / 12))


class Language(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


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


class FocalPointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_country(self, country):
        return self.filter(institution__country=country)

    def stale(self, today: date | None = None, months: int = STALE_AFTER_MONTHS):
        """Entries not verified within the last twelve months (or never)."""
        cutoff = stale_cutoff(today, months)
        return self.filter(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=cutoff))

    def verified(self, today: date | None = None):
        """Entries verified within the last twelve months."""
        return self.filter(last_verified_on__gte=stale_cutoff(today))

    def by_name(self):
        return self.order_by(Fold("family_name"), Fold("given_name"), "pk")

    def visible_to(self, user):
        """People this user may read in the staff pages."""
        return access.restrict(self, access.focal_point_scope(user))

    def writable_by(self, user):
        """People this user may change."""
        return access.restrict(self, access.focal_point_write_scope(user))

    def with_email(self, *addresses: str):
        """Entries whose primary or an alternate e-mail is one of these, whatever the case."""
        from django.db.models.expressions import RawSQL

        wanted = sorted({a.strip().lower() for a in addresses if a and a.strip()})
        if not wanted:
            return self.none()
        alternate = RawSQL(
            "EXISTS (SELECT 1 FROM unnest(focal_points_focalpoint.alternate_emails) AS a "
            "WHERE lower(a) = ANY(%s))",
            (wanted,),
        )
        return self.alias(email_lower=Lower("email"), alternate_match=alternate).filter(
            Q(email_lower__in=wanted) | Q(alternate_match=True)
        )


class FocalPoint(TimeStampedModel):
    """A person designated by a member country; one entry per person."""

    class Honorific(models.TextChoices):
        MR = "mr", _("Mr.")
        MS = "ms", _("Ms.")
        DR = "dr", _("Dr.")
        AMBASSADOR = "ambassador", _("Ambassador")
        MINISTER = "minister", _("Minister")

    honorific = models.CharField(
        _("honorific"), max_length=12, choices=Honorific.choices, blank=True
    )
    given_name = models.CharField(_("given names"), max_length=120)
    family_name = models.CharField(_("family names"), max_length=120)
    position = models.CharField(_("position"), max_length=255, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="focal_points",
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    alternate_emails = ArrayField(
        models.EmailField(max_length=254),
        verbose_name=_("alternate e-mails"),
        default=list,
        blank=True,
        size=ALTERNATE_EMAILS_MAX,
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    mobile = PhoneNumberField(_("mobile"), blank=True)
    fax = PhoneNumberField(_("fax"), blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        max_length=ADDRESS_MAX_LENGTH,
        validators=[MaxLengthValidator(ADDRESS_MAX_LENGTH)],
    )
    languages = ArrayField(
        models.CharField(max_length=2, choices=Language.choices),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[(Language.SPANISH, _("Spanish")), (Language.ENGLISH, _("English"))],
        default=Language.SPANISH,
        help_text=_("The language of the e-mails the portal sends this person."),
    )
    public_listing_consent = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_(
            "The person agreed that their name, position and institution appear on public pages."
        ),
    )
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Optimistic lock: every save through the services bumps it; a form carrying an older
    # value is refused instead of silently overwriting someone else's change.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="focal_point_email_unique_ci",
                violation_error_message=_("A focal point with this e-mail already exists."),
            ),
            text_at_most("postal_address", ADDRESS_MAX_LENGTH, "focal_point_address_length"),
            models.CheckConstraint(
                condition=Q(alternate_emails__len__lte=ALTERNATE_EMAILS_MAX),
                name="focal_point_alternate_emails_count",
            ),
        ]
        indexes = [
            # The staff list sorts by folded name: an index scan instead of folding every row.
            models.Index(Fold("family_name"), Fold("given_name"), F("id"), name="fp_fold_name_idx"),
            # Accent-blind admin search (LIKE '%term%' on crm_fold) uses trigram indexes.
            *(
                GinIndex(OpClass(Fold(column), name="gin_trgm_ops"), name=f"fp_{column}_trgm")
                for column in ("given_name", "family_name", "email")
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def country(self) -> Country | None:
        return self.institution.country if self.institution_id else None

    @property
    def is_stale(self) -> bool:
        return self.last_verified_on is None or self.last_verified_on < stale_cutoff()

    def format_phone(self, number) -> str:
        """Show a stored E.164 number as people of the institution's country write it."""
        if not number:
            return ""
        country = self.country
        region = country.iso_code if country else None
        parsed = number if isinstance(number, phonenumbers.PhoneNumber) else number
        if region and phonenumbers.region_code_for_number(parsed) == region:
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    @property
    def phone_display(self) -> str:
        return self.format_phone(self.phone)

    @property
    def mobile_display(self) -> str:
        return self.format_phone(self.mobile)

    @property
    def fax_display(self) -> str:
        return self.format_phone(self.fax)


class DesignationQuerySet(models.QuerySet):
    def current(self, today: date | None = None):
        """Designations in force today."""
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )

    def principals(self):
        return self.filter(role=Designation.Role.PRINCIPAL)

    def for_seat(self, *, country, working_group, role=None):
        seat = self.filter(country=country, working_group=working_group)
        return seat if role is None else seat.filter(role=role)

    def overlapping(self, *, starts_on: date, ends_on: date | None = None, after_succession=False):
        """Designations sharing a day with the period (an open end runs until further notice).

        after_succession: leave out those a succession on starts_on ends the day before (the
        ones that started earlier).
        """
        rows = self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        if ends_on is not None:
            rows = rows.filter(starts_on__lte=ends_on)
        if after_succession:
            rows = rows.filter(starts_on__gte=starts_on)
        return rows

    def open(self, today: date | None = None):
        """Designations not yet ended: in force or starting later."""
        today = today or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))

    def visible_to(self, user):
        """Seats this user may read in the staff pages."""
        return access.restrict(self, access.designation_scope(user))

    def writable_by(self, user):
        """Seats this user may open, change or end."""
        return access.restrict(self, access.designation_write_scope(user))


def designation_letter_path(instance: "Designation", filename: str) -> str:
    return f"designation-letters/{timezone.now():%Y}/{filename}"


class Designation(TimeStampedModel):
    """A focal point's seat in a working group for a country, with its dates and letter."""

    class Role(models.TextChoices):
        PRINCIPAL = "principal", _("Principal")
        ALTERNATE = "alternate", _("Alternate")
        ADDITIONAL = "additional", _("Additional contact")

    focal_point = models.ForeignKey(
        FocalPoint,
        verbose_name=_("focal point"),
        on_delete=models.PROTECT,
        related_name="designations",
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="designations",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="designations"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    letter_reference = models.CharField(
        _("letter reference"),
        max_length=120,
        blank=True,
        help_text=_("Reference of the note verbale or letter of designation."),
    )
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    letter_file = models.FileField(
        _("letter file"), upload_to=designation_letter_path, blank=True, max_length=255
    )

    objects = DesignationQuerySet.as_manager()

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name=DESIGNATION_ENDS_AFTER_START,
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            # At most one principal per country and group at any time: no two principal
            # periods of one seat may overlap (an open end counts as "until further notice").
            ExclusionConstraint(
                name=ONE_PRINCIPAL_PER_SEAT,
                expressions=[
                    ("country", RangeOperators.EQUAL),
                    ("working_group", RangeOperators.EQUAL),
                    (inclusive_period("starts_on", "ends_on"), RangeOperators.OVERLAPS),
                ],
                condition=Q(role="principal"),
                violation_error_message=_(
                    "This country already has a principal focal point in this group for "
                    "these dates. End the current designation first."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["working_group", "country", "role"]),
        ]

    def __str__(self) -> str:
        return f"{self.focal_point} · {self.working_group} · {self.get_role_display()}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    @classmethod
    def seat_taken_message(cls) -> str:
        """Return the message of the one-principal-per-seat rule."""
        return constraint_message(cls, ONE_PRINCIPAL_PER_SEAT)


class PresidencyQuerySet(models.QuerySet):
    def on(self, day: date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def current(self, today: date | None = None) -> "Presidency | None":
        """Return the presidency in force today, or None between presidencies."""
        return self.on(today or timezone.localdate()).select_related("country").first()

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

    objects = PresidencyQuerySet.as_manager()

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
