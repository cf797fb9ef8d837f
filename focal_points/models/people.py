"""Who is who: focal points and their seats (designations)."""

from datetime import date

import phonenumbers
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.lookups import Fold
from core.models import TimeStampedModel, choice_label, constraint_message
from core.text import fold
from focal_points import access
from focal_points.models.base import (
    ADDRESS_MAX_LENGTH,
    ALTERNATE_EMAILS_MAX,
    DESIGNATION_ENDS_AFTER_START,
    ONE_PRINCIPAL_PER_SEAT,
    STALE_AFTER_MONTHS,
    Language,
    inclusive_period,
    stale_cutoff,
    text_at_most,
)
from focal_points.models.reference import Country, Institution, WorkingGroup


def name_contains(term: str) -> Q:
    """People whose given or family names contain term, whatever its accents and capitals."""
    # On the stored folded columns and their trigram indexes (fp_*_folded_trgm).
    folded = fold(term)
    return Q(given_name_folded__contains=folded) | Q(family_name_folded__contains=folded)


class FocalPointQuerySet(models.QuerySet):
    def named(self, term: str):
        """People whose names contain term (name_contains)."""
        return self.filter(name_contains(term))

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
        return self.order_by("family_name_folded", "given_name_folded", "pk")

    def unreachable(self):
        """People a communication test could not reach (they did not confirm in time)."""
        return self.filter(unreachable_since__isnull=False)

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
    # The names folded once when the row is written: the staff list sorts by them and its
    # search matches in them (trigram indexes); folding every matching row at each request
    # cost more than the rest of the search's SQL (make bench).
    family_name_folded = models.GeneratedField(
        expression=Fold("family_name"), output_field=models.TextField(), db_persist=True
    )
    given_name_folded = models.GeneratedField(
        expression=Fold("given_name"), output_field=models.TextField(), db_persist=True
    )
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
    # Set by a communication test (a circular asking for confirmation) whose deadline passed
    # without the person's click, cleared by their late confirmation: only through
    # services.focal_point_reachability_set(), never by a form.
    unreachable_since = models.DateField(
        _("unreachable since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Did not confirm a communication test by its deadline."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Optimistic lock: every save through the services bumps it; a form carrying an older
    # value is refused instead of silently overwriting someone else's change.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = FocalPointQuerySet.as_manager()
    # Restoring an earlier version of the entry never brings back or clears this marker.
    history_revert_keeps = ("unreachable_since",)

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
            models.Index(
                fields=["family_name_folded", "given_name_folded", "id"], name="fp_folded_name_idx"
            ),
            # Accent-blind admin search (LIKE '%term%' on the folded names) uses trigram indexes.
            *(
                GinIndex(OpClass(F(column), name="gin_trgm_ops"), name=f"fp_{column}_trgm")
                for column in ("given_name_folded", "family_name_folded")
            ),
            GinIndex(OpClass(Fold("email"), name="gin_trgm_ops"), name="fp_email_trgm"),
            # Public pages leave out the few inactive people by an anti-join on this index.
            models.Index(fields=["id"], condition=Q(is_active=False), name="fp_inactive_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def email_language(self) -> str:
        """Return the language this person reads the portal's e-mails in."""
        language = self.preferred_language or settings.LANGUAGE_CODE
        return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

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


# current() in SQL, for the hand-written reads on the seat index (focal_points/public.py,
# focal_points/selectors.py): a designation aliased d, in force on the parameter %(today)s.
DESIGNATION_CURRENT_SQL = (
    "d.starts_on <= %(today)s AND (d.ends_on IS NULL OR d.ends_on >= %(today)s)"
)


class DesignationQuerySet(models.QuerySet):
    def current(self, today: date | None = None):
        """Designations in force today (DESIGNATION_CURRENT_SQL says the same in SQL)."""
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
            # A seat's designations in order of service, with what "current" and "active
            # person" need: a country page reads its first seats and counts the others on
            # the index alone (focal_points.public._first_seats_and_totals).
            models.Index(
                fields=["country", "working_group", "role", "starts_on", "id"],
                include=["ends_on", "focal_point"],
                name="designation_seat_order",
            ),
            # The staff list's order (Meta.ordering): its first page without sorting every seat.
            models.Index(fields=["-starts_on", "id"], name="designation_start_order"),
            # The staff list's search in letter references (LIKE '%term%' on crm_fold).
            GinIndex(
                OpClass(Fold("letter_reference"), name="gin_trgm_ops"),
                name="designation_letter_trgm",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.focal_point} · {self.working_group} · {choice_label(self.Role, self.role)}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    @classmethod
    def seat_taken_message(cls) -> str:
        """Return the message of the one-principal-per-seat rule."""
        return constraint_message(cls, ONE_PRINCIPAL_PER_SEAT)


# The CRM's order of a seat's people: principal, then alternate, then additional contacts
# (the public directory pages and the contact lists sort by it).
ROLE_ORDER = Case(
    When(role=Designation.Role.PRINCIPAL, then=Value(0)),
    When(role=Designation.Role.ALTERNATE, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
